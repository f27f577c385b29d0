import { AppError } from "../../errors/app-error.js";
import { addDays, daysBetween, defaultPeriod, isDay, localDay, startOfDay, type Day, type DayRange } from "../../domain/time/calendar.js";
import { PERIOD_EXAMPLES, parsePeriod } from "../../domain/kpi/parse-period.js";
import { getWorkspace } from "../settings/get-workspace.js";
import type { TeamScope } from "../types.js";
import type { PeriodBoundaries } from "./kpi-counts.js";

export const MAX_WINDOW_DAYS = 3650;

/** The workspace's time zone and activity window, with a per-request window override. */
export async function kpiSettings(opts: TeamScope & { window?: number | undefined; timeZone?: string | undefined }): Promise<{ timeZone: string; window: number }> {
  const ws = await getWorkspace(opts);
  const window = opts.window ?? ws.activityWindowDays;
  if (!Number.isInteger(window) || window < 1 || window > MAX_WINDOW_DAYS) throw new AppError("BAD_INPUT", "kpi.error.window", { max: MAX_WINDOW_DAYS });
  return { timeZone: opts.timeZone ?? ws.timeZone, window };
}

/**
 * The period asked for, as a period word (`2026-Q3`, `last-month`: see domain/kpi/parse-period.ts, read in
 * `timeZone`'s today) or as two days, or the default (the last 4 complete Monday-based weeks). Throws AppError
 * BAD_INPUT for a word that is no period, when both a word and days are given, when only one end is given,
 * a day is malformed, or `to` is not after `from`.
 */
export function resolveRange(opts: { period?: string | undefined; from?: Day | undefined; to?: Day | undefined; now: Date; timeZone: string }): DayRange {
  if (opts.period !== undefined) {
    const parsed = parsePeriod(opts.period, localDay(opts.now, opts.timeZone));
    if (!parsed.ok || opts.from !== undefined || opts.to !== undefined) {
      throw new AppError("BAD_INPUT", "kpi.error.periodWord", { word: opts.period, examples: PERIOD_EXAMPLES.join(", ") });
    }
    return parsed.range;
  }
  if (opts.from === undefined && opts.to === undefined) return defaultPeriod(opts.now, opts.timeZone);
  if (opts.from === undefined || opts.to === undefined || !isDay(opts.from) || !isDay(opts.to)) throw new AppError("BAD_INPUT", "kpi.error.period");
  if (daysBetween(opts.from, opts.to) < 1) throw new AppError("BAD_INPUT", "kpi.error.period");
  return { from: opts.from, to: opts.to };
}

/** Instants of consecutive periods' boundaries (local midnights) and of their activity windows' starts. */
export function boundariesOf(days: Day[], window: number, timeZone: string): PeriodBoundaries {
  return {
    boundaries: days.map((d) => startOfDay(d, timeZone)),
    windowStarts: days.map((d) => startOfDay(addDays(d, -window), timeZone)),
  };
}
