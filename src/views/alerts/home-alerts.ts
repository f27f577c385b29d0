/**
 * App Home's alerts (#17, the bot's admins): every subscription with its channel, kind, thresholds and quiet hours and
 * a Remove button, a warning where the bot is not in the channel, and "Add alert", which opens the modal below.
 * Pure: data in, blocks out.
 */
import type { KnownBlock, ModalView } from "@slack/types";
import type { Locale } from "../../config.js";
import { ALERT_KINDS, DEFAULT_ALERT_OPTIONS, type AlertKind, type AlertOptions } from "../../domain/alerts/alert-kinds.js";
import type { ChannelAccess } from "../../domain/slack/channel-access.js";
import type { Translate } from "../../i18n/index.js";
import { ALERT_FIELDS as F, ALERT_HOME_ACTIONS, ALERT_VIEWS } from "../../slack-ids.js";
import { formModal, context, option, plain, section } from "../blocks.js";
import { kpiFormatters } from "../kpi/kpi-report.js";

/** Subscriptions shown with their own Remove button; the rest are counted (`/kpi alerts` lists them all). */
export const HOME_ALERTS_SHOWN = 15;

/** One subscription as Home shows it. */
export interface HomeAlertRow {
  id: string;
  channelId: string;
  kind: string;
  options: AlertOptions;
  quietStart: string | null;
  quietEnd: string | null;
  timeZone: string;
  groupAbove: number;
}

const TEAM_CHOICES = ["product", "support", "sales", "marketing"] as const;

/** The thresholds that apply to a subscription of `kind`, defaults included, in words. */
export function alertThresholdsText(t: Translate, locale: Locale, kind: AlertKind, o: AlertOptions): string {
  const fmt = kpiFormatters(locale);
  if (kind === "kpi") return t("alerts.threshold.move", { value: fmt.value("number", (o.move ?? DEFAULT_ALERT_OPTIONS.move) * 100) });
  const revenue = o.revenueAbove ?? (o.clvAbove === undefined ? DEFAULT_ALERT_OPTIONS.revenueAbove : undefined);
  const parts = [
    t("alerts.threshold.pAlive", { value: fmt.value("rate", o.pAliveBelow ?? DEFAULT_ALERT_OPTIONS.pAliveBelow) }),
    ...(revenue === undefined ? [] : [t("alerts.threshold.revenue", { value: fmt.value("money", revenue) })]),
    ...(o.clvAbove === undefined ? [] : [t("alerts.threshold.clv", { value: fmt.value("money", o.clvAbove) })]),
    ...(o.team ? [t("alerts.threshold.team", { team: t(`team.${o.team as (typeof TEAM_CHOICES)[number]}`) })] : []),
  ];
  return parts.join(locale === "ja" ? "、" : "; ");
}

/** The Home section: title, one row per subscription (up to HOME_ALERTS_SHOWN), and the "Add alert" button. */
export function homeAlertBlocks(t: Translate, locale: Locale, v: { subscriptions: readonly HomeAlertRow[]; access: ReadonlyMap<string, ChannelAccess> }): KnownBlock[] {
  const blocks: KnownBlock[] = [section(t("alerts.home.title"))];
  if (!v.subscriptions.length) blocks.push(context(t("alerts.home.empty")));
  for (const s of v.subscriptions.slice(0, HOME_ALERTS_SHOWN)) {
    const kind = s.kind as AlertKind;
    const lines = [
      t("alerts.home.line", { channel: s.channelId, kind: t(`alerts.kind.${kind}`) }),
      alertThresholdsText(t, locale, kind, s.options),
      [
        ...(s.quietStart && s.quietEnd ? [t("alerts.list.quiet", { start: s.quietStart, end: s.quietEnd, timeZone: s.timeZone })] : []),
        t("alerts.list.group", { count: s.groupAbove }),
      ].join(locale === "ja" ? "、" : ", "),
    ];
    const access = v.access.get(s.channelId);
    if (access === "inviteNeeded" || access === "archived" || access === "notMember") lines.push(t(`alerts.channel.${access}`, { channel: s.channelId }));
    blocks.push({
      type: "section",
      block_id: `${ALERT_HOME_ACTIONS.removeAlert}:${s.id}`,
      text: { type: "mrkdwn", text: lines.join("\n") },
      accessory: {
        type: "button",
        action_id: ALERT_HOME_ACTIONS.removeAlert,
        text: plain(t("alerts.home.remove")),
        value: s.id,
        confirm: {
          title: plain(t("alerts.home.removeConfirm.title")),
          text: { type: "mrkdwn", text: t("alerts.home.removeConfirm.text", { channel: s.channelId, kind: t(`alerts.kind.${kind}`) }) },
          confirm: plain(t("alerts.home.remove")),
          deny: plain(t("alerts.modal.cancel")),
        },
      },
    });
  }
  if (v.subscriptions.length > HOME_ALERTS_SHOWN) blocks.push(context(t("alerts.home.more", { count: v.subscriptions.length - HOME_ALERTS_SHOWN })));
  blocks.push({ type: "actions", elements: [{ type: "button", action_id: ALERT_HOME_ACTIONS.addAlert, text: plain(t("alerts.home.add")), value: "add" }] });
  return blocks;
}

const textInput = (t: Translate, field: keyof typeof ALERT_FIELD_EXAMPLES, example: string): KnownBlock => ({
  type: "input",
  block_id: F[field],
  optional: true,
  label: plain(t(`alerts.modal.${field}`)),
  element: { type: "plain_text_input", action_id: F[field], max_length: 40, placeholder: plain(example) },
});

/** Examples shown in the modal's threshold fields (and in the message when one cannot be read). */
export const ALERT_FIELD_EXAMPLES = { palive: "30%", revenue: "1000", clv: "500", move: "5", quiet: "22:00-08:00", tz: "Asia/Tokyo", group: "5" } as const;

/** "Add alert": kind, channel, thresholds and quiet hours, read as `/kpi alerts add` reads its options. */
export function addAlertModal(t: Translate): ModalView {
  const E = ALERT_FIELD_EXAMPLES;
  return formModal({
    callbackId: ALERT_VIEWS.addAlert,
    title: t("alerts.modal.title"),
    submit: t("alerts.modal.submit"),
    close: t("alerts.modal.cancel"),
    blocks: [
      {
        type: "input",
        block_id: F.kind,
        label: plain(t("alerts.modal.kind")),
        element: { type: "static_select", action_id: F.kind, options: ALERT_KINDS.map((k) => option(t(`alerts.kind.${k}`), k)) },
      },
      {
        type: "input",
        block_id: F.channel,
        optional: true,
        label: plain(t("alerts.modal.channel")),
        hint: plain(t("alerts.modal.channelHint")),
        element: {
          type: "conversations_select",
          action_id: F.channel,
          filter: { include: ["public", "private"], exclude_bot_users: true, exclude_external_shared_channels: true },
        },
      },
      textInput(t, "palive", E.palive),
      textInput(t, "revenue", E.revenue),
      textInput(t, "clv", E.clv),
      textInput(t, "move", E.move),
      {
        type: "input",
        block_id: F.team,
        optional: true,
        label: plain(t("alerts.modal.team")),
        element: { type: "static_select", action_id: F.team, options: TEAM_CHOICES.map((team) => option(t(`team.${team}`), team)) },
      },
      textInput(t, "quiet", E.quiet),
      textInput(t, "tz", E.tz),
      textInput(t, "group", E.group),
      context(t("alerts.modal.hint")),
    ],
  });
}
