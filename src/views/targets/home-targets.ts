import type { KnownBlock, ModalView } from "@slack/types";
import type { Locale } from "../../config.js";
import { TARGET_KPIS, type TargetKpi, type TargetStanding } from "../../domain/targets/target-kpis.js";
import type { Translate } from "../../i18n/index.js";
import { ALERT_HOME_ACTIONS, ALERT_VIEWS, TARGET_FIELDS as F } from "../../slack-ids.js";
import { formModal, context, option, plain, section } from "../blocks.js";
import { standingLines, targetKpiLabel, targetSegmentText, targetsListLines, targetValueText } from "./target-words.js";

/** Targets shown with their own Remove button; the rest are listed as text (`/kpi targets` lists them all). */
export const HOME_TARGETS_WITH_BUTTONS = 15;

/** The value of a target's Remove button: `<kpi>|<segment>` ('' = all customers). */
export const targetButtonValue = (r: { kpi: TargetKpi; segment: string }) => `${r.kpi}|${r.segment}`;

/**
 * App Home's targets: everyone who may see KPIs reads the headline period against the all-customers targets; the
 * bot's admins also see every target (segments too), each with a Remove button, and "Set target", which opens the
 * modal below. Nothing when there is nothing to say.
 */
export function homeTargetBlocks(
  t: Translate,
  locale: Locale,
  v: { standings: readonly TargetStanding[]; targets: ReadonlyArray<{ kpi: TargetKpi; segment: string; value: number }> | null },
): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (v.standings.length) blocks.push(section([t("targets.heading"), ...standingLines(t, locale, v.standings)].join("\n")));
  if (!v.targets) return blocks;
  blocks.push(section(t("targets.home.title")));
  const withButtons = v.targets.slice(0, HOME_TARGETS_WITH_BUTTONS);
  if (!v.targets.length) blocks.push(section(t("targets.list.empty")));
  let segment: string | undefined;
  for (const r of withButtons) {
    if (r.segment !== segment) {
      segment = r.segment;
      blocks.push(section(t("targets.list.segment", { segment: targetSegmentText(t, r.segment) })));
    }
    const kpi = targetKpiLabel(t, r.kpi);
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: t("targets.list.line", { kpi, value: targetValueText(locale, r.kpi, r.value) }) },
      accessory: {
        type: "button",
        action_id: ALERT_HOME_ACTIONS.removeTarget,
        text: plain(t("targets.home.remove")),
        value: targetButtonValue(r),
        confirm: {
          title: plain(t("targets.home.removeConfirm.title")),
          text: { type: "mrkdwn", text: t("targets.home.removeConfirm.text", { kpi, segment: targetSegmentText(t, r.segment) }) },
          confirm: plain(t("targets.home.remove")),
          deny: plain(t("targets.modal.cancel")),
        },
      },
    });
  }
  const rest = v.targets.slice(HOME_TARGETS_WITH_BUTTONS);
  if (rest.length) blocks.push(section(targetsListLines(t, locale, rest).join("\n")));
  blocks.push({ type: "actions", elements: [{ type: "button", action_id: ALERT_HOME_ACTIONS.setTarget, text: plain(t("targets.home.set")), value: "set" }] });
  return blocks;
}

/** "Set target": KPI, value and segment, read as `/kpi target` reads them. */
export function setTargetModal(t: Translate): ModalView {
  return formModal({
    callbackId: ALERT_VIEWS.setTarget,
    title: t("targets.modal.title"),
    submit: t("targets.modal.submit"),
    close: t("targets.modal.cancel"),
    blocks: [
      {
        type: "input",
        block_id: F.kpi,
        label: plain(t("targets.modal.kpi")),
        element: { type: "static_select", action_id: F.kpi, options: TARGET_KPIS.map((k) => option(targetKpiLabel(t, k), k)) },
      },
      {
        type: "input",
        block_id: F.value,
        label: plain(t("targets.modal.value")),
        hint: plain(t("targets.modal.valueHint")),
        element: { type: "plain_text_input", action_id: F.value, max_length: 30, placeholder: plain("85%") },
      },
      {
        type: "input",
        block_id: F.segment,
        optional: true,
        label: plain(t("targets.modal.segment")),
        element: { type: "plain_text_input", action_id: F.segment, max_length: 200 },
      },
      context(t("targets.modal.segmentHint")),
    ],
  });
}
