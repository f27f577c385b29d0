/**
 * Wall-clock time in an IANA time zone, with nothing but Intl: enough for schedules (minutes, days,
 * months) across daylight-saving changes, without a date library.
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
export function addDays(d: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Weekday of a local date, 0 = Sunday. */
export function weekdayOf(d: { year: number; month: number; day: number }): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

/** Adds calendar months to a local date's month (the day is left to the caller). */
export function addMonths(d: { year: number; month: number }, months: number): { year: number; month: number } {
  const index = d.year * 12 + (d.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}
