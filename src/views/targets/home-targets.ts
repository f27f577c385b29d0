import type { KnownBlock } from "@slack/types";
import type { Locale } from "../../config.js";
import type { TargetKpi, TargetStanding } from "../../domain/targets/target-kpis.js";
import type { Translate } from "../../i18n/index.js";
import { context, section } from "../blocks.js";
import { standingLines, targetsListLines } from "./target-words.js";

/**
 * App Home's targets: everyone who may see KPIs reads the headline period against the all-customers targets; the
 * bot's admins also see every target (segments too) and how to change them. Nothing when there is nothing to say.
 */
export function homeTargetBlocks(
  t: Translate,
  locale: Locale,
  v: { standings: readonly TargetStanding[]; targets: ReadonlyArray<{ kpi: TargetKpi; segment: string; value: number }> | null },
): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (v.standings.length) blocks.push(section([t("targets.heading"), ...standingLines(t, locale, v.standings)].join("\n")));
  if (v.targets) {
    blocks.push(section([t("targets.home.title"), ...targetsListLines(t, locale, v.targets)].join("\n")));
    if (v.targets.length) blocks.push(context(t("targets.list.howTo")));
  }
  return blocks;
}
