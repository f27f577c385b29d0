/**
 * Generic table builder on Slack's `table` block. Cuts rows and columns to the block's limits and
 * says what it cut, so the caller can tell the user and offer the rest (CSV export, a filter, paging).
 */
import { BLOCK_LIMITS, truncateText, type TextCut } from "../../block-limits.js";
import type { ColumnAlign, RawTextCell, SectionBlock, TableBlock } from "./block-types.js";

/** A column: translated header text and alignment (numbers read best right-aligned). */
export interface TableColumn {
  header: string;
  align: ColumnAlign;
  /** Wrap long text instead of clipping it. */
  wrap?: boolean;
}

/** Input of `buildTable`. */
export interface TableInput {
  columns: TableColumn[];
  /** Cell text, one array per row, in column order; missing cells show as "–". */
  rows: string[][];
  /** Shown above the table (the table block has no caption of its own). Empty: no caption block. */
  caption: string;
  /** Which rows to keep when there are too many: the first (default) or the last (e.g. newest). */
  keep?: "first" | "last";
  blockId?: string;
}

/** What `buildTable` left out. */
export interface TableTruncation {
  shownRows: number;
  totalRows: number;
  shownColumns: number;
  totalColumns: number;
}

/** Result of `buildTable`. */
export interface TableResult {
  /** Caption section (when given) then the table. A message holds one table. */
  blocks: Array<SectionBlock | TableBlock>;
  /** Caption and rows as text, for the message's top-level `text`. */
  fallbackText: string;
  /** Null when every row and column fits. */
  truncated: TableTruncation | null;
  textCuts: TextCut[];
}

/** Shown for empty or missing cells; Slack's raw_text is not documented to accept "". */
export const EMPTY_CELL = "–";

/** The most data rows a table can show: one of the 100 rows is the header. */
export const MAX_TABLE_DATA_ROWS = BLOCK_LIMITS.tableRows - 1;

function cell(text: string | undefined, field: string, cuts: TextCut[]): RawTextCell {
  const value = text === undefined || text.trim() === "" ? EMPTY_CELL : text;
  const fitted = truncateText(value, BLOCK_LIMITS.tableCellChars, field);
  if (fitted.cut) cuts.push(fitted.cut);
  return { type: "raw_text", text: fitted.text };
}

/**
 * Build a caption and a `table` block holding at most 99 data rows and 20 columns.
 * Throws RangeError when there are no columns.
 */
export function buildTable(input: TableInput): TableResult {
  if (input.columns.length === 0) throw new RangeError("buildTable: needs at least one column");
  const cuts: TextCut[] = [];
  const columns = input.columns.slice(0, BLOCK_LIMITS.tableCellsPerRow);
  const rows = input.rows.length <= MAX_TABLE_DATA_ROWS ? input.rows : input.keep === "last" ? input.rows.slice(-MAX_TABLE_DATA_ROWS) : input.rows.slice(0, MAX_TABLE_DATA_ROWS);
  const offset = input.keep === "last" ? input.rows.length - rows.length : 0;

  const header = columns.map((c, i) => cell(c.header, `table.header[${i}]`, cuts));
  const body = rows.map((row, r) => columns.map((_, c) => cell(row[c], `table.rows[${r + offset}][${c}]`, cuts)));
  const table: TableBlock = {
    type: "table",
    rows: [header, ...body],
    column_settings: columns.map((c) => ({ align: c.align, ...(c.wrap ? { is_wrapped: true } : {}) })),
    ...(input.blockId === undefined ? {} : { block_id: input.blockId }),
  };

  const blocks: TableResult["blocks"] = [];
  if (input.caption !== "") {
    const caption = truncateText(input.caption, BLOCK_LIMITS.sectionTextChars, "caption");
    if (caption.cut) cuts.push(caption.cut);
    blocks.push({ type: "section", text: { type: "plain_text", text: caption.text, emoji: false } });
  }
  blocks.push(table);

  const textRows = table.rows.map((r) => r.map((c) => c.text).join(" | "));
  const fallback = truncateText([input.caption, ...textRows].filter((l) => l !== "").join("\n"), BLOCK_LIMITS.messageTextChars, "fallbackText");
  if (fallback.cut) cuts.push(fallback.cut);

  const maxCells = Math.max(0, ...input.rows.map((r) => r.length));
  const totalColumns = Math.max(input.columns.length, maxCells);
  const cut = rows.length < input.rows.length || columns.length < totalColumns;
  return {
    blocks,
    fallbackText: fallback.text,
    truncated: cut ? { shownRows: rows.length, totalRows: input.rows.length, shownColumns: columns.length, totalColumns } : null,
    textCuts: cuts,
  };
}
