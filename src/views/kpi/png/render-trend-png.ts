/**
 * Server-side PNG of a trend chart: Vega-Lite spec -> Vega view (headless, no canvas) -> SVG -> PNG
 * with resvg, using only the bundled font. For surfaces without the native chart block (modals,
 * Home tabs, file uploads) and for clients that cannot show it.
 */
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile } from "vega-lite";
import { BLOCK_LIMITS, truncateText, type TextCut } from "../../block-limits.js";
import type { TrendChartKind } from "../charts/data-visualization-schema.js";
import { valueFormatter, type ChartLocale, type ValueFormat } from "../charts/format-value.js";
import { describeTrend, type DescribeTrendInput } from "../charts/trend-summary.js";
import { BUNDLED_FONT_FAMILY, bundledFontPath } from "./bundled-font.js";
import { bundledTextWidth } from "./text-width.js";
import { FORMAT_EXPRESSION, trendSpec } from "./trend-spec.js";

/** Input of `renderTrendPng`: the trend as `describeTrend` takes it (all text already translated), plus the image. */
export interface RenderTrendInput extends DescribeTrendInput {
  /** Output size in pixels. */
  width: number;
  height: number;
  kind?: TrendChartKind;
}

/** Result of `renderTrendPng`. */
export interface RenderedTrend {
  png: Buffer;
  /** Title and latest / change / min / max per series; fits an image block's alt_text. */
  altText: string;
  /** Set when the alt text had to be shortened. */
  altTextCut: TextCut | null;
}

const formatters = new Map<string, (value: number) => string>();

function formatForAxis(value: unknown, valueFormat: unknown, locale: unknown, currency: unknown): string {
  const key = `${String(valueFormat)}|${String(locale)}|${String(currency)}`;
  let format = formatters.get(key);
  if (!format) {
    format = valueFormatter({
      valueFormat: valueFormat as ValueFormat,
      locale: locale as ChartLocale,
      ...(typeof currency === "string" ? { currency } : {}),
    });
    formatters.set(key, format);
  }
  return format(Number(value));
}

// Vega's expression functions and text metrics are global; setting them once at load is enough.
vega.expressionFunction(FORMAT_EXPRESSION, formatForAxis);

interface VegaTextItem {
  fontSize?: number | string;
}
interface VegaTextMetrics {
  width: (item: VegaTextItem, text: unknown) => number;
}
// Not in vega-typings, but exported by vega-scenegraph; without a canvas it is what Vega lays out with.
const { textMetrics } = vega as unknown as { textMetrics: VegaTextMetrics };
textMetrics.width = (item, text) => {
  const fontSize = item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
  return bundledTextWidth(text === null || text === undefined ? "" : String(text).trim(), fontSize);
};

const MIN_SIZE = 100;
const MAX_SIZE = 4000;

/**
 * Render the trend as a PNG of exactly width x height pixels.
 * Throws RangeError for sizes outside 100..4000 px; rejects if Vega cannot build the chart.
 */
export async function renderTrendPng(input: RenderTrendInput): Promise<RenderedTrend> {
  for (const size of [input.width, input.height]) {
    if (!Number.isInteger(size) || size < MIN_SIZE || size > MAX_SIZE) {
      throw new RangeError(`renderTrendPng: width and height must be integers in ${MIN_SIZE}..${MAX_SIZE}, got ${size}`);
    }
  }
  const spec = trendSpec({ ...input, kind: input.kind ?? "line" });
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: [bundledFontPath()],
      defaultFontFamily: BUNDLED_FONT_FAMILY,
      sansSerifFamily: BUNDLED_FONT_FAMILY,
    },
    fitTo: { mode: "width", value: input.width },
    background: "white",
    shapeRendering: 2,
    textRendering: 1,
    logLevel: "off",
  });
  const png = resvg.render().asPng();
  const alt = truncateText(describeTrend(input), BLOCK_LIMITS.imageAltTextChars, "altText");
  return { png, altText: alt.text, altTextCut: alt.cut };
}
