/**
 * Calendar days in a workspace time zone, and the instants where they start. KPI periods are whole
 * local days [from, to): `to` is exclusive everywhere (Slack, API, CLI).
 */

import { offsetAt } from "../time/zoned-time.js";

/** A calendar day, "YYYY-MM-DD". */
export type Day = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar day written YYYY-MM-DD. */
export function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function dayParts(day: Day): [number, number, number] {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: Day, n: number): Day {
  const [y, mo, d] = dayParts(day);
  return new Date(Date.UTC(y, mo - 1, d + n)).toISOString().slice(0, 10);
}

/** The first day of the month `n` months after the month of `day`. */
export function addMonths(day: Day, n: number): Day {
  const [y, mo] = dayParts(day);
  return new Date(Date.UTC(y, mo - 1 + n, 1)).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: Day, b: Day): number {
  const [y1, m1, d1] = dayParts(a);
  const [y2, m2, d2] = dayParts(b);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** 0 = Monday … 6 = Sunday. */
export function isoWeekday(day: Day): number {
  const [y, m, d] = dayParts(day);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

// Time-zone offsets come from the one Intl-based implementation the schedules use too.
export { isTimeZone } from "../time/zoned-time.js";

/** The local calendar day of `instant` in `timeZone`. */
export function localDay(instant: Date, timeZone: string): Day {
  return new Date(instant.getTime() + offsetAt(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant a local day starts in `timeZone`. Where a DST change skips midnight, the day starts at the
 * first local time that exists.
 */
export function startOfDay(day: Day, timeZone: string): Date {
  const [y, m, d] = dayParts(day);
  const wall = Date.UTC(y, m - 1, d);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  // Where a DST jump skips midnight, `second` falls on the day before and `first` is the jump itself.
  const onDay = [first, second].filter((c) => localDay(new Date(c), timeZone) === day);
  return new Date(onDay.length ? Math.min(...onDay) : first);
}

/** A period of whole local days [from, to). */
export interface DayRange {
  from: Day;
  to: Day;
}

/**
 * The default `/kpi` period: the last 4 complete weeks, weeks starting on Monday in the workspace time
 * zone. `to` is the Monday of the current week (today when today is Monday: weeks before today are complete).
 */
export function defaultPeriod(now: Date, timeZone: string, weeks = 4): DayRange {
  const today = localDay(now, timeZone);
  const to = addDays(today, -isoWeekday(today));
  return { from: addDays(to, -7 * weeks), to };
}

/** The period of the same length just before `range`. */
export function previousPeriod(range: DayRange): DayRange {
  const len = daysBetween(range.from, range.to);
  return { from: addDays(range.from, -len), to: range.from };
}
