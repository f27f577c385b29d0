/**
 * A trend (retention rate, churn, revenue over periods) as Slack's native chart block, with a context
 * line and fallback text that carry the key numbers for clients and readers that don't see the chart.
 */
import { BLOCK_LIMITS, truncateText, type TextCut } from "../../block-limits.js";
import type { ContextBlock, DataVisualizationBlock } from "./block-types.js";
import { DATA_VISUALIZATION_LIMITS as LIMITS, type TrendChartKind } from "./data-visualization-schema.js";
import { currencyOf, type ChartLocale, type FormatSpec, type ValueFormat } from "./format-value.js";
import { describeSeries, describeTrend, summarizeSeries, type TrendSeries, type TrendSummaryLabels } from "./trend-summary.js";

/** Input of `buildTrendChart`. All text is already translated. */
export interface TrendChartInput {
  title: string;
  /** Oldest point first; every series has the same labels. Series beyond 6 are left off the chart. */
  series: TrendSeries[];
  kind: TrendChartKind;
  valueFormat: ValueFormat;
  locale: ChartLocale;
  /** ISO 4217 code when valueFormat is currency; defaults by locale. */
  currency?: string;
  labels: TrendSummaryLabels;
  /** Axis titles; the y title defaults to "%" for percent and the currency code for currency. */
  axisLabels?: { x?: string; y?: string };
  blockId?: string;
}

/** What the chart left out; the fallback text and context line still cover every series. */
export interface TrendChartTruncation {
  shownSeries: number;
  totalSeries: number;
  /** Newest points are kept. */
  shownPoints: number;
  totalPoints: number;
}

/** Result of `buildTrendChart`. */
export interface TrendChartResult {
  blocks: [DataVisualizationBlock, ContextBlock];
  /** For the message's top-level `text`: title, then latest / change / min / max per series. */
  fallbackText: string;
  /** Null when every series and point is on the chart. */
  truncated: TrendChartTruncation | null;
  /** Text shortened to fit a field (title, labels, names, context). */
  textCuts: TextCut[];
}

function categoriesOf(series: TrendSeries[]): string[] {
  const first = series[0];
  if (!first || first.points.length === 0) throw new RangeError("buildTrendChart: needs at least one series with points");
  const categories = first.points.map((p) => p.label);
  if (new Set(categories).size !== categories.length) throw new RangeError("buildTrendChart: duplicate point labels");
  for (const s of series) {
    const labels = s.points.map((p) => p.label);
    if (labels.length !== categories.length || labels.some((l, i) => l !== categories[i])) {
      throw new RangeError(`buildTrendChart: series "${s.name}" does not have the same labels as "${first.name}"`);
    }
  }
  return categories;
}

/** Cut labels to `limit` and keep them unique, since Slack matches points to categories by label. */
function fitLabels(labels: string[], limit: number, field: string, cuts: TextCut[]): string[] {
  const used = new Set<string>();
  return labels.map((label, i) => {
    const fitted = truncateText(label, limit, `${field}[${i}]`);
    if (fitted.cut) cuts.push(fitted.cut);
    let text = fitted.text;
    for (let n = 2; used.has(text); n += 1) {
      const suffix = `#${n}`;
      text = truncateText(label, limit - suffix.length).text + suffix;
    }
    used.add(text);
    return text;
  });
}

/** Slack's chart has no value format field we know of, so percentages are sent as 0-100 numbers. */
function chartValue(value: number, valueFormat: ValueFormat): number {
  const scaled = valueFormat === "percent" ? value * 100 : value;
  return Math.round(scaled * 100) / 100;
}

function defaultYLabel(spec: FormatSpec): string | undefined {
  if (spec.valueFormat === "percent") return "%";
  return spec.valueFormat === "currency" ? currencyOf(spec) : undefined;
}

function axisTitle(text: string | undefined, field: string, cuts: TextCut[]): string | undefined {
  if (text === undefined || text === "") return undefined;
  const fitted = truncateText(text, LIMITS.axisLabelChars, field);
  if (fitted.cut) cuts.push(fitted.cut);
  return fitted.text;
}

/**
 * Build a `data_visualization` block (line, bar or area) plus a context line with the key numbers.
 * Keeps the first 6 series and the newest 20 points; `truncated` says what the chart left out.
 * Post it in a message only (no modals or Home tabs), at most two charts per message.
 * Throws RangeError when there are no points or the series don't share the same labels.
 */
export function buildTrendChart(input: TrendChartInput): TrendChartResult {
  const spec: FormatSpec = { valueFormat: input.valueFormat, locale: input.locale, currency: input.currency };
  const allCategories = categoriesOf(input.series);
  const cuts: TextCut[] = [];
  const shownSeries = input.series.slice(0, LIMITS.seriesMax);
  const firstShown = Math.max(0, allCategories.length - LIMITS.pointsPerSeriesMax);
  const categories = fitLabels(allCategories.slice(firstShown), LIMITS.categoryLabelChars, "chart.categories", cuts);
  const names = fitLabels(
    shownSeries.map((s) => s.name),
    LIMITS.seriesNameChars,
    "chart.series.name",
    cuts,
  );

  const title = truncateText(input.title, LIMITS.titleChars, "chart.title");
  if (title.cut) cuts.push(title.cut);
  const xLabel = axisTitle(input.axisLabels?.x, "chart.x_label", cuts);
  const yLabel = axisTitle(input.axisLabels?.y ?? defaultYLabel(spec), "chart.y_label", cuts);

  const chart: DataVisualizationBlock = {
    type: "data_visualization",
    title: title.text,
    chart: {
      type: input.kind,
      series: shownSeries.map((s, i) => ({
        name: names[i] ?? s.name,
        data: s.points.slice(firstShown).map((p, j) => ({ label: categories[j] ?? p.label, value: chartValue(p.value, input.valueFormat) })),
      })),
      axis_config: {
        categories,
        ...(xLabel === undefined ? {} : { x_label: xLabel }),
        ...(yLabel === undefined ? {} : { y_label: yLabel }),
      },
    },
    ...(input.blockId === undefined ? {} : { block_id: input.blockId }),
  };

  // Every series, not only the charted ones, so nothing the chart drops is lost to the reader.
  const lines = input.series.map((s) => describeSeries(summarizeSeries(s), spec, input.labels)).join("\n");
  const context = truncateText(lines, BLOCK_LIMITS.contextTextChars, "context.text");
  if (context.cut) cuts.push(context.cut);
  const fallback = truncateText(describeTrend({ ...input }), BLOCK_LIMITS.messageTextChars, "fallbackText");
  if (fallback.cut) cuts.push(fallback.cut);

  const cut = shownSeries.length < input.series.length || firstShown > 0;
  return {
    blocks: [chart, { type: "context", elements: [{ type: "plain_text", text: context.text, emoji: false }] }],
    fallbackText: fallback.text,
    truncated: cut ? { shownSeries: shownSeries.length, totalSeries: input.series.length, shownPoints: categories.length, totalPoints: allCategories.length } : null,
    textCuts: cuts,
  };
}
