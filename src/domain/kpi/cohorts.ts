import { addMonths, type Day } from "../time/calendar.js";

/** One acquisition cohort: `active[k]` customers of it purchased in month k after acquisition (k = 0: the month itself). */
export interface CohortRow {
  /** "YYYY-MM" */
  cohortMonth: string;
  size: number;
  active: number[];
  /** active[k] / size; the last month of a row is the last month before `to`. */
  shares: number[];
}

export interface CohortReport {
  /** First day of the first cohort month. */
  from: Day;
  /** First day of the month after the last one (exclusive). */
  to: Day;
  timeZone: string;
  segment: string | null;
  /** Oldest first; months without acquisitions are left out. */
  cohorts: CohortRow[];
}

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;

/**
 * Builds the triangle from counted rows: `{cohort, month: null, n}` is a cohort's size,
 * `{cohort, month, n}` how many of it purchased in that month.
 */
export function cohortTriangle(input: {
  from: Day;
  to: Day;
  timeZone: string;
  segment: string | null;
  rows: Array<{ cohort: string; month: string | null; n: number }>;
}): CohortReport {
  const last = monthIndex(addMonths(input.to, -1));
  const sizes = input.rows.filter((r) => r.month === null).sort((a, b) => a.cohort.localeCompare(b.cohort));
  const cohorts = sizes.map(({ cohort, n: size }) => {
    const active = Array.from({ length: last - monthIndex(cohort) + 1 }, () => 0);
    for (const r of input.rows) {
      if (r.cohort !== cohort || r.month === null) continue;
      const k = monthIndex(r.month) - monthIndex(cohort);
      if (k >= 0 && k < active.length) active[k] = r.n;
    }
    return { cohortMonth: cohort, size, active, shares: active.map((a) => a / size) };
  });
  return { from: input.from, to: input.to, timeZone: input.timeZone, segment: input.segment, cohorts };
}
