/**
 * Every Block Kit limit the app relies on, and the helpers that cut content to fit them.
 *
 * Sources: docs.slack.dev block reference pages (blocks overview: 50 blocks per message, 100 in modals and
 * Home tabs; header 150; section text 3000, fields 10 x 2000; context 10 elements; actions 25 elements;
 * block_id 255; image alt_text 2000; plain_text_input max_length 3000; table block: 100 rows, 20 cells per
 * row, 20 column_settings; button text 75, value 2000, url 3000; action_id 255; option text 75, value 150,
 * 100 options per select, 5 per overflow, 10 per radio/checkbox group; placeholder 150; input label and hint
 * 2000; modal title, submit and close 24; view private_metadata 3000, callback_id 255). The 40,000-character
 * message text limit is chat.postMessage's truncation point; its docs recommend at most 4,000 for `text`,
 * which is what we hold the fallback text to.
 * "One table per message" (error `only_one_table_allowed`) comes from third-party Block Kit guides, not a
 * Slack page we could read in full. The table cell text limit is not documented anywhere we found; 2000 is
 * the clamp the CopilotKit Slack renderer uses, kept as a conservative guess. Chart limits: see
 * ./charts/data-visualization-schema.ts.
 */
import type { AnyBlock } from "./kpi/charts/block-types.js";
import { DATA_VISUALIZATION_LIMITS } from "./kpi/charts/data-visualization-schema.js";

export { DATA_VISUALIZATION_LIMITS };

/** Block Kit limits, in characters (UTF-16 code units, the stricter count) or items. */
export const BLOCK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerModal: 100,
  blocksPerHomeTab: 100,
  messageTextChars: 40_000,
  fallbackTextChars: 4000,
  buttonValueChars: 2000,
  buttonUrlChars: 3000,
  actionIdChars: 255,
  optionTextChars: 75,
  optionValueChars: 150,
  optionsPerSelect: 100,
  optionsPerOverflow: 5,
  optionsPerChoiceGroup: 10,
  placeholderChars: 150,
  inputLabelChars: 2000,
  inputHintChars: 2000,
  viewTitleChars: 24,
  privateMetadataChars: 3000,
  callbackIdChars: 255,
  blockIdChars: 255,
  textObjectChars: 3000,
  headerTextChars: 150,
  sectionTextChars: 3000,
  sectionFields: 10,
  sectionFieldChars: 2000,
  contextElements: 10,
  contextTextChars: 3000,
  actionsElements: 25,
  buttonTextChars: 75,
  imageAltTextChars: 2000,
  imageUrlChars: 3000,
  plainTextInputMaxLength: 3000,
  tableRows: 100,
  tableCellsPerRow: 20,
  tableColumnSettings: 20,
  tableCellChars: 2000,
  tablesPerMessage: 1,
  chartsPerMessage: DATA_VISUALIZATION_LIMITS.perMessage,
} as const;

/** Where blocks are shown; each surface has its own block count and allowed block types. */
export type Surface = "message" | "modal" | "home";

/** What `truncateText` did to one piece of text. */
export interface TextCut {
  /** Which field was cut, for logs and tests (e.g. "chart.title"). */
  field: string;
  limit: number;
  originalLength: number;
  keptLength: number;
}

/** Result of `truncateText`: the text to send and, when something was cut, what. */
export interface TruncatedText {
  text: string;
  cut: TextCut | null;
}

const ELLIPSIS = "…";
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
// Longest grapheme cluster we expect (ZWJ emoji families are ~11 code units); segmenting only this
// window around the cut keeps truncation O(1): V8's segmenter slows down with the whole string's length.
const CLUSTER_WINDOW = 64;

/** The last grapheme boundary at or before `index` in `text`. */
function graphemeBoundaryAtOrBefore(text: string, index: number): number {
  const start = Math.max(0, index - CLUSTER_WINDOW);
  const window = text.slice(start, index + CLUSTER_WINDOW);
  let boundary = start;
  for (const { index: offset } of graphemes.segment(window)) {
    if (start + offset > index) break;
    boundary = start + offset;
  }
  return boundary;
}

/**
 * Cut `text` to at most `limit` UTF-16 code units, ending with "…" when cut. Cuts between grapheme
 * clusters so emoji, combining marks and surrogate pairs are never split. Use for any user-visible
 * string bound for a Block Kit field; the `cut` tells the caller what was lost.
 * Throws RangeError when `limit` is below 1.
 */
export function truncateText(text: string, limit: number, field = "text"): TruncatedText {
  if (limit < 1) throw new RangeError(`truncateText: limit must be >= 1, got ${limit}`);
  if (text.length <= limit) return { text, cut: null };
  const result = text.slice(0, graphemeBoundaryAtOrBefore(text, limit - ELLIPSIS.length)) + ELLIPSIS;
  return { text: result, cut: { field, limit, originalLength: text.length, keptLength: result.length } };
}

/** Why `fitBlocks` dropped blocks, counted per reason. */
export interface FitReport {
  /** Blocks dropped in all. */
  droppedBlocks: number;
  /** Beyond the surface's block count. */
  overBlockLimit: number;
  /** Tables after the first in a message. */
  extraTables: number;
  /** Charts beyond the per-message count. */
  extraCharts: number;
  /** Charts on a surface that does not take them (modals, Home tabs). */
  chartsOffSurface: number;
}

/** Options for `fitBlocks`. */
export interface FitBlocksOptions<B extends AnyBlock> {
  surface: Surface;
  /**
   * Builds the block that tells the user something was left out (already translated by the caller).
   * When given and anything is dropped, it takes the last allowed slot, so the count still fits.
   */
  overflowNotice?: (report: FitReport) => B;
}

/** Result of `fitBlocks`. */
export interface FittedBlocks<B extends AnyBlock> {
  blocks: B[];
  /** Null when nothing was dropped. */
  report: FitReport | null;
}

function blockLimitFor(surface: Surface): number {
  if (surface === "message") return BLOCK_LIMITS.blocksPerMessage;
  return surface === "modal" ? BLOCK_LIMITS.blocksPerModal : BLOCK_LIMITS.blocksPerHomeTab;
}

/**
 * Keep blocks in order while the surface's limits hold: block count, one table per message, at most
 * two charts per message and none outside messages. Never drops silently: the report says what went,
 * and `overflowNotice` lets the caller tell the user. Does not change the blocks it keeps.
 */
export function fitBlocks<B extends AnyBlock>(blocks: readonly B[], options: FitBlocksOptions<B>): FittedBlocks<B> {
  const report: FitReport = { droppedBlocks: 0, overBlockLimit: 0, extraTables: 0, extraCharts: 0, chartsOffSurface: 0 };
  const allowedByType: B[] = [];
  let tables = 0;
  let charts = 0;
  for (const block of blocks) {
    if (block.type === "data_visualization") {
      if (options.surface !== "message") {
        report.chartsOffSurface += 1;
        continue;
      }
      if (charts >= BLOCK_LIMITS.chartsPerMessage) {
        report.extraCharts += 1;
        continue;
      }
      charts += 1;
    }
    // The one-table rule is documented for messages; modals and Home tabs are not known to take tables.
    if (block.type === "table") {
      if (tables >= BLOCK_LIMITS.tablesPerMessage) {
        report.extraTables += 1;
        continue;
      }
      tables += 1;
    }
    allowedByType.push(block);
  }
  const limit = blockLimitFor(options.surface);
  let kept = allowedByType;
  if (allowedByType.length > limit) {
    const room = options.overflowNotice ? limit - 1 : limit;
    kept = allowedByType.slice(0, room);
    report.overBlockLimit = allowedByType.length - room;
  }
  report.droppedBlocks = report.overBlockLimit + report.extraTables + report.extraCharts + report.chartsOffSurface;
  if (report.droppedBlocks === 0) return { blocks: kept, report: null };
  if (options.overflowNotice && kept.length === allowedByType.length && kept.length >= limit) {
    // Dropped for type reasons while already full: make room for the notice.
    kept = kept.slice(0, limit - 1);
    report.overBlockLimit += 1;
    report.droppedBlocks += 1;
  }
  return { blocks: options.overflowNotice ? [...kept, options.overflowNotice(report)] : kept, report };
}

/**
 * Shares `limit` blocks among sections shown one after another, a divider between each, so that no section is
 * dropped because those above it are long: sections within their fair share keep every block, and what they leave
 * goes to the longer ones (water-filling, shortest first). A section cut to its share keeps its first blocks and
 * ends with `notice(left out)`. Returns the blocks and how many were left out in all.
 */
export function shareBlocks<B>(sections: readonly (readonly B[])[], limit: number, divider: () => B, notice: (leftOut: number) => B): { blocks: B[]; leftOut: number } {
  const shown = sections.filter((s) => s.length > 0);
  const allowed = shown.map((s) => s.length);
  let remaining = limit - Math.max(0, shown.length - 1);
  if (allowed.reduce((a, b) => a + b, 0) > remaining) {
    const shortestFirst = shown.map((_, i) => i).sort((a, b) => shown[a]!.length - shown[b]!.length);
    shortestFirst.forEach((i, k) => {
      allowed[i] = Math.max(0, Math.min(shown[i]!.length, Math.floor(remaining / (shortestFirst.length - k))));
      remaining -= allowed[i]!;
    });
  }
  const blocks: B[] = [];
  let leftOut = 0;
  shown.forEach((s, i) => {
    const keep = allowed[i]!;
    const part = keep >= s.length ? s : keep > 0 ? [...s.slice(0, keep - 1), notice(s.length - (keep - 1))] : [];
    leftOut += s.length - (keep >= s.length ? s.length : Math.max(0, keep - 1));
    if (part.length === 0) return;
    if (blocks.length > 0) blocks.push(divider());
    blocks.push(...part);
  });
  return { blocks, leftOut };
}
