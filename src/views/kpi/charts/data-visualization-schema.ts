/**
 * Field names and limits of Slack's native chart block (`data_visualization`), in one place.
 *
 * Sources, read before writing this (2026):
 * - Slack reference "Data visualization block" (docs.slack.dev/reference/block-kit/blocks/data-visualization-block):
 *   block fields `type` ("data_visualization"), `title` (required, max 50 chars), `chart` (required, one of
 *   pie / bar / area / line), `block_id` (optional). Pie: `segments`, min 1 max 6. Bar / area: `series`
 *   min 1 max 6 and a required `axis_config` ("X-axis categories and axis titles"); area series are layered
 *   in array order, first at the back. The page text we could read stops inside the area section, so the
 *   line chart's fields, the Data Series / Data Point / Axis Config schemas and the per-message count were
 *   NOT read from Slack's own page.
 * - Those came from two Rust SDKs that link each struct to that page's anchors (#line, #data-series,
 *   #data-point, #axis-config): slack-messaging 0.7.7 (line: `series` 1..6 + `axis_config`; data series
 *   `name` max 20 chars, `data` 1..20 points; data point `label` max 20 chars, `value` number; axis config
 *   `categories` string[] each max 20 chars, optional `x_label` / `y_label` max 50 chars; series names
 *   unique and point labels must match the axis categories) and slack-morphism 2.30 ("a message may hold
 *   at most two of these"; each series holds exactly one point per category).
 * - Conflict: slack-morphism and OpenClaw's docs say 1-12 series; Slack's own page says max 6. We use 6.
 * - "Messages only" comes from the product brief; no page we read states the surfaces. `fitBlocks` drops
 *   charts from modals and Home tabs and reports it.
 */
export const DATA_VISUALIZATION = {
  blockType: "data_visualization",
  fields: {
    title: "title",
    chart: "chart",
    blockId: "block_id",
    chartType: "type",
    series: "series",
    axisConfig: "axis_config",
    seriesName: "name",
    seriesData: "data",
    pointLabel: "label",
    pointValue: "value",
    categories: "categories",
    xLabel: "x_label",
    yLabel: "y_label",
    segments: "segments",
  },
  chartTypes: ["line", "bar", "area", "pie"],
} as const;

/** Numeric limits of the `data_visualization` block; see the sources above. */
export const DATA_VISUALIZATION_LIMITS = {
  titleChars: 50,
  seriesMin: 1,
  seriesMax: 6,
  pointsPerSeriesMax: 20,
  seriesNameChars: 20,
  pointLabelChars: 20,
  categoryLabelChars: 20,
  axisLabelChars: 50,
  pieSegmentsMax: 6,
  perMessage: 2,
} as const;

/** The cartesian chart kinds the app draws; pie is not used for trends. */
export type TrendChartKind = "line" | "bar" | "area";
