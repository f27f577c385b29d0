/**
 * Finds mrkdwn emphasis markers that Slack will not render. Slack only treats `*bold*`, `_italic_` and
 * `~strike~` as formatting when the opening marker is preceded, and the closing marker followed, by
 * whitespace, a line edge or ASCII punctuation: `「*件名*」` and `*3*人` show their asterisks.
 *
 * Code spans and blocks, `<...>` entities (links, mentions, channels), `:emoji_names:` and markers inside
 * ASCII words (`INGEST_TEAM_ID`, `a*b`) are not formatting and are skipped.
 */
export interface MarkerProblem {
  marker: string;
  /** The line with the marker, shortened around it. */
  near: string;
  reason: "touches-text" | "unpaired";
}

const MARKERS = new Set(["*", "_", "~"]);
/** Whitespace (ASCII only: an ideographic space does not count) or ASCII punctuation. */
const isBoundary = (c: string | undefined) => c === undefined || /[ \t\r\n!-/:-@[-`{-~]/.test(c);
const isAsciiWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);

/** Replaces what is not formatting (code, entities, emoji names) by spaces of the same length. */
function blankNonFormatting(text: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, " ");
  return text
    .replace(/```[\s\S]*?```/g, (m) => `.${blank(m.slice(2, -2))}.`)
    .replace(/`[^`\n]*`/g, (m) => `.${blank(m.slice(1, -1))}.`)
    .replace(/<[^<>\n]*>/g, (m) => `.${blank(m.slice(1, -1))}.`)
    .replace(/:[a-z0-9_+'-]+:/g, (m) => `.${blank(m.slice(1, -1))}.`);
}

/** Every marker in `text` (one mrkdwn field) that would show as a literal character in Slack. */
export function markerProblems(text: string): MarkerProblem[] {
  const problems: MarkerProblem[] = [];
  const original = text.split("\n");
  blankNonFormatting(text)
    .split("\n")
    .forEach((line, n) => {
      const near = (i: number) => original[n]!.slice(Math.max(0, i - 20), i + 20);
      const open = new Map<string, number>();
      for (let i = 0; i < line.length; i++) {
        const c = line[i]!;
        if (!MARKERS.has(c)) continue;
        const before = line[i - 1];
        const after = line[i + 1];
        if (isAsciiWord(before) && isAsciiWord(after)) continue;
        const start = open.get(c);
        if (start === undefined) {
          // A lone marker between spaces (`a * b`) is a literal, not an opener.
          if (isBoundary(before) && (after === undefined || /\s/.test(after))) continue;
          open.set(c, i);
          if (!isBoundary(before)) problems.push({ marker: c, near: near(i), reason: "touches-text" });
        } else {
          open.delete(c);
          if (!isBoundary(after)) problems.push({ marker: c, near: near(i), reason: "touches-text" });
        }
      }
      for (const [c, i] of open) problems.push({ marker: c, near: near(i), reason: "unpaired" });
    });
  return problems;
}

/** Every mrkdwn text in a payload: `mrkdwn` text objects in blocks, and the top-level fallback `text`. */
export function mrkdwnTexts(payload: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (!v || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    if (o.type === "mrkdwn" && typeof o.text === "string") out.push(o.text);
    for (const [k, x] of Object.entries(o)) if (k !== "text" || typeof x !== "string") walk(x);
  };
  if (payload && typeof payload === "object" && typeof (payload as { text?: unknown }).text === "string") {
    out.push((payload as { text: string }).text);
  }
  walk(payload);
  return out;
}
