import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { ALERT_KINDS, readAlertOptions, TEAM_CHANNEL } from "../../domain/alerts/alert-kinds.js";
import { parseTargetValue, TARGET_KPIS, TARGET_UNIT } from "../../domain/targets/target-kpis.js";
import { requestContext } from "../../middleware/context.js";
import { saveAlertSubscription } from "../../services/alerts/save-alert-subscription.js";
import { republishHome } from "../../services/home/publish-home.js";
import { saveKpiTarget } from "../../services/targets/save-kpi-target.js";
import { ALERT_FIELDS as F, TARGET_FIELDS as TF } from "../../slack-ids.js";
import { ALERT_FIELD_EXAMPLES } from "../../views/alerts/home-alerts.js";
import { targetKpiLabel } from "../../views/targets/target-words.js";
import type { ListenerDeps } from "../deps.js";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type Values = ViewSubmitAction["view"]["state"]["values"];

const textOf = (values: Values, field: string) => (values[field]?.[field]?.value ?? "").trim();
const selectedOf = (values: Values, field: string) => values[field]?.[field]?.selected_option?.value ?? undefined;

/**
 * "Add alert" from App Home: the fields become `/kpi alerts add` options (`palive:30%`, `quiet:22:00-08:00`, ...) read by
 * the same reader, and are saved by the same service as the command (shared channels refused, the channel joined).
 * An unreadable field is marked in the modal; a non-admin's submission (a forged one: Home shows them no button) is refused.
 */
export function addAlertSubmission(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: ViewArgs) => {
    const ctx = requestContext(context);
    const { t, teamId } = ctx;
    if (!(await ctx.isAdmin())) return void (await ack({ response_action: "errors", errors: { [F.kind]: t("homeTab.admin.refused") } }));
    const values = view.state.values;
    const kind = ALERT_KINDS.find((k) => k === selectedOf(values, F.kind));
    // No channel picked: a voice alert goes to the owning team's channel; the other kinds need one.
    const channelId = values[F.channel]?.[F.channel]?.selected_conversation || (kind === "voice" ? TEAM_CHANNEL : "");
    const errors: Record<string, string> = {};
    if (!kind) errors[F.kind] = t("alerts.modal.kind");
    if (channelId !== TEAM_CHANNEL && !/^[CG][A-Z0-9]+$/.test(channelId)) errors[F.channel] = t("alerts.modal.channelNeeded");
    const words: string[] = [];
    for (const field of Object.keys(ALERT_FIELD_EXAMPLES) as (keyof typeof ALERT_FIELD_EXAMPLES)[]) {
      const text = textOf(values, F[field]);
      if (text === "") continue;
      const word = `${field}:${text}`;
      if (readAlertOptions([word]).bad !== undefined) errors[F[field]] = t("alerts.modal.bad", { value: text, example: ALERT_FIELD_EXAMPLES[field] });
      words.push(word);
    }
    const team = selectedOf(values, F.team);
    if (team) words.push(`team:${team}`);
    const read = readAlertOptions(words);
    if (!kind || Object.keys(errors).length || read.bad !== undefined) return void (await ack({ response_action: "errors", errors }));

    // Saved before the modal closes, so a shared channel is refused in the modal itself.
    const saved = await saveAlertSubscription(
      { db: deps.db, teamId, client, userTimeZone: ctx.userTimeZone },
      { channelId, kind, options: read.options, quiet: read.quiet, timeZone: read.timeZone, groupAbove: read.groupAbove, locale: ctx.locale, createdBy: body.user.id },
    );
    if (saved.status === "blockedExternal") return void (await ack({ response_action: "errors", errors: { [F.channel]: t("alerts.blockedExternal", { channel: channelId }) } }));
    if (saved.status === "unreachable")
      return void (await ack({ response_action: "errors", errors: { [F.channel]: t(`alerts.channel.${saved.access}`, { channel: channelId }) } }));
    await ack();
    deps.log.info({ teamId, userId: ctx.userId, kind, created: saved.created }, "alert subscription saved from home");
    await republishHome(deps, client, teamId, body.user.id);
  };
}

/**
 * "Set target" from App Home: the value is read as `/kpi target` reads it and saved by the same service (the segment
 * must be one the customers have). Bad values are marked in the modal; a non-admin's submission is refused.
 */
export function setTargetSubmission(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: ViewArgs) => {
    const ctx = requestContext(context);
    const { t, teamId } = ctx;
    if (!(await ctx.isAdmin())) return void (await ack({ response_action: "errors", errors: { [TF.kpi]: t("homeTab.admin.refused") } }));
    const values = view.state.values;
    const kpi = TARGET_KPIS.find((k) => k === selectedOf(values, TF.kpi));
    if (!kpi) return void (await ack({ response_action: "errors", errors: { [TF.kpi]: t("targets.modal.kpi") } }));
    const text = textOf(values, TF.value);
    const value = parseTargetValue(kpi, text);
    if (value === undefined) {
      return void (await ack({ response_action: "errors", errors: { [TF.value]: t(`targets.badValue.${TARGET_UNIT[kpi]}`, { kpi: targetKpiLabel(t, kpi), value: text }) } }));
    }
    const segmentName = textOf(values, TF.segment);
    const saved = await saveKpiTarget({ db: deps.db, teamId }, { kpi, value, segmentName, setBy: body.user.id });
    if (saved.status === "unknownSegment") {
      return void (await ack({
        response_action: "errors",
        errors: { [TF.segment]: t("kpi.unknownSegment", { segment: segmentName, known: saved.known.join(", ") || t("word.none") }) },
      }));
    }
    await ack();
    deps.log.info({ teamId, userId: ctx.userId, kpi }, "kpi target set from home");
    await republishHome(deps, client, teamId, body.user.id);
  };
}
