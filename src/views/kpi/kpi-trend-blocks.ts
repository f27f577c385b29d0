/**
 * Retention and churn over the last periods (computeKpiTrend's output) as Slack's native line chart, with
 * the key numbers as text for the message `text` and for clients that cannot show the chart.
 */
import type { Locale } from "../../config.js";
import type { KpiPeriod } from "../../domain/kpi/report.js";
import type { Translate } from "../../i18n/index.js";
import type { ChartViewBlock, SectionBlock } from "./charts/block-types.js";
import { buildTrendChart, type TrendChartTruncation } from "./charts/build-trend-chart.js";
import type { TrendSeries } from "./charts/trend-summary.js";
import { periodLabel, summaryLabels } from "./labels.js";

/** What the KPI visuals return: blocks to splice into a message and the text that says the same. */
export interface KpiVisual<B = ChartViewBlock> {
  blocks: B[];
  /** Plain text with the key numbers: the message's `text`, or a line of it. */
  text: string;
}

/** Trend chart result; `truncated` is set when the chart shows fewer periods than given (over 20). */
export interface KpiTrendVisual extends KpiVisual {
  truncated: TrendChartTruncation | null;
}

/**
 * The two series of the trend, oldest period first. Periods without a retention rate (nobody active at
 * their start) are left out: a gap, not a zero, is the truth there.
 */
export function kpiTrendSeries(t: Translate, locale: Locale, trend: readonly KpiPeriod[], targets: TrendTargets = {}): TrendSeries[] {
  const known = trend.filter((p) => p.retentionRate !== null && p.churnRate !== null);
  if (known.length === 0) return [];
  const label = (p: KpiPeriod) => periodLabel(p.to, locale);
  const flat = (name: string, value: number): TrendSeries => ({ name, points: known.map((p) => ({ label: label(p), value })) });
  return [
    { name: t("visuals.trend.retention"), points: known.map((p) => ({ label: label(p), value: p.retentionRate! })) },
    { name: t("visuals.trend.churn"), points: known.map((p) => ({ label: label(p), value: p.churnRate! })) },
    // A target is a flat line across the chart: where the KPI line crosses it, the KPI went on or off track.
    ...(targets.retentionRate === undefined ? [] : [flat(t("targets.chart.retentionTarget"), targets.retentionRate)]),
    ...(targets.churnRate === undefined ? [] : [flat(t("targets.chart.churnTarget"), targets.churnRate)]),
  ];
}

/** Targets drawn as lines on the retention/churn chart (fractions, as the KPIs). */
export interface TrendTargets {
  retentionRate?: number | undefined;
  churnRate?: number | undefined;
}

/** The chart's title: "Retention and churn, last 12 periods". */
export const kpiTrendTitle = (t: Translate, trend: readonly KpiPeriod[]) => t("visuals.trend.title", { count: trend.length });

/**
 * Retention and churn line chart for a message: a `data_visualization` block and a context line with the
 * latest value, change, min and max of each series; `text` carries the same numbers.
 *
 * Where it goes: `/kpi` (src/listeners/commands/kpi-headline.ts) appends `blocks` after
 * `buildKpiReport(...).blocks` and `text` to its text, fed by `computeKpiTrend({ db, teamId, segment, to: report.to })`
 * so the trend ends where the report's period ends. The digest (src/views/digest/compose-digest.ts) appends
 * them after its KPI section. Messages only (not modals or App Home: use the PNG there); at most two charts
 * per message, so one call per message. With no period that has a retention rate it returns one section
 * saying so (never throws on computeKpiTrend output). `targets` adds a flat target line per KPI that has one.
 */
export function kpiTrendBlocks(t: Translate, locale: Locale, trend: readonly KpiPeriod[], targets: TrendTargets = {}): KpiTrendVisual {
  const series = kpiTrendSeries(t, locale, trend, targets);
  if (series.length === 0) {
    const text = t("visuals.trend.noData");
    const block: SectionBlock = { type: "section", text: { type: "mrkdwn", text } };
    return { blocks: [block], text, truncated: null };
  }
  const chart = buildTrendChart({
    title: kpiTrendTitle(t, trend),
    series,
    kind: "line",
    valueFormat: "percent",
    locale,
    labels: summaryLabels(t),
    axisLabels: { x: t("visuals.trend.axis") },
  });
  return { blocks: chart.blocks, text: chart.fallbackText, truncated: chart.truncated };
}
