/**
 * The one reader of the period words people type (`/kpi 2026-Q3`, `GET /api/v1/kpis?period=last-month`,
 * `npm run kpi -- --period 2026-W44`). A period is whole local days [from, to), `to` exclusive, like every KPI
 * period; relative words count from `today`, the asker's local day. Calendar math is Luxon's (ISO weeks,
 * month and quarter ends), on plain dates: the time zone only enters where days become instants.
 */

import { DateTime } from "luxon";
import type { Day, DayRange } from "../time/calendar.js";

/** What `parsePeriod` makes of a word. */
export type ParsedPeriod =
  /** A period. */
  | { ok: true; range: DayRange }
  /** Shaped like a period but not one (`2026-13`, `2025-W53`, `last-year`, a range that ends before it starts). */
  | { ok: false };

/** Examples for messages: one of each form `parsePeriod` reads. */
export const PERIOD_EXAMPLES = ["2026-10", "2026-Q3", "2026-W44", "2026-10-01..2026-11-01", "last-week", "last-month", "last-quarter"] as const;

const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-q([1-4])$/i;
const WEEK = /^(\d{4})-w(\d{2})$/i;
const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;
const RELATIVE = /^last-(week|month|quarter)$/i;

/**
 * Whether `word` is meant as a period (so it is not a segment name): it starts with a four-digit year and a
 * dash, or with `last-`. Such a word that `parsePeriod` refuses gets a message with examples, not "unknown segment".
 */
export function looksLikePeriod(word: string): boolean {
  return /^\d{4}-/.test(word) || /^last-/i.test(word);
}

const plain = (day: string) => DateTime.fromISO(day, { zone: "utc" });
const dayOf = (d: DateTime) => d.toISODate() as Day;
const range = (from: DateTime, to: DateTime): ParsedPeriod => (from.isValid && to.isValid && from < to ? { ok: true, range: { from: dayOf(from), to: dayOf(to) } } : { ok: false });

/**
 * Reads one period word. `2026-10` a month, `2026-Q3` a quarter, `2026-W44` an ISO week (Monday to Sunday),
 * `2026-10-01..2026-11-01` days from the first up to the second (not included), `last-week` / `last-month` /
 * `last-quarter` the complete one before the one `today` is in. Pure; never throws.
 */
export function parsePeriod(word: string, today: Day): ParsedPeriod {
  const w = word.trim();
  let m: RegExpExecArray | null;
  if ((m = MONTH.exec(w))) {
    const from = plain(`${m[1]}-${m[2]}-01`);
    return range(from, from.plus({ months: 1 }));
  }
  if ((m = QUARTER.exec(w))) {
    const from = DateTime.fromObject({ year: Number(m[1]), month: 3 * Number(m[2]) - 2, day: 1 }, { zone: "utc" });
    return range(from, from.plus({ quarters: 1 }));
  }
  if ((m = WEEK.exec(w))) {
    const from = DateTime.fromObject({ weekYear: Number(m[1]), weekNumber: Number(m[2]), weekday: 1 }, { zone: "utc" });
    // Luxon rolls week 53 of a 52-week year into the next year's week 1: only a week of the year asked for counts.
    return from.isValid && from.weekYear === Number(m[1]) ? range(from, from.plus({ weeks: 1 })) : { ok: false };
  }
  if ((m = RANGE.exec(w))) return range(plain(m[1]!), plain(m[2]!));
  if ((m = RELATIVE.exec(w))) {
    const unit = m[1]!.toLowerCase() as "week" | "month" | "quarter";
    // Luxon's weeks start on Monday, as every KPI week does.
    const to = plain(today).startOf(unit);
    return range(to.minus({ [`${unit}s`]: 1 }), to);
  }
  return { ok: false };
}
