import type { Sql } from "./ingest-result.js";

/**
 * How every writer of a workspace's customers and purchases takes its customers: in one statement, in key order
 * (externalId in byte order), creating the missing ones and locking the existing ones (FOR NO KEY UPDATE strength:
 * ON CONFLICT DO UPDATE locks the row it meets even when its WHERE lets nothing change) until the transaction ends.
 *
 * Why: a purchase's KPI columns (its predecessor, the customer's sign-up and churn copies) are computed from the
 * customer's other purchases and the customer row as this transaction sees them. Holding the customer until commit
 * makes every other writer of that customer (purchases, customer updates, the importer) wait and then see what this
 * one wrote. Taking the locks in one global order means two writers never hold one each while waiting for the
 * other's: no deadlock however their requests order the ids. Foreign-key checks (KEY SHARE) do not wait on it.
 *
 * `source` is a relation `s` with a column `cust` (distinct, not null) and the columns of `insert` (its parameters
 * from $2 on). Returns how many customers were created.
 */
export function lockCustomers(sql: Sql, teamId: string, source: string, params: unknown[], insert: CustomerInsert = BARE): Promise<number> {
  return sql.$executeRawUnsafe(
    `INSERT INTO "Customer" ("teamId", "externalId"${insert.columns})
     SELECT $1, s.cust${insert.values} FROM ${source}
     ORDER BY s.cust COLLATE "C"
     ON CONFLICT ("teamId", "externalId") DO UPDATE SET "name" = "Customer"."name" WHERE false`,
    teamId,
    ...params,
  );
}

/** Extra columns a new customer is created with: `, "name", …` and the matching `, s.name, …` of the source. */
export interface CustomerInsert {
  columns: string;
  values: string;
}
const BARE: CustomerInsert = { columns: "", values: "" };

/**
 * Creates the customers among `externalIds` the workspace does not know yet and locks all of them (see
 * lockCustomers); returns how many were created. Purchases and survey responses call it before they insert, so a
 * record never waits for its customer to be imported first.
 */
export async function ensureCustomers(sql: Sql, teamId: string, externalIds: readonly string[]): Promise<number> {
  if (externalIds.length === 0) return 0;
  return lockCustomers(sql, teamId, `unnest($2::text[]) AS s(cust)`, [[...new Set(externalIds)]]);
}

/** The same for the customers named in column `cust` of a file import's work table. */
export function createCustomersOf(sql: Sql, teamId: string, table: string): Promise<number> {
  return lockCustomers(sql, teamId, `(SELECT DISTINCT cust FROM ${table} WHERE cust IS NOT NULL) s`, []);
}
