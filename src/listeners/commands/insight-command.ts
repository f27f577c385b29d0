import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { commandWords, decodeSlackText, parseChannelArg } from "../../domain/slack/markup.js";
import { resolveSlackNames } from "../../services/slack/resolve-slack-names.js";
import { isTeam, LIMITS } from "../../domain/capture/vocabulary.js";
import { AppError } from "../../errors/app-error.js";
import { requestContext } from "../../middleware/context.js";
import { listThemes } from "../../services/capture/list-themes.js";
import { searchInsights } from "../../services/capture/search-insights.js";
import { allowSharedChannel, disallowSharedChannel } from "../../services/settings/allow-shared-channel.js";
import { listInsightRoutes, removeInsightRoute, setInsightRoute } from "../../services/settings/set-insight-route.js";
import { isExternalChannel } from "../../services/slack/is-external-channel.js";
import { joinChannel } from "../../services/slack/join-channel.js";
import { checkChannelAccess } from "../../services/slack/check-channel-access.js";
import { insightModal } from "../../views/capture/insight-modal.js";
import { insightSearchResults } from "../../views/capture/insight-search.js";
import { listThemeWork } from "../../services/work/list-theme-work.js";
import { themeListBlocks } from "../../views/work/theme-list-blocks.js";
import type { ListenerDeps } from "../deps.js";
import { logQuickInsight } from "./quick-insight.js";
import { routingSummary } from "../../views/capture/routing-summary.js";

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** How many themes `/insight themes` lists (one block each). */
const COMMAND_THEMES = 15;

/** `/insight themes [team] [value|customers]`, in any order; undefined for anything else. */
function parseThemesArgs(words: readonly string[]): { team?: string; sort: "customers" | "value" } | undefined {
  const args: { team?: string; sort: "customers" | "value" } = { sort: "customers" };
  for (const word of words.map((w) => w.toLowerCase())) {
    if (word === "value" || word === "customers") args.sort = word;
    else if (isTeam(word) && !args.team) args.team = word;
    else return undefined;
  }
  return args;
}

/** `/insight [help | search <words> | themes [team] [value] | route <team> #channel | allow-shared #channel | <text>]`. */
export function insightCommand(deps: ListenerDeps) {
  return async ({ command, ack, respond, client, context }: Args) => {
    const ctx = requestContext(context);
    const { t } = ctx;
    const text = command.text.trim();
    const [verb = "", ...rest] = commandWords(text);
    const scope = { db: deps.db, teamId: ctx.teamId };

    if (text === "") {
      await ack();
      const themes = await listThemes(scope);
      await client.views.open({ trigger_id: command.trigger_id, view: insightModal(t, { themes, meta: { channelId: command.channel_id } }) });
      return;
    }
    await ack();
    switch (verb.toLowerCase()) {
      case "help":
        await respond({ response_type: "ephemeral", text: t("insight.help") });
        return;
      case "search": {
        await ctx.requireCustomerData();
        const query = decodeSlackText(rest.join(" ")).trim();
        if (!query) return void (await respond({ response_type: "ephemeral", text: t("insight.search.usage") }));
        if (query.length > LIMITS.searchQuery) {
          return void (await respond({
            response_type: "ephemeral",
            text: t("error.tooLong", { field: t("insight.search.field"), max: LIMITS.searchQuery, length: query.length }),
          }));
        }
        const r = await searchInsights(scope, { query, page: 0 });
        await respond({ response_type: "ephemeral", ...insightSearchResults(t, r) });
        return;
      }
      case "themes": {
        await ctx.requireCustomerData();
        const args = parseThemesArgs(rest);
        if (!args) return void (await respond({ response_type: "ephemeral", text: t("work.themes.usage") }));
        const page = await listThemeWork(scope, { ...args, limit: COMMAND_THEMES });
        await respond({ response_type: "ephemeral", ...themeListBlocks(t, { themes: page.items, sort: args.sort, more: page.next !== null }) });
        return;
      }
      case "route": {
        if (rest.length === 0) {
          const routes = await listInsightRoutes(scope);
          const access = await checkChannelAccess(
            client,
            routes.map((r) => r.channelId),
          );
          await respond({ response_type: "ephemeral", text: routingSummary(t, routes, access) });
          return;
        }
        if (!(await ctx.isAdmin())) throw new AppError("NOT_ADMIN", "error.notAdmin");
        const team = (rest[0] ?? "").toLowerCase();
        const target = rest[1] ?? "";
        if (!isTeam(team) || !target) return void (await respond({ response_type: "ephemeral", text: t("insight.route.usage") }));
        if (target.toLowerCase() === "off") {
          await removeInsightRoute(scope, team);
          return void (await respond({ response_type: "ephemeral", text: t("insight.route.removed", { team: t(`team.${team}`) }) }));
        }
        const channelId = parseChannelArg(target)?.id;
        if (!channelId) return void (await respond({ response_type: "ephemeral", text: t("error.badChannel") }));
        await setInsightRoute(scope, { team, channelId, setBy: command.user_id });
        let reply = `${t("insight.route.set", { team: t(`team.${team}`), channel: channelId })}\n${t(`channel.access.${await joinChannel(client, channelId)}`, { channel: channelId })}`;
        if (await isExternalChannel(client, channelId).catch(() => false)) reply += `\n${t("insight.route.external", { channel: channelId })}`;
        await respond({ response_type: "ephemeral", text: reply });
        return;
      }
      case "allow-shared":
      case "disallow-shared": {
        if (!(await ctx.isAdmin())) throw new AppError("NOT_ADMIN", "error.notAdmin");
        const channelId = parseChannelArg(rest[0])?.id;
        if (!channelId) return void (await respond({ response_type: "ephemeral", text: t("error.badChannel") }));
        if (verb.toLowerCase() === "allow-shared") {
          await allowSharedChannel(scope, { channelId, allowedBy: command.user_id });
          await respond({ response_type: "ephemeral", text: t("insight.allowShared.done", { channel: channelId }) });
        } else {
          await disallowSharedChannel(scope, channelId);
          await respond({ response_type: "ephemeral", text: t("insight.allowShared.removed", { channel: channelId }) });
        }
        return;
      }
    }

    // Anything else is a quick log: `/insight + Acme: words #theme`.
    // Slack sends `#support` as `<#C0123|support>` and people as `<@U0123>`: read it as typed before parsing.
    const decoded = decodeSlackText(text, await resolveSlackNames(client, text));
    const reply = await logQuickInsight(deps, ctx, client, { text: decoded, triggerId: command.trigger_id, userId: command.user_id, offerDuplicates: true });
    await respond({ response_type: "ephemeral", ...reply });
  };
}
