import { addMonths, isDay, localDay, startOfDay, type Day } from "../../domain/time/calendar.js";
import { cohortTriangle, type CohortReport } from "../../domain/kpi/cohorts.js";
import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";
import { kpiQuery } from "./kpi-sql.js";
import { kpiSettings } from "./resolve-period.js";

export interface ComputeCohortsOptions extends TeamScope {
  /** Any day of the first cohort month (rounded down to the month's first day). */
  from?: Day | undefined;
  /** Exclusive end, rounded down to its month's first day: only whole months are shown. */
  to?: Day | undefined;
  segment?: string | null | undefined;
  now?: Date | undefined;
}

/**
 * Monthly acquisition cohorts (months in the workspace time zone): for each month in [from, to), the
 * customers acquired in it and the share of them purchasing in each following month up to `to`.
 * Default: the last 12 complete months, or, when nobody was acquired in them, the 12 months up to the latest one
 * that acquired anyone (a workspace whose data stops in the past still sees its cohorts). Throws AppError
 * BAD_INPUT for a malformed or empty range.
 */
export async function computeCohorts(opts: ComputeCohortsOptions): Promise<CohortReport> {
  const { timeZone } = await kpiSettings(opts);
  if ((opts.from !== undefined && !isDay(opts.from)) || (opts.to !== undefined && !isDay(opts.to))) throw new AppError("BAD_INPUT", "kpi.error.period");
  let to = addMonths(opts.to ?? localDay(opts.now ?? new Date(), timeZone), 0);
  if (opts.from === undefined && opts.to === undefined) to = await latestMonthsWithData({ ...opts, timeZone, to });
  const from = opts.from ? addMonths(opts.from, 0) : addMonths(to, -12);
  if (from >= to) throw new AppError("BAD_INPUT", "kpi.error.period");
  const rows = await kpiQuery<{ cohort: string; month: string | null; n: number }>(
    opts.db,
    `select to_char(k."acquiredAt" at time zone $2, 'YYYY-MM') as cohort, null::text as month, count(*)::int as n
     from "KpiCustomer" k
     where k."teamId" = $1 and k."acquiredAt" >= $3::timestamptz and k."acquiredAt" < $4::timestamptz
       and ($5::text is null or k."segment" = $5::text)
     group by 1
     union all
     select to_char(k."acquiredAt" at time zone $2, 'YYYY-MM'), to_char(p."at" at time zone $2, 'YYYY-MM'), count(distinct p."customerId")::int
     from "Purchase" p join "KpiCustomer" k on k."customerId" = p."customerId"
     where p."teamId" = $1 and p."at" >= $3::timestamptz and p."at" < $4::timestamptz
       and k."teamId" = $1 and k."acquiredAt" >= $3::timestamptz and k."acquiredAt" < $4::timestamptz
       and ($5::text is null or k."segment" = $5::text)
     group by 1, 2`,
    [opts.teamId, timeZone, startOfDay(from, timeZone).toISOString(), startOfDay(to, timeZone).toISOString(), opts.segment ?? null],
  );
  return cohortTriangle({ from, to, timeZone, segment: opts.segment ?? null, rows: rows.map((r) => ({ ...r, n: Number(r.n) })) });
}

/**
 * The exclusive end of the default 12-month window: `to`, unless the latest acquisition before it is older than
 * that window, then the month after that acquisition.
 */
async function latestMonthsWithData(opts: TeamScope & { segment?: string | null | undefined; timeZone: string; to: Day }): Promise<Day> {
  const [row] = await opts.db.$queryRawUnsafe<Array<{ latest: Date | string | null }>>(
    `select max(k."acquiredAt") as latest from "KpiCustomer" k
     where k."teamId" = $1 and k."acquiredAt" < $2::timestamptz and ($3::text is null or k."segment" = $3::text)`,
    opts.teamId,
    startOfDay(opts.to, opts.timeZone).toISOString(),
    opts.segment ?? null,
  );
  if (!row?.latest) return opts.to;
  const latestMonth = addMonths(localDay(new Date(row.latest), opts.timeZone), 0);
  return latestMonth < addMonths(opts.to, -12) ? addMonths(latestMonth, 1) : opts.to;
}
