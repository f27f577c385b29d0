/**
 * The Block Kit shapes the chart and table builders emit. Kept local because @slack/types (2.22)
 * has no `data_visualization` type yet and is only a transitive dependency of Bolt.
 */

/** A plain_text composition object. */
export interface PlainText {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}

/** A mrkdwn composition object. */
export interface Mrkdwn {
  type: "mrkdwn";
  text: string;
}

/** A section block with text (fields are not used by these builders). */
export interface SectionBlock {
  type: "section";
  text: PlainText | Mrkdwn;
  block_id?: string;
}

/** A context block: small, muted lines under the main content. */
export interface ContextBlock {
  type: "context";
  elements: Array<PlainText | Mrkdwn>;
  block_id?: string;
}

/** A table cell holding unformatted text. */
export interface RawTextCell {
  type: "raw_text";
  text: string;
}

/** Column alignment accepted by the table block's column_settings. */
export type ColumnAlign = "left" | "center" | "right";

/** One entry of the table block's column_settings. */
export interface TableColumnSetting {
  align?: ColumnAlign;
  is_wrapped?: boolean;
}

/** Slack's `table` block; the first row is the header row. */
export interface TableBlock {
  type: "table";
  rows: RawTextCell[][];
  column_settings?: TableColumnSetting[];
  block_id?: string;
}

/** One labelled value of a chart series. */
export interface ChartDataPoint {
  label: string;
  value: number;
}

/** One named series of a cartesian chart. */
export interface ChartDataSeries {
  name: string;
  data: ChartDataPoint[];
}

/** Categories (x-axis order) and optional axis titles. */
export interface ChartAxisConfig {
  categories: string[];
  x_label?: string;
  y_label?: string;
}

/** Slack's native chart block for line, bar and area charts. */
export interface DataVisualizationBlock {
  type: "data_visualization";
  title: string;
  chart: {
    type: "line" | "bar" | "area";
    series: ChartDataSeries[];
    axis_config: ChartAxisConfig;
  };
  block_id?: string;
}

/** Any block these builders produce. */
export type ChartViewBlock = SectionBlock | ContextBlock | TableBlock | DataVisualizationBlock;

/** The least a block has; lets `fitBlocks` accept blocks built elsewhere too. */
export interface AnyBlock {
  type: string;
  block_id?: string;
}
