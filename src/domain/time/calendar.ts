/**
 * The one calendar module: calendar days ("YYYY-MM-DD") and wall-clock times in IANA time zones, with nothing
 * but Intl (enough for KPI periods, digest schedules and model dates across daylight-saving changes, without
 * a date library). KPI periods are whole local days [from, to): `to` is exclusive everywhere (Slack, API, CLI).
 */

/** A local date and time in some time zone (month 1..12, weekday 0 = Sunday). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA name this runtime knows ("Asia/Tokyo", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local wall time of instant `at` in `timeZone`. */
export function toWallTime(at: Date, timeZone: string): WallTime & { second: number } {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour") % 24, minute: get("minute"), second: get("second") };
}

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds (Tokyo: +9 h). */
export function offsetAt(ms: number, timeZone: string): number {
  const w = toWallTime(new Date(ms), timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall time happens in `timeZone`. When the clock is set back and the time happens twice,
 * the first one; when it is set forward and the time never happens (02:30 on a spring-forward night),
 * the instant it would have been with the earlier offset, i.e. shifted forward by the gap (03:30), as
 * cron daemons and Luxon do. Assumes offset changes are more than a day apart, true of every zone today.
 */
export function fromWallTime(w: WallTime, timeZone: string): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const before = offsetAt(asUtc - DAY_MS, timeZone);
  const after = offsetAt(asUtc + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => ({ offset, ms: asUtc - offset }))
    .filter((c) => offsetAt(c.ms, timeZone) === c.offset)
    .map((c) => c.ms)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? asUtc - before);
}

/** Calendar arithmetic on a local date (no time zone involved): adds days, normalising month ends. */
export function addWallDays(d: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Weekday of a local date, 0 = Sunday. */
export function weekdayOf(d: { year: number; month: number; day: number }): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

/** Adds calendar months to a local date's month (the day is left to the caller). */
export function addWallMonths(d: { year: number; month: number }, months: number): { year: number; month: number } {
  const index = d.year * 12 + (d.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

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

/** The later of two days. */
export function laterDay(a: Day, b: Day): Day {
  return daysBetween(a, b) > 0 ? b : a;
}

/** 0 = Monday … 6 = Sunday. */
export function isoWeekday(day: Day): number {
  const [y, m, d] = dayParts(day);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

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

/** Days from 1970-01-01 to a YYYY-MM-DD day ("local epoch days": the CLV core's integer day inputs). */
export function epochDayOf(day: Day): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

/** The YYYY-MM-DD day of a local epoch day. */
export function dayOfEpochDay(epochDay: number): Day {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

/** A Prisma @db.Date value (midnight UTC) as YYYY-MM-DD. */
export const dayOfDbDate = (d: Date): Day => d.toISOString().slice(0, 10);
