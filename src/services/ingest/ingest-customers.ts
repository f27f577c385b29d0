import type { Db } from "../../db/client.js";
import { DedupKeys } from "./dedup-key.js";
import { ingestBatch, type Ingester, type IngestResult, type RecordError } from "./ingest-result.js";
import { describeIssues, ZCustomerRecord, type CustomerRecord } from "./records.js";

const FIELDS = ["name", "segment", "signedUpAt", "churnedAt"] as const;
type Field = (typeof FIELDS)[number];

interface CustomerColumns {
  externalId: string[];
  /** Per field: the value (null = clear or not given) and whether it was given at all. */
  value: Record<Field, (string | null)[]>;
  given: Record<Field, boolean[]>;
}

const text = (v: CustomerRecord[Field]): string | null => (v instanceof Date ? v.toISOString() : (v ?? null));

/**
 * Customers, upserted by their external id. A field that is given overwrites the stored value (null
 * clears it); a field that is left out keeps it. Several records for one id in a batch merge in order.
 */
export const customerIngester: Ingester<CustomerColumns> = {
  prepare(records, _dedup, fieldName) {
    const errors: RecordError[] = [];
    const merged = new Map<string, Partial<Record<Field, string | null>>>();
    let valid = 0;
    records.forEach((raw, index) => {
      const r = ZCustomerRecord.safeParse(raw);
      if (!r.success) {
        errors.push({ index, message: describeIssues(r.error, raw, fieldName) });
        return;
      }
      valid++;
      const into = merged.get(r.data.id) ?? {};
      for (const f of FIELDS) if (r.data[f] !== undefined) into[f] = text(r.data[f]);
      merged.set(r.data.id, into);
    });
    const c: CustomerColumns = {
      externalId: [],
      value: { name: [], segment: [], signedUpAt: [], churnedAt: [] },
      given: { name: [], segment: [], signedUpAt: [], churnedAt: [] },
    };
    for (const [id, fields] of merged) {
      c.externalId.push(id);
      for (const f of FIELDS) {
        c.value[f].push(fields[f] ?? null);
        c.given[f].push(f in fields);
      }
    }
    return { columns: c, valid, errors };
  },

  async write(sql, teamId, c) {
    const { value: v, given: g } = c;
    const created = await sql.$executeRawUnsafe(
      `INSERT INTO "Customer" ("teamId", "externalId", "name", "segment", "signedUpAt", "churnedAt")
       SELECT $1, u.ext, u.name, u.segment, u.su, u.ch
       FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[]) AS u(ext, name, segment, su, ch)
       ON CONFLICT ("teamId", "externalId") DO NOTHING`,
      teamId,
      c.externalId,
      v.name,
      v.segment,
      v.signedUpAt,
      v.churnedAt,
    );
    // Rows just created already hold these values, so only customers that existed before change here;
    // unchanged rows are not rewritten (a re-import writes nothing).
    const updated = await sql.$executeRawUnsafe(
      `UPDATE "Customer" AS c SET
         "name" = CASE WHEN u.g_name THEN u.name ELSE c."name" END,
         "segment" = CASE WHEN u.g_segment THEN u.segment ELSE c."segment" END,
         "signedUpAt" = CASE WHEN u.g_su THEN u.su ELSE c."signedUpAt" END,
         "churnedAt" = CASE WHEN u.g_ch THEN u.ch ELSE c."churnedAt" END
       FROM unnest($2::text[], $3::text[], $4::bool[], $5::text[], $6::bool[], $7::timestamptz[], $8::bool[], $9::timestamptz[], $10::bool[])
         AS u(ext, name, g_name, segment, g_segment, su, g_su, ch, g_ch)
       WHERE c."teamId" = $1 AND c."externalId" = u.ext AND (
         (u.g_name AND c."name" IS DISTINCT FROM u.name) OR
         (u.g_segment AND c."segment" IS DISTINCT FROM u.segment) OR
         (u.g_su AND c."signedUpAt" IS DISTINCT FROM u.su) OR
         (u.g_ch AND c."churnedAt" IS DISTINCT FROM u.ch))`,
      teamId,
      c.externalId,
      v.name,
      g.name,
      v.segment,
      g.segment,
      v.signedUpAt,
      g.signedUpAt,
      v.churnedAt,
      g.churnedAt,
    );
    return { written: created + updated, customersCreated: created };
  },
};

/**
 * Creates or updates customers of a workspace in one transaction. `accepted` counts customers created
 * or changed, `duplicates` records that changed nothing. Invalid records come back in `errors`.
 */
export function ingestCustomers(opts: { db: Db; teamId: string; records: readonly unknown[] }): Promise<IngestResult> {
  return ingestBatch(customerIngester, { ...opts, dedup: new DedupKeys() });
}
