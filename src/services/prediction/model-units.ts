/** The prediction models' time unit (days per unit), its horizon and discount rate per unit. */

/** The model's time unit in words for the API: "day", "week", or "<n>d". */
export function unitName(unitDays: number): string {
  return unitDays === 1 ? "day" : unitDays === 7 ? "week" : `${unitDays}d`;
}

// A Map: the key is the user's word (`constructor` is no unit).
const UNITS = new Map<string, number>(Object.entries({ day: 1, days: 1, week: 7, weeks: 7, month: 30, months: 30 }));

/** Parses an API/Slack unit: "day", "week", "month" (30 days) or a number of days (1..365). Undefined when invalid. */
export function parseUnit(s: string): number | undefined {
  const named = UNITS.get(s);
  if (named !== undefined) return named;
  const n = Number(s.replace(/d$/, ""));
  return Number.isInteger(n) && n >= 1 && n <= 365 ? n : undefined;
}

/** Default CLV horizon of a fit: one year in model units. */
export const defaultHorizon = (unitDays: number): number => Math.max(1, Math.round(365 / unitDays));

/** An annual discount rate as a rate per model unit: (1 + annual)^(unitDays / 365.25) − 1. */
export const discountPerUnit = (annualRate: number, unitDays: number): number => (1 + annualRate) ** (unitDays / 365.25) - 1;
