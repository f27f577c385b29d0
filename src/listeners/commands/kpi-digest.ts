import { AppError } from "../../errors/app-error.js";
import { composeDigest } from "../../views/digest/compose-digest.js";
import { formatInstant } from "../../domain/digest/format-time.js";
import { parseSubscribe } from "../../domain/digest/parse-subscribe.js";
import { nextRunAfter } from "../../domain/digest/schedule.js";
import { translator } from "../../i18n/index.js";
import { requestContext } from "../../middleware/context.js";
import { listSubscriptions } from "../../services/digest/list-subscriptions.js";
import { previewDigest } from "../../services/digest/preview-digest.js";
import { mayPostCustomerData } from "../../services/slack/may-post-customer-data.js";
import { subscribeChannel } from "../../services/digest/subscribe-channel.js";
import { unsubscribeChannel } from "../../services/digest/unsubscribe-channel.js";
import { getWorkspace } from "../../services/settings/get-workspace.js";
import { joinChannel } from "../../services/slack/join-channel.js";
import { describeSchedule, subscriptionsList } from "../../views/digest/subscriptions-list.js";
import type { ListenerDeps } from "../deps.js";
import type { KpiSubcommand } from "./kpi-command.js";

/**
 * `/kpi subscribe|unsubscribe|subscriptions|digest preview`: the digest's subcommands of the shared `/kpi`
 * listener (already acked). Subscribing and unsubscribing a channel are for admins. Replies are ephemeral, in the
 * caller's language.
 */
export function digestSubcommands(deps: ListenerDeps): Record<string, KpiSubcommand> {
  /** The caller's time zone from Slack, else the workspace's. */
  const defaultTimeZone = async (ctx: ReturnType<typeof requestContext>) => (await ctx.userTimeZone()) ?? (await getWorkspace({ db: deps.db, teamId: ctx.teamId })).timeZone;

  const subscribe: KpiSubcommand = async ({ command, context, respond, client }, rest) => {
    const ctx = requestContext(context);
    const { t } = ctx;
    if (!(await ctx.isAdmin())) throw new AppError("NOT_ADMIN", "error.notAdmin");
    const parsed = parseSubscribe(rest, { timeZone: await defaultTimeZone(ctx), locale: ctx.locale });
    if (!parsed.ok) {
      const { kind, word } = parsed.problem;
      return void (await respond({ response_type: "ephemeral", text: `${t(`digest.subscribe.${kind}`, { word })}\n${t("digest.subscribe.usage")}` }));
    }
    // Posting needs membership in private channels (which the bot cannot even look up before an invite), and
    // crash recovery reads the channel's history: join first, or say how to invite the bot; nothing is stored.
    const access = await joinChannel(client, command.channel_id);
    if (access !== "member") return void (await respond({ response_type: "ephemeral", text: t(`channel.access.${access}`, { channel: command.channel_id }) }));
    // Digests carry customer names and quotes: a Slack Connect channel needs an admin's allow-shared first.
    if (!(await mayPostCustomerData({ db: deps.db, teamId: ctx.teamId, client }, command.channel_id))) {
      return void (await respond({ response_type: "ephemeral", text: t("digest.subscribe.blockedExternal", { channel: command.channel_id }) }));
    }
    const now = deps.now();
    const sub = await subscribeChannel({ db: deps.db, teamId: ctx.teamId }, { ...parsed.request, channelId: command.channel_id, createdBy: command.user_id, now });
    const next = nextRunAfter(parsed.request, now);
    const lines = [
      t("digest.subscribe.done", {
        channel: sub.channelId,
        schedule: describeSchedule(t, parsed.request),
        timeZone: sub.timeZone,
        next: formatInstant(next, sub.timeZone, ctx.locale),
        language: t(sub.locale === "ja" ? "digest.language.ja" : "digest.language.en"),
      }),
    ];
    if (sub.segment) lines.push(t("digest.subscribe.segment", { segment: sub.segment }));
    await respond({ response_type: "ephemeral", text: lines.join("\n") });
  };

  const unsubscribe: KpiSubcommand = async ({ command, context, respond }) => {
    const ctx = requestContext(context);
    if (!(await ctx.isAdmin())) throw new AppError("NOT_ADMIN", "error.notAdmin");
    const removed = await unsubscribeChannel({ db: deps.db, teamId: ctx.teamId }, command.channel_id);
    await respond({ response_type: "ephemeral", text: ctx.t(removed ? "digest.unsubscribe.done" : "digest.unsubscribe.none", { channel: command.channel_id }) });
  };

  const subscriptions: KpiSubcommand = async ({ context, respond }) => {
    const ctx = requestContext(context);
    const subs = await listSubscriptions({ db: deps.db, teamId: ctx.teamId });
    await respond({ response_type: "ephemeral", ...subscriptionsList(ctx.t, ctx.locale, subs, deps.now()) });
  };

  const digest: KpiSubcommand = async ({ command, context, respond, client }, rest) => {
    const ctx = requestContext(context);
    if ((rest[0] ?? "").toLowerCase() !== "preview") return void (await respond({ response_type: "ephemeral", text: ctx.t("digest.usage") }));
    const { data, locale } = await previewDigest(
      { db: deps.db, teamId: ctx.teamId },
      {
        channelId: command.channel_id,
        now: deps.now(),
        timeZone: await defaultTimeZone(ctx),
        locale: ctx.locale,
        permalink: (channel, ts) => client.chat.getPermalink({ channel, message_ts: ts }).then((r) => r.permalink),
      },
    );
    const composed = composeDigest(data, translator(locale), { locale, preview: true });
    await respond({ response_type: "ephemeral", text: composed.text, blocks: composed.blocks });
  };

  return { subscribe, unsubscribe, subscriptions, digest };
}
