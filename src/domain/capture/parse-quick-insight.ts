import { LIMITS, type Sentiment } from "./vocabulary.js";

export interface QuickInsight {
  sentiment: Sentiment;
  themes: string[];
  quote: string;
  customer: string | null;
}

const SENTIMENT_PREFIX: Record<string, Sentiment> = { "+": "positive", "-": "negative", "=": "neutral" };

/** Normalises a theme tag: lower case (Latin), no leading '#', inner spaces as '-'. */
export function normaliseTheme(raw: string): string {
  return raw
    .trim()
    .replace(/^[#＃]+/, "")
    .replace(/\s+/g, "-")
    .toLowerCase();
}

/**
 * Parses `/insight <text>`: a leading `+`, `-` or `=` sets the sentiment (default neutral), `#tags`
 * (also full-width `＃`, as Japanese keyboards type it) become themes, and an optional `@customer:` or
 * `customer: ` prefix names the customer ("Acme: they love the export").
 * The tags stay in the quote text so the customer's words are kept as typed.
 */
export function parseQuickInsight(text: string): QuickInsight {
  let rest = text.trim();
  let sentiment: Sentiment = "neutral";
  const first = rest.charAt(0);
  if (first in SENTIMENT_PREFIX && (rest.length === 1 || /\s/.test(rest.charAt(1)))) {
    sentiment = SENTIMENT_PREFIX[first]!;
    rest = rest.slice(1).trim();
  }
  const themes: string[] = [];
  for (const m of rest.matchAll(/(?:^|\s)[#＃]([^\s#＃,、。!?！？]+)/gu)) {
    const tag = normaliseTheme(m[1]!);
    if (tag && !themes.includes(tag)) themes.push(tag);
  }
  let customer: string | null = null;
  const named = /^([^:：\s][^:：]{0,80})[:：]\s+(.+)$/su.exec(rest);
  if (named && !named[1]!.includes("#")) {
    customer = named[1]!.trim();
    rest = named[2]!.trim();
  }
  return { sentiment, themes: themes.slice(0, LIMITS.themes), quote: rest, customer };
}

/** Splits a comma/space/読点 separated theme list typed into the modal. */
export function parseThemeList(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const part of text.split(/[,、，\s]+/u)) {
    const t = normaliseTheme(part);
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}
