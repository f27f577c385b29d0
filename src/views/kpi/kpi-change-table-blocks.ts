/** The headline KPIs with their change against the period before, as one Slack `table` block. */
import type { Locale } from "../../config.js";
import type { KpiReport } from "../../domain/kpi/report.js";
import type { Translate } from "../../i18n/index.js";
import type { SectionBlock, TableBlock } from "./charts/block-types.js";
import { buildKpiTable } from "./charts/build-kpi-table.js";
import { HEADLINE_KPIS, kpiLine } from "./kpi-report.js";
import { dayLabel, lastDayOf } from "./labels.js";
import type { KpiVisual } from "./kpi-trend-blocks.js";

/**
 * KPI | value | change table from `computeKpis`' report, with a caption naming the period; values and
 * changes are formatted exactly as `/kpi` formats them (the KPI area's `kpiLine`).
 *
 * Where it goes: the digest (src/views/digest/compose-digest.ts) may show it in place of its bulleted KPI
 * section (data.kpis is the report); `/kpi share` may use it in place of the fields. A message holds ONE
 * table block (Slack rejects a second), so never beside `cohortTableBlocks` in the same message. Returns
 * a "no data" section when the period has nothing.
 */
export function kpiChangeTableBlocks(t: Translate, locale: Locale, report: KpiReport): KpiVisual<SectionBlock | TableBlock> {
  if (!report.hasData) {
    const text = t("visuals.kpiTable.noData");
    return { blocks: [{ type: "section", text: { type: "mrkdwn", text } }], text };
  }
  const kpis = HEADLINE_KPIS.map((k) => kpiLine({ ...k, report, t, locale }));
  const table = buildKpiTable({
    kpis,
    labels: { metric: t("visuals.kpiTable.metric"), value: t("visuals.kpiTable.value"), change: t("visuals.kpiTable.change") },
    caption: t("visuals.kpiTable.caption", { from: dayLabel(report.from, locale), to: dayLabel(lastDayOf(report.to), locale) }),
  });
  return { blocks: table.blocks, text: table.fallbackText };
}
