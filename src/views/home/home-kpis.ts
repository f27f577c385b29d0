import type { KnownBlock } from "@slack/types";
import type { Locale } from "../../config.js";
import type { KpiReport } from "../../domain/kpi/report.js";
import type { Translate } from "../../i18n/index.js";
import type { ChartImageRef } from "../../services/home/chart-image-cache.js";
import { BLOCK_LIMITS, truncateText } from "../block-limits.js";
import { clip, context, escapeMrkdwn, header, section } from "../blocks.js";
import { kpiLine } from "../kpi/kpi-report.js";
import { dayLabel, lastDayOf } from "../kpi/labels.js";

/** The KPIs Home shows (the `/kpi` formatter, a subset so Home stays short). */
const HOME_KPIS = [
  { key: "retentionRate", unit: "rate" },
  { key: "churnRate", unit: "rate" },
  { key: "activeAtEnd", unit: "count" },
  { key: "newCustomers", unit: "count" },
  { key: "revenue", unit: "money" },
  { key: "nps", unit: "nps" },
] as const;

/**
 * App Home KPI section: headline KPIs with their change, then the retention/churn trend as an image block
 * showing the uploaded PNG (`slack_file: { id }`), or, without a file, the same key numbers as text.
 * Without data, only admins are shown the import command. At most 5 blocks. Pure.
 */
export function homeKpiBlocks(t: Translate, locale: Locale, report: KpiReport, chart: ChartImageRef | null, opts: { forAdmin: boolean }): KnownBlock[] {
  const blocks: KnownBlock[] = [header(t("homeTab.kpis.title"))];
  if (!report.hasData) {
    blocks.push(section(t(opts.forAdmin ? "homeTab.kpis.noData.admin" : "homeTab.kpis.noData")));
    return blocks;
  }
  blocks.push(context(t("homeTab.kpis.period", { from: dayLabel(report.from, locale), to: dayLabel(lastDayOf(report.to), locale) })));
  const fields = HOME_KPIS.map((k) => kpiLine({ ...k, report, t, locale })).map((l) => ({
    type: "mrkdwn" as const,
    text: `*${l.label}*\n${l.value}${l.change ? `  ${l.change}` : ""}`,
  }));
  blocks.push({ type: "section", fields });
  if (chart?.fileId) {
    blocks.push({
      type: "image",
      slack_file: { id: chart.fileId },
      alt_text: truncateText(chart.altText, BLOCK_LIMITS.imageAltTextChars).text,
      title: { type: "plain_text", text: clip(chart.title, 2000) },
    });
  } else if (chart) {
    blocks.push(section(escapeMrkdwn(chart.altText)));
  }
  blocks.push(context(t("homeTab.kpis.more")));
  return blocks;
}
