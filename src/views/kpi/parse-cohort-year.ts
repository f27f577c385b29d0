/** `/kpi cohorts [year] [segment]`: the words after "cohorts", split into a year and a segment name. */

/** Result of `parseCohortYear`. */
export interface CohortYearArgs {
  /** The year asked for, or null for the default (last 12 complete months). */
  year: number | null;
  /** First day of that year, for computeCohorts' `from`; null without a year. */
  from: string | null;
  /** The remaining words, joined: a segment name, or "". */
  segment: string;
}

const YEAR = /^\d{4}$/;
const FIRST_YEAR = 1970;

/**
 * Finds a four-digit year among the words (`2025`, `enterprise 2025`, `2025 enterprise`); the other words
 * are the segment. A year after `currentYear` is not a year with data: such a word, like any other word,
 * stays part of the segment, so `/kpi cohorts 2099` answers "unknown segment" rather than an empty table.
 * Only the first year-like word counts. Pure; never throws.
 */
export function parseCohortYear(text: string, currentYear: number): CohortYearArgs {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const index = words.findIndex((w) => YEAR.test(w) && Number(w) >= FIRST_YEAR && Number(w) <= currentYear);
  if (index === -1) return { year: null, from: null, segment: words.join(" ") };
  const year = Number(words[index]);
  return { year, from: `${year}-01-01`, segment: words.filter((_, i) => i !== index).join(" ") };
}
