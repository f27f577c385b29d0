import type { Sql } from "./ingest-result.js";

/**
 * Creates the customers among `externalIds` the workspace does not know yet (bulk, idempotent) and
 * returns how many were created. Known ones are filtered out first: a plain index probe is cheaper than
 * the speculative insertion ON CONFLICT does for every row (re-imports touch only known customers). Purchases and survey responses call it before they insert, so a record
 * never waits for its customer to be imported first.
 */
export async function ensureCustomers(sql: Sql, teamId: string, externalIds: readonly string[]): Promise<number> {
  if (externalIds.length === 0) return 0;
  const distinct = [...new Set(externalIds)];
  return sql.$executeRawUnsafe(
    `INSERT INTO "Customer" ("teamId", "externalId")
     SELECT $1, x FROM unnest($2::text[]) AS x
     WHERE NOT EXISTS (SELECT 1 FROM "Customer" c WHERE c."teamId" = $1 AND c."externalId" = x)
     ON CONFLICT ("teamId", "externalId") DO NOTHING`,
    teamId,
    distinct,
  );
}

/** Creates the customers named in column `cust` of a staged import's work table that the workspace does not know yet. */
export function createCustomersOf(sql: Sql, teamId: string, table: string): Promise<number> {
  return sql.$executeRawUnsafe(
    `INSERT INTO "Customer" ("teamId", "externalId")
     SELECT $1, s.cust FROM (SELECT DISTINCT cust FROM ${table} WHERE cust IS NOT NULL) s
     WHERE NOT EXISTS (SELECT 1 FROM "Customer" c WHERE c."teamId" = $1 AND c."externalId" = s.cust)
     ON CONFLICT ("teamId", "externalId") DO NOTHING`,
    teamId,
  );
}
