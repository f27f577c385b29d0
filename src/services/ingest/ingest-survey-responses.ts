import { copyCsv } from "./copy-csv.js";
import { DedupKeys } from "./dedup-key.js";
import { createCustomersOf, ensureCustomers } from "./ensure-customers.js";
import { ingestBatch, type Ingester, type IngestOptions, type IngestResult, type RecordError, type Sql } from "./ingest-result.js";
import { describeIssues, ZSurveyResponseRecord } from "./records.js";

interface SurveyColumns {
  customerId: (string | null)[];
  externalId: (string | null)[];
  dedupKey: string[];
  kind: string[];
  score: number[];
  at: string[];
  comment: (string | null)[];
}

/** Survey responses (CSAT 1-5, NPS 0-10), deduplicated like purchases; a named unknown customer is created. */
export const surveyResponseIngester: Ingester<SurveyColumns> = {
  customersOf: (c) => c.customerId,
  prepare(records, dedup, fieldName) {
    const c: SurveyColumns = { customerId: [], externalId: [], dedupKey: [], kind: [], score: [], at: [], comment: [] };
    const errors: RecordError[] = [];
    records.forEach((raw, index) => {
      const r = ZSurveyResponseRecord.safeParse(raw);
      if (!r.success) {
        errors.push({ index, message: describeIssues(r.error, raw, fieldName) });
        return;
      }
      const s = r.data;
      const at = s.at.toISOString();
      c.customerId.push(s.customerId ?? null);
      c.externalId.push(s.id ?? null);
      c.dedupKey.push(dedup.key(s.id, ["survey", s.customerId ?? "", s.kind, String(s.score), at, s.comment ?? ""]));
      c.kind.push(s.kind);
      c.score.push(s.score);
      c.at.push(at);
      c.comment.push(s.comment ?? null);
    });
    return { columns: c, valid: c.dedupKey.length, errors };
  },

  async write(sql, teamId, c) {
    const named = c.customerId.filter((id): id is string => id !== null);
    const customersCreated = await ensureCustomers(sql, teamId, named);
    const written = await insertResponses(
      sql,
      teamId,
      `unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::timestamptz[], $8::text[]) WITH ORDINALITY AS u(cust, ext, key, kind, score, at, comment, ord)`,
      [c.customerId, c.externalId, c.dedupKey, c.kind, c.score, c.at, c.comment],
    );
    return { written, customersCreated };
  },

  staged: {
    async create(sql, table) {
      await sql.$executeRawUnsafe(
        `CREATE UNLOGGED TABLE ${table} (ord BIGINT NOT NULL, cust TEXT, ext TEXT, key TEXT NOT NULL, kind TEXT NOT NULL, score INT NOT NULL, at TIMESTAMPTZ(3) NOT NULL, comment TEXT)`,
      );
    },
    append(copy, table, c, firstOrd) {
      return copy(
        table,
        ["ord", "cust", "ext", "key", "kind", "score", "at", "comment"],
        copyCsv(firstOrd, [c.customerId, c.externalId, c.dedupKey, c.kind, c.score, c.at, c.comment]),
      );
    },
    async apply(sql, teamId, table) {
      const customersCreated = await createCustomersOf(sql, teamId, table);
      const written = await insertResponses(sql, teamId, `${table} u`, []);
      return { written, customersCreated };
    },
  },
};

/** Inserts the responses of `source` (a relation `u`, see insertPurchases) not stored yet; a repeated key once, from its first position. */
function insertResponses(sql: Sql, teamId: string, source: string, params: unknown[]): Promise<number> {
  return sql.$executeRawUnsafe(
    `INSERT INTO "SurveyResponse" ("teamId", "customerId", "externalId", "dedupKey", "kind", "score", "at", "comment")
     SELECT $1, cu."id", u.ext, u.key, u.kind, u.score, u.at, u.comment
     FROM ${source}
     LEFT JOIN "Customer" cu ON cu."teamId" = $1 AND cu."externalId" = u.cust
     ORDER BY u.ord
     ON CONFLICT ("teamId", "dedupKey") DO NOTHING`,
    teamId,
    ...params,
  );
}

/**
 * Ingests survey responses for a workspace in one transaction (see ingestPurchases for the dedup rules).
 * Throws only on database errors; invalid records come back in `errors` with their index.
 */
export function ingestSurveyResponses(opts: IngestOptions & { dedup?: DedupKeys }): Promise<IngestResult> {
  return ingestBatch(surveyResponseIngester, { ...opts, dedup: opts.dedup ?? new DedupKeys() });
}
