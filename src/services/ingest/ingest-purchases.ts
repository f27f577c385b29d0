import type { Db } from "../../db/client.js";
import { DedupKeys } from "./dedup-key.js";
import { ensureCustomers } from "./ensure-customers.js";
import { ingestBatch, type Ingester, type IngestResult, type RecordError } from "./ingest-result.js";
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
    // The KPI columns are filled here: prevAt (the customer's purchase just before this one) from the rows this
    // statement really inserts (first occurrence of each key, keys not stored yet; ordered by time, then position in
    // the batch) and the purchases already stored (at the same time or earlier: they have smaller ids), and the
    // customer's sign-up and churn times. The flag tells the insert trigger not to re-derive them row by row; it
    // still fixes stored purchases that get a new predecessor (migration 20261125090000_purchase_prev_at).
    await sql.$queryRawUnsafe(`SELECT set_config('rd.kpi_columns_trusted', 'on', true)`);
    const written = await sql.$executeRawUnsafe(
      `INSERT INTO "Purchase" ("teamId", "customerId", "externalId", "dedupKey", "at", "amount", "currency", "customerSignedUpAt", "customerChurnedAt", "prevAt")
       SELECT $1, b.cid, b.ext, b.key, b.at, b.amount, b.cur, b.signed, b.churned,
         GREATEST(lag(b.at) OVER (PARTITION BY b.cid ORDER BY b.at, b.ord),
           (SELECT max(p."at") FROM "Purchase" p WHERE p."customerId" = b.cid AND p."at" <= b.at))
       FROM (
         SELECT DISTINCT ON (u.key) cu."id" AS cid, cu."signedUpAt" AS signed, cu."churnedAt" AS churned, u.*
         FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::numeric[], $7::text[]) WITH ORDINALITY AS u(cust, ext, key, at, amount, cur, ord)
         JOIN "Customer" cu ON cu."teamId" = $1 AND cu."externalId" = u.cust
         WHERE NOT EXISTS (SELECT 1 FROM "Purchase" x WHERE x."teamId" = $1 AND x."dedupKey" = u.key)
         ORDER BY u.key, u.ord
       ) b
       ON CONFLICT ("teamId", "dedupKey") DO NOTHING`,
      teamId,
      c.customerId,
      c.externalId,
      c.dedupKey,
      c.at,
      c.amount,
      c.currency,
    );
    await sql.$queryRawUnsafe(`SELECT set_config('rd.kpi_columns_trusted', 'off', true)`);
    return { written, customersCreated };
  },
};

/**
 * Ingests purchases for a workspace in one transaction: each record validated, identical re-sends
 * counted as duplicates, customers created when unknown. Use a fresh DedupKeys per request (default).
 * Throws only on database errors; invalid records come back in `errors` with their index.
 */
export function ingestPurchases(opts: { db: Db; teamId: string; records: readonly unknown[]; dedup?: DedupKeys }): Promise<IngestResult> {
  return ingestBatch(purchaseIngester, { ...opts, dedup: opts.dedup ?? new DedupKeys() });
}
