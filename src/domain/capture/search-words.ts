/**
 * Words of an `/insight search` query. Every different word must match (case-insensitive substring), up to
 * SEARCH_MAX_WORDS of them; each is one trigram-indexed condition, so the cap bounds the query's cost. Pure.
 */
export const SEARCH_MAX_WORDS = 20;

// Without the u flag a regex sees surrogates one by one (String.prototype.toWellFormed is ES2024).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export interface SearchWords {
  /** The query as searched again by the page buttons: words joined by single spaces, control characters removed. */
  query: string;
  /** The different words searched (lower case, first SEARCH_MAX_WORDS, in the order typed). */
  words: string[];
  /** Different words past the cap, left out of the search (the reply says so). */
  leftOut: number;
}

/**
 * Splits a query at whitespace (ideographic space included) after dropping control characters and unpaired
 * surrogates, so the page buttons' JSON value never grows past twice the query's length (only `"` and `\` are
 * escaped).
 */
export function searchWords(raw: string): SearchWords {
  const typed = raw
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(/\p{Cc}/gu, " ")
    .split(/[\s\u3000]+/u)
    .filter(Boolean);
  const different = [...new Set(typed.map((w) => w.toLowerCase()))];
  const words = different.slice(0, SEARCH_MAX_WORDS);
  return { query: typed.join(" "), words, leftOut: different.length - words.length };
}
