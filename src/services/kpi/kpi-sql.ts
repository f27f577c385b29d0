import type { Db } from "../../db/client.js";

/**
 * Runs one KPI query with nested-loop joins disabled. PGlite never auto-analyzes, so after a bulk import
 * its planner believes tables hold one row and picks nested loops that turn a 7,000-row join into
 * minutes; hash and merge joins stay linear whatever the statistics say.
 */
export async function kpiQuery<T>(db: Db, sql: string, params: unknown[], opts: { parallel?: boolean } = {}): Promise<T[]> {
  return db.$transaction(
    async (tx) => {
      // Transaction-local settings, in one round trip (set_config(…, true) is SET LOCAL):
      //  - enable_nestloop off: see above;
      //  - jit off: compiling these wide aggregates cost seconds on a server (measured: 3.4 s of a 9.8 s run at
      //    10M purchases) and saves far less;
      //  - no parallel workers unless asked (`parallel`, for plain aggregates over one scan): parallel plans put the
      //    per-customer aggregate on the inner side of a parallel hash join, where each worker recomputes all of it
      //    (3× the work on 2 cores);
      //  - work_mem 64 MB: per-customer hash aggregates of a large workspace spill to disk at the default 4 MB.
      await tx.$queryRawUnsafe(
        `select set_config('enable_nestloop', 'off', true), set_config('jit', 'off', true),
           set_config('max_parallel_workers_per_gather', $1, true), set_config('work_mem', '64MB', true)`,
        opts.parallel ? "2" : "0",
      );
      return tx.$queryRawUnsafe<T[]>(sql, ...params);
    },
    // Prisma's 5 s default would abort a large workspace's purchase scan on a busy server instead of answering.
    { timeout: 120_000, maxWait: 30_000 },
  );
}
