/**
 * When a digest subscription runs, and which period each run reports on, in the subscription's own time
 * zone. Pure: the scheduler, `/kpi subscriptions` and the preview all use these.
 */
import { addWallDays, addWallMonths, fromWallTime, toWallTime, weekdayOf } from "../time/calendar.js";

export const FREQUENCIES = ["daily", "weekly", "monthly"] as const;
export type DigestFrequency = (typeof FREQUENCIES)[number];

/** A subscription's schedule as stored: `day` is 0..6 (Sunday first) when weekly, 1..28 when monthly. */
export interface DigestSchedule {
  frequency: DigestFrequency;
  day: number | null;
  /** "HH:MM", local time in `timeZone`. */
  time: string;
  timeZone: string;
}

/** The period a digest reports on and the one it is compared with: [previousStart, start) and [start, end). */
export interface DigestPeriod {
  frequency: DigestFrequency;
  timeZone: string;
  previousStart: Date;
  start: Date;
  end: Date;
  /** First and last local day of the period, "YYYY-MM-DD", for display. */
  firstDay: string;
  lastDay: string;
  /** The local day `end` starts (exclusive end), "YYYY-MM-DD". */
  endDay: string;
}

type LocalDate = { year: number; month: number; day: number };

const hhmm = (time: string) => {
  const [h = "0", m = "0"] = time.split(":");
  return { hour: Number(h), minute: Number(m) };
};

const iso = (d: LocalDate) => `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;

/** The local dates a schedule fires on, ascending, starting on or after `from`. */
function* runDates(s: DigestSchedule, from: LocalDate): Generator<LocalDate> {
  if (s.frequency === "daily") {
    for (let d = from; ; d = addWallDays(d, 1)) yield d;
  }
  if (s.frequency === "weekly") {
    const weekday = s.day ?? 1;
    let d = addWallDays(from, (weekday - weekdayOf(from) + 7) % 7);
    for (;;) {
      yield d;
      d = addWallDays(d, 7);
    }
  }
  const day = s.day ?? 1;
  let m = { year: from.year, month: from.month };
  if (from.day > day) m = addWallMonths(m, 1);
  for (;;) {
    yield { ...m, day };
    m = addWallMonths(m, 1);
  }
}

/** Instants the schedule fires in (after, until], ascending; the most recent `limit` when there are more. */
export function occurrencesBetween(s: DigestSchedule, after: Date, until: Date, limit = 100): Date[] {
  if (until <= after) return [];
  const start = addWallDays(toWallTime(after, s.timeZone), -1);
  const { hour, minute } = hhmm(s.time);
  const out: Date[] = [];
  for (const d of runDates(s, start)) {
    const at = fromWallTime({ ...d, hour, minute }, s.timeZone);
    if (at > until) break;
    if (at > after) out.push(at);
  }
  return out.slice(-limit);
}

/** The first instant the schedule fires strictly after `after`. */
export function nextRunAfter(s: DigestSchedule, after: Date): Date {
  const start = addWallDays(toWallTime(after, s.timeZone), -1);
  const { hour, minute } = hhmm(s.time);
  for (const d of runDates(s, start)) {
    const at = fromWallTime({ ...d, hour, minute }, s.timeZone);
    if (at > after) return at;
  }
  throw new Error("unreachable: schedules are infinite");
}

/**
 * The last complete period before instant `at` (a run's scheduled time, or now for a preview), in the
 * schedule's time zone: the previous local day (daily), the seven local days before the run's day
 * (weekly: a Monday digest covers Monday to Sunday), or the previous calendar month (monthly).
 */
export function periodBefore(frequency: DigestFrequency, timeZone: string, at: Date): DigestPeriod {
  const today: LocalDate = toWallTime(at, timeZone);
  const midnight = (d: LocalDate) => fromWallTime({ ...d, hour: 0, minute: 0 }, timeZone);
  let start: LocalDate;
  let previous: LocalDate;
  let end: LocalDate = today;
  if (frequency === "monthly") {
    end = { year: today.year, month: today.month, day: 1 };
    start = { ...addWallMonths(end, -1), day: 1 };
    previous = { ...addWallMonths(end, -2), day: 1 };
  } else {
    const length = frequency === "daily" ? 1 : 7;
    start = addWallDays(end, -length);
    previous = addWallDays(end, -2 * length);
  }
  return {
    frequency,
    timeZone,
    previousStart: midnight(previous),
    start: midnight(start),
    end: midnight(end),
    firstDay: iso(start),
    lastDay: iso(addWallDays(end, -1)),
    endDay: iso(end),
  };
}
