import type { Db } from "../../db/client.js";
import type { PeriodCounts } from "../../domain/kpi/report.js";

/** One period [from, to) with its boundaries' window starts: everything its counts depend on besides the data. */
export interface RollupPeriod {
  from: Date;
  to: Date;
  windowFrom: Date;
  windowTo: Date;
}

/** What readPeriodRollups found, and what storePeriodRollups needs to know about when it was read. */
export interface RollupRead {
  /** pg_current_snapshot() taken before anything was read: the transactions every later read sees. */
  snapshot: string;
  /** The database's time when the snapshot was taken: periods ending after it are still open. */
  started: Date;
  /** Stored counts per period asked for (same order), undefined where none is stored. */
  counts: Array<PeriodCounts | undefined>;
}

/**
 * The stored counts of `periods` for one workspace and segment key ("" for every customer), and the snapshot a
 * computation of the others must be read after (call this first, then read, then storePeriodRollups). One statement.
 */
export async function readPeriodRollups(opts: { db: Db; teamId: string; segmentKey: string; periods: RollupPeriod[] }): Promise<RollupRead> {
  const { snapshot, started, counts } = await readPeriodRollupsOf({ ...opts, segmentKeys: [opts.segmentKey] });
  return { snapshot, started, counts: counts.get(opts.segmentKey)! };
}

/** readPeriodRollups for several segment keys at once (every segment, for KPI alerts): one statement, one snapshot. */
export async function readPeriodRollupsOf(opts: {
  db: Db;
  teamId: string;
  segmentKeys: readonly string[];
  periods: RollupPeriod[];
}): Promise<Omit<RollupRead, "counts"> & { counts: Map<string, Array<PeriodCounts | undefined>> }> {
  const [row] = await opts.db.$queryRawUnsafe<Array<{ snapshot: string; started: Date; found: unknown }>>(
    `select pg_current_snapshot()::text as snapshot, now() as started,
       coalesce((select json_agg(json_build_object('i', k.i, 'segment', r."segment", 'counts', r."counts"))
         from jsonb_to_recordset($3::jsonb) as k(i int, "from" timestamptz, "to" timestamptz, "windowFrom" timestamptz, "windowTo" timestamptz)
         join "KpiPeriodRollup" r on r."teamId" = $1 and r."segment" = any($2::text[]) and r."periodTo" = k."to" and r."periodFrom" = k."from"
           and r."windowFrom" = k."windowFrom" and r."windowTo" = k."windowTo"), '[]'::json) as found`,
    opts.teamId,
    [...opts.segmentKeys],
    JSON.stringify(opts.periods.map((p, i) => ({ i, ...periodJson(p) }))),
  );
  const found = (typeof row!.found === "string" ? JSON.parse(row!.found) : row!.found) as Array<{ i: number; segment: string; counts: PeriodCounts }>;
  const counts = new Map(opts.segmentKeys.map((k) => [k, opts.periods.map((): PeriodCounts | undefined => undefined)]));
  for (const f of found) counts.get(f.segment)![f.i] = f.counts;
  return { snapshot: row!.snapshot, started: new Date(row!.started), counts };
}

/**
 * Keeps the counts of closed periods (ending at or before `read.started`) computed from reads that all began after
 * `read` was taken. The database stores nothing that a change it did not see could have made stale (migration
 * 20261204110000_kpi_period_rollups: a change logged since `read.snapshot` reaching the period, a writer of the
 * workspace not yet committed, a computation older than 10 minutes). Returns how many periods it stored.
 */
export async function storePeriodRollups(opts: {
  db: Db;
  teamId: string;
  segmentKey: string;
  read: Pick<RollupRead, "snapshot" | "started">;
  periods: Array<RollupPeriod & { counts: PeriodCounts }>;
}): Promise<number> {
  const closed = opts.periods.filter((p) => p.to.getTime() <= opts.read.started.getTime());
  if (closed.length === 0) return 0;
  const [row] = await opts.db.$queryRawUnsafe<Array<{ stored: number }>>(
    `select kpi_rollup_store($1, $2, $3, $4::timestamptz, $5::jsonb)::int as stored`,
    opts.teamId,
    opts.segmentKey,
    opts.read.snapshot,
    opts.read.started.toISOString(),
    JSON.stringify(closed.map((p) => ({ ...periodJson(p), counts: p.counts }))),
  );
  return Number(row?.stored ?? 0);
}

const periodJson = (p: RollupPeriod) => ({
  from: p.from.toISOString(),
  to: p.to.toISOString(),
  windowFrom: p.windowFrom.toISOString(),
  windowTo: p.windowTo.toISOString(),
});
