import { parseAlertCommand } from "../../domain/alerts/alert-kinds.js";
import { AppError } from "../../errors/app-error.js";
import { requestContext } from "../../middleware/context.js";
import { listAlertSubscriptions, setQuietHours, unsubscribeAlerts } from "../../services/alerts/alert-subscriptions.js";
import { saveAlertSubscription } from "../../services/alerts/save-alert-subscription.js";
import { getWorkspace } from "../../services/settings/get-workspace.js";
import { alertSubscriptionsText } from "../../views/alerts/alert-subscriptions.js";
import type { ListenerDeps } from "../deps.js";
import type { KpiSubcommand } from "./kpi-command.js";

/**
 * `/kpi alerts` lists the alert subscriptions; `add <kind> #channel [options]`, `remove <kind> #channel` and
 * `quiet #channel 22:00-08:00|off` change them (the bot's admins). Alerts carry customer data: a channel shared with
 * another organisation is refused unless an admin allowed it. Replies are ephemeral.
 */
export function kpiAlertsSubcommand(deps: ListenerDeps): KpiSubcommand {
  return async ({ respond, context, command, client }, rest) => {
    const ctx = requestContext(context);
    const { t, teamId } = ctx;
    const scope = { db: deps.db, teamId };
    const reply = (text: string) => respond({ response_type: "ephemeral", text });
    const parsed = parseAlertCommand(rest);
    if (rest[0]?.toLowerCase() === "help" || parsed.kind === "usage") return void (await reply(t("alerts.usage")));
    if (parsed.kind === "badOption") return void (await reply(t("alerts.badOption", { word: parsed.word })));
    if (parsed.kind === "list") return void (await reply(alertSubscriptionsText(t, await listAlertSubscriptions(scope))));
    if (!(await ctx.isAdmin())) throw new AppError("NOT_ADMIN", "error.notAdmin");

    if (parsed.kind === "remove") {
      const removed = await unsubscribeAlerts(scope, { channelId: parsed.channelId, kind: parsed.alert });
      const kind = t(`alerts.kind.${parsed.alert}`);
      return void (await reply(t(removed ? "alerts.removed" : "alerts.notSubscribed", { channel: parsed.channelId, kind })));
    }
    if (parsed.kind === "quiet") {
      const timeZone = parsed.timeZone ?? (await ctx.userTimeZone()) ?? (await getWorkspace(scope)).timeZone;
      const changed = await setQuietHours(scope, { channelId: parsed.channelId, quiet: parsed.quiet, timeZone });
      if (changed === 0) return void (await reply(t("alerts.quiet.noAlerts", { channel: parsed.channelId })));
      if (!parsed.quiet) return void (await reply(t("alerts.quiet.off", { channel: parsed.channelId })));
      return void (await reply(t("alerts.quiet.set", { channel: parsed.channelId, start: parsed.quiet.start, end: parsed.quiet.end, timeZone })));
    }
    const saved = await saveAlertSubscription(
      { db: deps.db, teamId, client, userTimeZone: ctx.userTimeZone },
      {
        channelId: parsed.channelId,
        kind: parsed.alert,
        options: parsed.options,
        quiet: parsed.quiet,
        timeZone: parsed.timeZone,
        groupAbove: parsed.groupAbove,
        locale: ctx.locale,
        createdBy: command.user_id,
      },
    );
    if (saved.status === "blockedExternal") return void (await reply(t("alerts.blockedExternal", { channel: parsed.channelId })));
    if (saved.status === "unreachable") return void (await reply(t(`alerts.channel.${saved.access}`, { channel: parsed.channelId })));
    const { created, timeZone: savedZone } = saved;
    deps.log.info({ teamId, userId: ctx.userId, kind: parsed.alert, created }, "alert subscription saved");
    const kind = t(`alerts.kind.${parsed.alert}`);
    await reply(t(created ? "alerts.added" : "alerts.updated", { channel: parsed.channelId, kind }));
    if (parsed.quiet) await reply(t("alerts.quiet.set", { channel: parsed.channelId, start: parsed.quiet.start, end: parsed.quiet.end, timeZone: savedZone }));
    if (saved.access !== "member" && saved.access !== "unknown") await reply(t(`alerts.channel.${saved.access}`, { channel: parsed.channelId }));
  };
}
