/**
 * Text that may not fit one Block Kit field, split so nothing is cut: at a line break, else between words,
 * else after Japanese punctuation, else between characters (grapheme clusters) for a run without any of
 * these; never inside an escape (`&amp;`) or a reference (`<#C123|x>`, `<https://...|label>`). Pure.
 */
import type { KnownBlock } from "@slack/types";
import { BLOCK_LIMITS } from "./block-limits.js";
import { quoteLines } from "./blocks.js";

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The last index at or before `i` that is outside any `&...;` escape and `<...>` reference of `text`. */
function outsideMarkup(text: string, i: number): number {
  const open = text.lastIndexOf("<", i - 1);
  if (open !== -1 && text.lastIndexOf(">", i - 1) < open && text.indexOf(">", open) >= i) i = open;
  const amp = text.lastIndexOf("&", i - 1);
  if (amp !== -1 && i - amp <= 8 && !text.slice(amp, i).includes(";") && /^&[a-z#0-9]*;/i.test(text.slice(amp, amp + 10))) i = amp;
  return i;
}

/** The last grapheme boundary at or before `i`. */
function graphemeBoundary(text: string, i: number): number {
  const start = Math.max(0, i - 64);
  let boundary = start;
  for (const { index } of graphemes.segment(text.slice(start, i + 64))) {
    if (start + index > i) break;
    boundary = start + index;
  }
  return boundary;
}

/** Where to cut `text` so that the head is at most `room` long: the best break at or before `room`. */
function breakAt(text: string, room: number): number {
  const limit = outsideMarkup(text, room);
  const window = text.slice(0, limit);
  const floor = Math.floor(limit / 2); // prefer a later, worse break over a chunk half empty
  const line = window.lastIndexOf("\n");
  if (line > floor) return line + 1;
  const space = Math.max(window.lastIndexOf(" "), window.lastIndexOf("\t"), window.lastIndexOf("\u3000"));
  if (space > floor) return outsideMarkup(text, space + 1);
  const punct = Math.max(...["。", "、", "！", "？", "」", "』", "）", ".", ",", "!", "?"].map((p) => window.lastIndexOf(p)));
  if (punct > floor) return outsideMarkup(text, punct + 1);
  return Math.max(1, graphemeBoundary(text, limit));
}

/**
 * Splits `text` into pieces each at most `max` long as measured by `measure` (e.g. with a quote prefix
 * per line). Joined back (with the whitespace at each break), the pieces are the whole text.
 */
export function splitText(text: string, max: number, measure: (piece: string) => number = (s) => s.length): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (measure(rest) > max) {
    // Largest head that measures within `max` (measure grows with length).
    let lo = 1;
    let hi = Math.min(rest.length, max);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (measure(rest.slice(0, mid)) <= max) lo = mid;
      else hi = mid - 1;
    }
    const found = breakAt(rest, lo);
    const cut = found > 0 ? found : Math.max(1, graphemeBoundary(rest, lo)); // a reference longer than a piece
    pieces.push(rest.slice(0, cut).replace(/\s+$/u, ""));
    rest = rest.slice(cut).replace(/^[ \t\u3000]*\n?/u, "");
  }
  if (rest.length || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/**
 * Section blocks holding all of `body` (mrkdwn, already escaped): as many as it needs, the first one
 * starting with `heading` when given. `quoted` quotes every line (the prefixes count against the limit).
 */
export function longSections(body: string, opts: { heading?: string; quoted?: boolean } = {}): KnownBlock[] {
  const max = BLOCK_LIMITS.sectionTextChars;
  const render = (piece: string, first: boolean) => `${first && opts.heading ? `${opts.heading}\n` : ""}${opts.quoted ? quoteLines(piece) : piece}`;
  // The heading shares the first block; measure every piece as if it were first, which only errs short.
  const split = splitText(body, max, (p) => render(p, true).length);
  // Blank pieces are dropped, unless the body is one blank piece (a section still shows it).
  const pieces = split.length === 1 ? split : split.filter((p) => p.trim() !== "");
  return pieces.map((p, i) => ({ type: "section", text: { type: "mrkdwn", text: render(p, i === 0) } }));
}

/** A header block when `text` fits one (150 characters), else a bold section with all of it. */
export function headerOrSection(text: string, escapeText: (s: string) => string): KnownBlock {
  if (text.length <= BLOCK_LIMITS.headerTextChars) return { type: "header", text: { type: "plain_text", text, emoji: true } };
  return longSections(`*${escapeText(text)}*`)[0]!;
}

/**
 * Heading blocks for text of any length (already escaped mrkdwn, e.g. an imported customer name): a header when it
 * fits one (150), else a bold section, else (past one section) plain sections with all of it.
 */
export function headingBlocks(text: string): KnownBlock[] {
  if (text.length <= BLOCK_LIMITS.headerTextChars) return [{ type: "header", text: { type: "plain_text", text, emoji: true } }];
  if (text.length + 2 <= BLOCK_LIMITS.sectionTextChars) return [{ type: "section", text: { type: "mrkdwn", text: `*${text}*` } }];
  return longSections(text);
}

/**
 * A message's fallback `text` (notifications, screen readers) from whole lines, within the 4,000
 * characters Slack recommends: lines that do not fit are left out and `more(n)` says how many, so the
 * reader knows the blocks hold the rest. Put the lines that matter most first.
 */
export function fallbackText(lines: readonly string[], more: (count: number) => string, max: number = BLOCK_LIMITS.fallbackTextChars): string {
  const all = lines.join("\n");
  if (all.length <= max) return all;
  const kept: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const note = more(lines.length - i);
    if (length + line.length + 1 + note.length + 1 > max) return [...kept, note].join("\n");
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join("\n");
}
