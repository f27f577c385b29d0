/**
 * Quiet hours of an alert channel (issue #17): a daily local window such as 22:00-08:00 in a time zone, during which
 * alerts are held and posted when it ends. Pure; luxon does the calendar, so a window that spans a DST change ends at
 * the local wall-clock time (08:00 EST after a night that began at 22:00 EDT), not a fixed number of hours later.
 */
import { DateTime } from "luxon";

export interface QuietHours {
  /** Local HH:MM the window opens. */
  start: string;
  /** Local HH:MM it ends (the next day when earlier than start). */
  end: string;
  timeZone: string;
}

const HHMM = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/;

function readTime(text: string): string | undefined {
  const m = HHMM.exec(text.trim());
  return m ? `${m[1]!.padStart(2, "0")}:${m[2]}` : undefined;
}

/** Reads "22:00-08:00" (or with –, 〜, ~); undefined when it is not two times, or both are the same. */
export function parseQuietHours(text: string): { start: string; end: string } | undefined {
  const parts = text.normalize("NFKC").split(/[-–〜~]/);
  if (parts.length !== 2) return undefined;
  const start = readTime(parts[0]!);
  const end = readTime(parts[1]!);
  if (!start || !end || start === end) return undefined;
  return { start, end };
}

/** Whether `zone` is an IANA time zone luxon knows. */
export const isTimeZone = (zone: string) => DateTime.local().setZone(zone).isValid;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When alerts fired at `now` may be posted: `now` itself outside quiet hours, else the end of the window in
 * progress (today's or tomorrow's local end time). A local end time that does not exist on a DST day (skipped
 * by the clock change) is moved forward by luxon, never backwards.
 */
export function postableAt(now: Date, quiet: QuietHours | null): Date {
  if (!quiet) return now;
  const local = DateTime.fromJSDate(now, { zone: quiet.timeZone });
  if (!local.isValid) return now;
  const at = local.hour * 60 + local.minute;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  const overnight = start > end;
  const inside = overnight ? at >= start || at < end : at >= start && at < end;
  if (!inside) return now;
  // The window's end is today when it has not passed yet (after midnight in an overnight window), else tomorrow.
  const endDay = at < end ? local : local.plus({ days: 1 });
  const ends = endDay.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 });
  return ends.toJSDate();
}
