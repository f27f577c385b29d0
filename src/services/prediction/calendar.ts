/**
 * Calendar conventions of the prediction area. A purchase belongs to the calendar day on which it happened
 * in the workspace's time zone (Workspace.timeZone, UTC unless set), and `asOf` is such a day, inclusive.
 * Days are counted as "local epoch days": days from 1970-01-01 to that local date, which is what the
 * CLV core's integer day inputs are.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Local epoch day of a YYYY-MM-DD date (days since 1970-01-01). */
export function epochDayOfIso(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

/** YYYY-MM-DD of a local epoch day. */
export function isoOfEpochDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The date `days` days after (or before, when negative) a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return isoOfEpochDay(epochDayOfIso(date) + days);
}

/** The calendar date of an instant in a time zone, YYYY-MM-DD. Throws RangeError for an unknown zone. */
export function localDate(at: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** A Prisma @db.Date value (midnight UTC) as YYYY-MM-DD. */
export const isoOfDbDate = (d: Date): string => d.toISOString().slice(0, 10);

/** The model's time unit in words for the API: "day", "week", or "<n>d". */
export function unitName(unitDays: number): string {
  return unitDays === 1 ? "day" : unitDays === 7 ? "week" : `${unitDays}d`;
}

/** Parses an API/Slack unit: "day", "week", "month" (30 days) or a number of days (1..365). Undefined when invalid. */
export function parseUnit(s: string): number | undefined {
  const named: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7, month: 30, months: 30 };
  if (s in named) return named[s];
  const n = Number(s.replace(/d$/, ""));
  return Number.isInteger(n) && n >= 1 && n <= 365 ? n : undefined;
}

/** Default CLV horizon of a fit: one year in model units. */
export const defaultHorizon = (unitDays: number): number => Math.max(1, Math.round(365 / unitDays));

/** An annual discount rate as a rate per model unit: (1 + annual)^(unitDays / 365.25) − 1. */
export const discountPerUnit = (annualRate: number, unitDays: number): number =>
  Math.pow(1 + annualRate, unitDays / 365.25) - 1;
