import { copyCsv } from "./copy-csv.js";
import { lockCustomers } from "./ensure-customers.js";
import { DedupKeys } from "./dedup-key.js";
import { ingestBatch, type Ingester, type IngestOptions, type IngestResult, type RecordError, type Sql } from "./ingest-result.js";
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
  customersOf: (c) => c.externalId,
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

  write(sql, teamId, c) {
    const { value: v, given: g } = c;
    return upsertCustomers(
      sql,
      teamId,
      `unnest($2::text[], $3::text[], $4::bool[], $5::text[], $6::bool[], $7::timestamptz[], $8::bool[], $9::timestamptz[], $10::bool[])
         AS u(ext, name, g_name, segment, g_segment, su, g_su, ch, g_ch)`,
      [c.externalId, v.name, g.name, v.segment, g.segment, v.signedUpAt, g.signedUpAt, v.churnedAt, g.churnedAt],
    );
  },

  staged: {
    async create(sql, table) {
      await sql.$executeRawUnsafe(
        `CREATE UNLOGGED TABLE ${table} (ord BIGINT NOT NULL, ext TEXT NOT NULL, name TEXT, g_name BOOLEAN NOT NULL, segment TEXT,
           g_segment BOOLEAN NOT NULL, su TIMESTAMPTZ(3), g_su BOOLEAN NOT NULL, ch TIMESTAMPTZ(3), g_ch BOOLEAN NOT NULL)`,
      );
    },
    append(copy, table, c, firstOrd) {
      const { value: v, given: g } = c;
      return copy(
        table,
        ["ord", "ext", "name", "g_name", "segment", "g_segment", "su", "g_su", "ch", "g_ch"],
        copyCsv(firstOrd, [c.externalId, v.name, g.name, v.segment, g.segment, v.signedUpAt, g.signedUpAt, v.churnedAt, g.churnedAt]),
      );
    },
    async apply(sql, teamId, table) {
      // Each customer's rows merged in file order: per field, the last value given (and whether any was).
      const merged = `(
        SELECT ext,
          bool_or(g_name) AS g_name, (array_agg(name ORDER BY ord DESC) FILTER (WHERE g_name))[1] AS name,
          bool_or(g_segment) AS g_segment, (array_agg(segment ORDER BY ord DESC) FILTER (WHERE g_segment))[1] AS segment,
          bool_or(g_su) AS g_su, (array_agg(su ORDER BY ord DESC) FILTER (WHERE g_su))[1] AS su,
          bool_or(g_ch) AS g_ch, (array_agg(ch ORDER BY ord DESC) FILTER (WHERE g_ch))[1] AS ch
        FROM ${table} GROUP BY ext) u`;
      return upsertCustomers(sql, teamId, merged, []);
    },
  },
};

/**
 * Creates the customers of `source` (a relation `u`: ext, name, segment, su, ch and g_* = whether each was given; its
 * parameters from $2 on) that do not exist, and updates the given fields of those that do where they differ.
 *
 * Two statements. The first creates the new customers with their fields and locks the existing ones, in key order
 * (lockCustomers): a concurrent writer of the same customers waits, and this one waited for any before it. The
 * second then updates the locked customers from a snapshot taken after the lock, so it merges into what the last
 * writer committed: of two concurrent upserts the later one wins, field by field, and neither is lost. A customer
 * created by the first statement already holds the given values, and unchanged rows are not rewritten (a re-import
 * writes nothing).
 */
async function upsertCustomers(sql: Sql, teamId: string, source: string, params: unknown[]): Promise<{ written: number; customersCreated: number }> {
  const created = await lockCustomers(sql, teamId, `(SELECT u.ext AS cust, u.name, u.segment, u.su, u.ch FROM ${source}) s`, params, {
    columns: `, "name", "segment", "signedUpAt", "churnedAt"`,
    values: `, s.name, s.segment, s.su, s.ch`,
  });
  const updated = await sql.$executeRawUnsafe(
    `UPDATE "Customer" AS c SET
       "name" = CASE WHEN u.g_name THEN u.name ELSE c."name" END,
       "segment" = CASE WHEN u.g_segment THEN u.segment ELSE c."segment" END,
       "signedUpAt" = CASE WHEN u.g_su THEN u.su ELSE c."signedUpAt" END,
       "churnedAt" = CASE WHEN u.g_ch THEN u.ch ELSE c."churnedAt" END
     FROM ${source}
     WHERE c."teamId" = $1 AND c."externalId" = u.ext AND (
       (u.g_name AND c."name" IS DISTINCT FROM u.name) OR
       (u.g_segment AND c."segment" IS DISTINCT FROM u.segment) OR
       (u.g_su AND c."signedUpAt" IS DISTINCT FROM u.su) OR
       (u.g_ch AND c."churnedAt" IS DISTINCT FROM u.ch))`,
    teamId,
    ...params,
  );
  return { written: created + updated, customersCreated: created };
}

/**
 * Creates or updates customers of a workspace in one transaction. `accepted` counts customers created
 * or changed, `duplicates` records that changed nothing. Invalid records come back in `errors`.
 */
export function ingestCustomers(opts: IngestOptions): Promise<IngestResult> {
  return ingestBatch(customerIngester, { ...opts, dedup: new DedupKeys() });
}
