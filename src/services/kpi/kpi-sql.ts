import type { Db } from "../../db/client.js";

/**
 * Runs one KPI query with nested-loop joins disabled. PGlite never auto-analyzes, so after a bulk import
 * its planner believes tables hold one row and picks nested loops that turn a 7,000-row join into
 * minutes; hash and merge joins stay linear whatever the statistics say.
 */
export async function kpiQuery<T>(db: Db, sql: string, params: unknown[]): Promise<T[]> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("set local enable_nestloop = off");
    return tx.$queryRawUnsafe<T[]>(sql, ...params);
  });
}
