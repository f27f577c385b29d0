/**
 * Vega-Lite spec for a trend chart image. Pure: data in, spec out. Numbers shown in the image are
 * formatted with Intl (through the `rdFormat` expression function) so they match the Block Kit text.
 */
import type { TopLevelSpec } from "vega-lite";
import type { TrendChartKind } from "../charts/data-visualization-schema.js";
import { valueFormatter, type ChartLocale, type FormatSpec, type ValueFormat } from "../charts/format-value.js";
import type { TrendSeries } from "../charts/trend-summary.js";
import { BUNDLED_FONT_FAMILY } from "./bundled-font.js";

/** Name of the Vega expression function that formats axis labels; registered in render-trend-png.ts. */
export const FORMAT_EXPRESSION = "rdFormat";

/** Input of `trendSpec`. */
export interface TrendSpecInput {
  title: string;
  series: TrendSeries[];
  valueFormat: ValueFormat;
  locale: ChartLocale;
  currency?: string;
  kind: TrendChartKind;
  width: number;
  height: number;
}

interface TrendRow {
  series: string;
  label: string;
  value: number;
  formatted: string;
  isLatest: boolean;
}

// Colour-blind-safe palette (Okabe-Ito), fixed so reference images stay stable.
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

function rowsOf(input: TrendSpecInput, spec: FormatSpec): TrendRow[] {
  const format = valueFormatter(spec);
  return input.series.flatMap((s) => {
    const points = s.points.filter((p) => Number.isFinite(p.value));
    return points.map((p, i) => ({
      series: s.name,
      label: p.label,
      value: p.value,
      formatted: format(p.value),
      isLatest: i === points.length - 1,
    }));
  });
}

/** A Vega expression string literal; JSON string syntax is valid there. */
function quote(text: string): string {
  return JSON.stringify(text);
}

// Past this many series the latest-value labels collide; the legend and alt text carry the numbers.
const MAX_SERIES_WITH_VALUE_LABELS = 3;

// Print the latest value beside the last point: it is the number the reader came for.
const latestValueLayer = {
  transform: [{ filter: "datum.isLatest" }],
  mark: { type: "text", align: "left", dx: 6, dy: -10, fontSize: 13 },
  encoding: { text: { field: "formatted" } },
} as const;

/** Build the Vega-Lite spec; its pixel size is exactly width x height (autosize fit). */
export function trendSpec(input: TrendSpecInput): TopLevelSpec {
  const spec: FormatSpec = { valueFormat: input.valueFormat, locale: input.locale, currency: input.currency };
  const rows = rowsOf(input, spec);
  const categories = [...new Set(rows.map((r) => r.label))];
  const names = input.series.map((s) => s.name);
  const currency = input.currency === undefined ? "null" : quote(input.currency);
  const labelExpr = `${FORMAT_EXPRESSION}(datum.value, ${quote(input.valueFormat)}, ${quote(input.locale)}, ${currency})`;
  const isBar = input.kind === "bar";
  const mark =
    input.kind === "line" ? { type: "line" as const, point: true, strokeWidth: 2 } : isBar ? { type: "bar" as const } : { type: "area" as const, opacity: 0.35, line: true };

  return {
    width: input.width,
    height: input.height,
    autosize: { type: "fit", contains: "padding" },
    padding: 16,
    background: "white",
    title: { text: input.title, anchor: "start", fontSize: 18, offset: 12 },
    config: {
      font: BUNDLED_FONT_FAMILY,
      view: { stroke: null },
      axis: { labelFontSize: 12, titleFontSize: 12, gridColor: "#e5e7eb", domainColor: "#9ca3af", tickColor: "#9ca3af" },
      legend: { orient: "bottom", labelFontSize: 12, symbolStrokeWidth: 2 },
      range: { category: PALETTE },
    },
    data: { values: rows },
    encoding: {
      x: {
        field: "label",
        type: "ordinal",
        sort: categories,
        title: null,
        axis: { labelAngle: categories.length > 8 ? -45 : 0, labelOverlap: true },
      },
      y: {
        field: "value",
        type: "quantitative",
        title: null,
        scale: { zero: isBar },
        // Series are compared, not summed: layered like Slack's own area chart, never stacked.
        stack: null,
        axis: { labelExpr, tickCount: 6 },
      },
      color: {
        field: "series",
        type: "nominal",
        sort: names,
        legend: names.length > 1 ? { title: null } : null,
      },
      ...(isBar ? { xOffset: { field: "series", sort: names } } : {}),
    },
    layer: [{ mark }, ...(input.series.length > MAX_SERIES_WITH_VALUE_LABELS ? [] : [latestValueLayer])],
  } as TopLevelSpec;
}
