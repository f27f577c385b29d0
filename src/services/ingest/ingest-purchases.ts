import { sqlStateOf } from "../../db/sql-state.js";
import { ConcurrentWriteError } from "../../db/write-transaction.js";
import { copyCsv } from "./copy-csv.js";
import { DedupKeys } from "./dedup-key.js";
import { createCustomersOf, ensureCustomers } from "./ensure-customers.js";
import { ingestBatch, type Ingester, type IngestOptions, type IngestResult, type RecordError, type Sql } from "./ingest-result.js";
import { describeIssues, ZPurchaseRecord } from "./records.js";

interface PurchaseColumns {
  customerId: string[];
  externalId: (string | null)[];
  dedupKey: string[];
  at: string[];
  amount: string[];
  currency: (string | null)[];
}

/** Purchases: validated with ZPurchaseRecord, deduplicated by `dedupKey`, unknown customers created. */
export const purchaseIngester: Ingester<PurchaseColumns> = {
  customersOf: (c) => c.customerId,
  prepare(records, dedup, fieldName) {
    const c: PurchaseColumns = { customerId: [], externalId: [], dedupKey: [], at: [], amount: [], currency: [] };
    const errors: RecordError[] = [];
    records.forEach((raw, index) => {
      const r = ZPurchaseRecord.safeParse(raw);
      if (!r.success) {
        errors.push({ index, message: describeIssues(r.error, raw, fieldName) });
        return;
      }
      const p = r.data;
      const at = p.at.toISOString();
      c.customerId.push(p.customerId);
      c.externalId.push(p.id ?? null);
      c.dedupKey.push(dedup.key(p.id, ["purchase", p.customerId, at, p.amount, p.currency ?? ""]));
      c.at.push(at);
      c.amount.push(p.amount);
      c.currency.push(p.currency ?? null);
    });
    return { columns: c, valid: c.dedupKey.length, errors };
  },

  async write(sql, teamId, c) {
    const customersCreated = await ensureCustomers(sql, teamId, c.customerId);
    const written = await insertPurchases(
      sql,
      teamId,
      `unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::numeric[], $7::text[]) WITH ORDINALITY AS u(cust, ext, key, at, amount, cur, ord)`,
      [c.customerId, c.externalId, c.dedupKey, c.at, c.amount, c.currency],
    );
    return { written, customersCreated };
  },

  staged: {
    async create(sql, table) {
      // A work table for one import: no index, no WAL (UNLOGGED); dropped when the import ends.
      await sql.$executeRawUnsafe(
        `CREATE UNLOGGED TABLE ${table} (ord BIGINT NOT NULL, cust TEXT NOT NULL, ext TEXT, key TEXT NOT NULL, at TIMESTAMPTZ(3) NOT NULL, amount DECIMAL(14,2) NOT NULL, cur TEXT)`,
      );
    },
    append(copy, table, c, firstOrd) {
      return copy(table, ["ord", "cust", "ext", "key", "at", "amount", "cur"], copyCsv(firstOrd, [c.customerId, c.externalId, c.dedupKey, c.at, c.amount, c.currency]));
    },
    async apply(sql, teamId, table) {
      const customersCreated = await createCustomersOf(sql, teamId, table);
      const written = await insertPurchases(sql, teamId, `${table} u`, []);
      return { written, customersCreated };
    },
  },
};

/**
 * Inserts the purchases of `source` (a relation `u` with columns cust, ext, key, at, amount, cur and ord, the
 * position in the file or request; its parameters from $2 on) that are not stored yet, and returns how many. Their
 * customers must exist and be locked by this transaction (lockCustomers): until it ends no other writer adds
 * purchases of theirs or changes their sign-up or churn times, so the columns computed here stay exact. A key repeated
 * in `source` is stored once, from its first position.
 *
 * The KPI columns are filled here: prevAt (the customer's purchase just before this one) from the rows this
 * statement really inserts (first occurrence of each key, keys not stored yet; ordered by time, then position) and
 * the purchases already stored (at the same time or earlier: they have smaller ids; looked up only for customers
 * whose first stored purchase is not later than the row), and the customer's sign-up and churn times and segment. Rows are
 * inserted in (customer, time, position) order, so their ids follow that order too. The flag tells the insert
 * trigger not to re-derive the columns row by row; it still fixes stored purchases that get a new predecessor
 * (migration 20261125090000_purchase_prev_at).
 */
async function insertPurchases(sql: Sql, teamId: string, source: string, params: unknown[]): Promise<number> {
  await sql.$queryRawUnsafe(`SELECT set_config('rd.kpi_columns_trusted', 'on', true)`);
  let written: number;
  try {
    written = await sql.$executeRawUnsafe(
      `INSERT INTO "Purchase" ("teamId", "customerId", "externalId", "dedupKey", "at", "amount", "currency", "customerSignedUpAt", "customerChurnedAt", "customerSegment", "prevAt")
       SELECT $1, b.cid, b.ext, b.key, b.at, b.amount, b.cur, b.signed, b.churned, b.seg,
         CASE WHEN b.stored_first <= b.at
           THEN GREATEST(lag(b.at) OVER w, (SELECT max(p."at") FROM "Purchase" p WHERE p."customerId" = b.cid AND p."at" <= b.at))
           ELSE lag(b.at) OVER w END
       FROM (
         SELECT DISTINCT ON (u.key COLLATE "C") cu."id" AS cid, cu."signedUpAt" AS signed, cu."churnedAt" AS churned, cu."segment" AS seg,
           k."firstPurchaseAt" AS stored_first, u.ext, u.key, u.at, u.amount, u.cur, u.ord
         FROM ${source}
         JOIN "Customer" cu ON cu."teamId" = $1 AND cu."externalId" = u.cust
         LEFT JOIN "KpiCustomer" k ON k."customerId" = cu."id"
         WHERE NOT EXISTS (SELECT 1 FROM "Purchase" x WHERE x."teamId" = $1 AND x."dedupKey" = u.key)
         ORDER BY u.key COLLATE "C", u.ord
       ) b
       WINDOW w AS (PARTITION BY b.cid ORDER BY b.at, b.ord)
       ORDER BY b.cid, b.at, b.ord`,
      teamId,
      ...params,
    );
  } catch (e) {
    // Keys stored before this statement are filtered out, so a duplicate key here was stored by a concurrent writer
    // (for another customer: this one's are locked), and the columns were computed with that row among the new
    // ones. Run the whole transaction again rather than keep them (ON CONFLICT DO NOTHING would).
    if (sqlStateOf(e) === "23505") throw new ConcurrentWriteError("a purchase key was stored by another writer");
    throw e;
  }
  await sql.$queryRawUnsafe(`SELECT set_config('rd.kpi_columns_trusted', 'off', true)`);
  return written;
}

/**
 * Ingests purchases for a workspace in one transaction: each record validated, identical re-sends
 * counted as duplicates, customers created when unknown. Use a fresh DedupKeys per request (default).
 * Throws only on database errors; invalid records come back in `errors` with their index.
 */
export function ingestPurchases(opts: IngestOptions & { dedup?: DedupKeys }): Promise<IngestResult> {
  return ingestBatch(purchaseIngester, { ...opts, dedup: opts.dedup ?? new DedupKeys() });
}
