/**
 * The key numbers of a trend (latest, change, min, max) as data and as text. The same text is the
 * message fallback, the context line under a chart and the PNG's alt text, so a reader without the
 * chart loses nothing that matters.
 */
import { changeFormatter, relativeChangeFormatter, valueFormatter, type ChartLocale, type FormatSpec, type ValueFormat } from "./format-value.js";

/** One labelled value of a trend, e.g. { label: '2024-05', value: 0.82 }. */
export interface TrendPoint {
  label: string;
  value: number;
}

/** A named trend line, points oldest first. */
export interface TrendSeries {
  name: string;
  points: TrendPoint[];
}

/** Words the summary needs, already translated by the caller (from the i18n catalog). */
export interface TrendSummaryLabels {
  /** e.g. "Latest" / "最新" */
  latest: string;
  /** e.g. "Change" / "前期比" */
  change: string;
  /** The period compared with, after the change: " vs Nov 1, 2026" / "（2026年11月1日との比較）" */
  versus: (label: string) => string;
  /** The period of a value, after it: " (Nov 8, 2026)" / "（2026年11月8日）" */
  at: (label: string) => string;
  /** e.g. "Min" / "最小" */
  min: string;
  /** e.g. "Max" / "最大" */
  max: string;
  /** Unit of a change between two percentages, e.g. "pt" */
  percentPoint: string;
}

/** Key numbers of one series. Null fields mean the series has too few points. */
export interface SeriesSummary {
  name: string;
  latest: TrendPoint | null;
  previous: TrendPoint | null;
  /** latest - previous */
  change: number | null;
  min: TrendPoint | null;
  max: TrendPoint | null;
}

/** Compute latest, change against the previous point, min and max (first occurrence wins ties). */
export function summarizeSeries(series: TrendSeries): SeriesSummary {
  const points = series.points.filter((p) => Number.isFinite(p.value));
  const latest = points.at(-1) ?? null;
  const previous = points.at(-2) ?? null;
  let min: TrendPoint | null = null;
  let max: TrendPoint | null = null;
  for (const point of points) {
    if (min === null || point.value < min.value) min = point;
    if (max === null || point.value > max.value) max = point;
  }
  const change = latest && previous ? latest.value - previous.value : null;
  return { name: series.name, latest, previous, change, min, max };
}

/** Input of `describeTrend`. */
export interface DescribeTrendInput {
  title: string;
  series: TrendSeries[];
  valueFormat: ValueFormat;
  locale: ChartLocale;
  currency?: string;
  labels: TrendSummaryLabels;
}

const NO_DATA = "–";

/** One line per series: "Name: Latest 82.5% (2024-06) · Change +1.2pt vs 2024-05 · Min … · Max …" (ja: "最新 82.5%（2024年6月）"). */
export function describeSeries(summary: SeriesSummary, spec: FormatSpec, labels: TrendSummaryLabels): string {
  const value = valueFormatter(spec);
  if (!summary.latest || !summary.min || !summary.max) return `${summary.name}: ${NO_DATA}`;
  const parts = [`${labels.latest} ${value(summary.latest.value)}${labels.at(summary.latest.label)}`];
  if (summary.change !== null && summary.previous) {
    parts.push(`${labels.change} ${describeChange(summary, spec, labels)}${labels.versus(summary.previous.label)}`);
  }
  parts.push(`${labels.min} ${value(summary.min.value)}${labels.at(summary.min.label)}`);
  parts.push(`${labels.max} ${value(summary.max.value)}${labels.at(summary.max.label)}`);
  return `${summary.name}: ${parts.join(" · ")}`;
}

function describeChange(summary: SeriesSummary, spec: FormatSpec, labels: TrendSummaryLabels): string {
  const change = summary.change ?? 0;
  const absolute = changeFormatter(spec)(change);
  if (spec.valueFormat === "percent") return `${absolute}${labels.percentPoint}`;
  const previous = summary.previous?.value ?? 0;
  if (previous === 0) return absolute;
  return `${absolute}${labels.at(relativeChangeFormatter(spec.locale)(change / Math.abs(previous)))}`;
}

/** Title line followed by one line per series; the caller cuts it to the field's limit. */
export function describeTrend(input: DescribeTrendInput): string {
  const spec: FormatSpec = { valueFormat: input.valueFormat, locale: input.locale, currency: input.currency };
  const lines = input.series.map((s) => describeSeries(summarizeSeries(s), spec, input.labels));
  return [input.title, ...lines].join("\n");
}
