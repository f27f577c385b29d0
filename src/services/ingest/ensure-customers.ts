import type { Sql } from "./ingest-result.js";

/**
 * Creates the customers among `externalIds` the workspace does not know yet (bulk, idempotent) and
 * returns how many were created. Purchases and survey responses call it before they insert, so a record
 * never waits for its customer to be imported first.
 */
export async function ensureCustomers(sql: Sql, teamId: string, externalIds: readonly string[]): Promise<number> {
  if (externalIds.length === 0) return 0;
  return createMissingCustomers(sql, teamId, `unnest($2::text[]) AS s(cust)`, [[...new Set(externalIds)]]);
}

/** The same for the customers named in column `cust` of a file import's work table. */
export function createCustomersOf(sql: Sql, teamId: string, table: string): Promise<number> {
  return createMissingCustomers(sql, teamId, `(SELECT DISTINCT cust FROM ${table} WHERE cust IS NOT NULL) s`, []);
}

/**
 * Inserts the ids of `source` (a relation `s` with column `cust`, distinct and not null; its parameters from $2 on)
 * that are not customers of the workspace. Known ones are filtered out first: a plain index probe is cheaper than the
 * speculative insertion ON CONFLICT does for every row (re-imports touch only known customers).
 */
function createMissingCustomers(sql: Sql, teamId: string, source: string, params: unknown[]): Promise<number> {
  return sql.$executeRawUnsafe(
    `INSERT INTO "Customer" ("teamId", "externalId")
     SELECT $1, s.cust FROM ${source}
     WHERE NOT EXISTS (SELECT 1 FROM "Customer" c WHERE c."teamId" = $1 AND c."externalId" = s.cust)
     ON CONFLICT ("teamId", "externalId") DO NOTHING`,
    teamId,
    ...params,
  );
}
