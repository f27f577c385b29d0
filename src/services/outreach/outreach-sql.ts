import { addDays } from "../../domain/time/calendar.js";
import { OUTREACH_OUTCOMES, outreachOutcome, REVENUE_DAYS, windowClosed, type OutreachChannel, type OutreachOutcome } from "../../domain/outreach/outcome.js";
import type { Db } from "../../db/client.js";

/** One logged contact with its outcome measured from Purchase at `now`. */
export interface MeasuredOutreach {
  id: string;
  customerId: string;
  customerName: string | null;
  ownerId: string;
  takenAt: Date;
  contactedAt: Date;
  channel: OutreachChannel | null;
  note: string | null;
  source: string;
  windowDays: number;
  fitId: string | null;
  pAlive: number | null;
  expectedPurchases: number | null;
  pReturn: number | null;
  expectedClv: number | null;
  /** First purchase in [contactedAt, contactedAt + windowDays), up to now; null: none (yet). */
  returnedAt: Date | null;
  /** Spend in [contactedAt, contactedAt + 90 days), up to now. */
  revenueAfter: number;
  /** False until 90 days have passed: revenueAfter is still growing. */
  revenueComplete: boolean;
  outcome: OutreachOutcome;
  /** The window has closed: the contact counts in the uplift. */
  windowClosed: boolean;
}

export interface OutreachQuery {
  owner?: string | undefined;
  /** The customer's external id. */
  customer?: string | undefined;
  /** Contact days (YYYY-MM-DD, UTC), both included. */
  from?: string | undefined;
  to?: string | undefined;
  /** Contacts made at or after this instant. */
  since?: Date | undefined;
  outcome?: OutreachOutcome | undefined;
  /** Page after this (contactedAt, id), newest first. */
  after?: { contactedAt: Date; id: string } | undefined;
  limit?: number | undefined;
}

/** A row as the query answers it: the customer's external id and name, the channel as stored, no verdicts yet. */
type Row = Omit<MeasuredOutreach, "customerId" | "customerName" | "channel" | "revenueComplete" | "outcome" | "windowClosed"> & {
  externalId: string;
  name: string | null;
  channel: string | null;
};

const OUTCOME_SQL: Record<OutreachOutcome, string> = {
  returned: `"returnedAt" IS NOT NULL`,
  not_returned: `"returnedAt" IS NULL AND "windowEnd" <= $2`,
  pending: `"returnedAt" IS NULL AND "windowEnd" > $2`,
};

/**
 * A workspace's logged contacts (open takings are left out), newest contact first, each with its outcome read from
 * Purchase as of `now` (purchases after `now` are not seen, so a fixed `now` gives fixed answers). One query:
 * each contact's first purchase in its window and spend in the 90 days after come from the (customerId, at) index.
 */
export async function queryOutreach(db: Db, teamId: string, now: Date, q: OutreachQuery): Promise<MeasuredOutreach[]> {
  const params: unknown[] = [teamId, now];
  const where: string[] = [`o."teamId" = $1`, `o."contactedAt" IS NOT NULL`];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.owner) add((n) => `o."ownerId" = ${n}`, q.owner);
  if (q.customer) add((n) => `c."externalId" = ${n}`, q.customer);
  if (q.from) add((n) => `o."contactedAt" >= ${n}::timestamptz`, new Date(`${q.from}T00:00:00Z`));
  if (q.to) add((n) => `o."contactedAt" < ${n}::timestamptz`, new Date(`${addDays(q.to, 1)}T00:00:00Z`));
  if (q.since) add((n) => `o."contactedAt" >= ${n}::timestamptz`, q.since);
  const outer: string[] = [];
  if (q.outcome && OUTREACH_OUTCOMES.includes(q.outcome)) outer.push(OUTCOME_SQL[q.outcome]);
  if (q.after) {
    params.push(q.after.contactedAt, q.after.id);
    outer.push(`("contactedAt", "id") < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  let limit = "";
  if (q.limit !== undefined) {
    params.push(q.limit);
    limit = `LIMIT $${params.length}`;
  }
  const rows = await db.$queryRawUnsafe<Row[]>(
    `WITH m AS (
       SELECT o."id", c."externalId", c."name", o."ownerId", o."takenAt", o."contactedAt", o."channel", o."note", o."source",
              coalesce(o."windowDays", 30) AS "windowDays", o."fitId"::text AS "fitId", o."pAlive", o."expectedPurchases", o."pReturn", o."expectedClv",
              o."contactedAt" + make_interval(days => coalesce(o."windowDays", 30)) AS "windowEnd",
              (SELECT min(p."at") FROM "Purchase" p
                WHERE p."customerId" = o."customerId" AND p."at" >= o."contactedAt" AND p."at" <= $2
                  AND p."at" < o."contactedAt" + make_interval(days => coalesce(o."windowDays", 30))) AS "returnedAt",
              (SELECT coalesce(sum(p."amount"), 0)::float8 FROM "Purchase" p
                WHERE p."customerId" = o."customerId" AND p."at" >= o."contactedAt" AND p."at" <= $2
                  AND p."at" < o."contactedAt" + interval '${REVENUE_DAYS} days') AS "revenueAfter"
         FROM "Outreach" o JOIN "Customer" c ON c."id" = o."customerId"
        WHERE ${where.join(" AND ")}
     )
     SELECT * FROM m ${outer.length ? `WHERE ${outer.join(" AND ")}` : ""}
      ORDER BY "contactedAt" DESC, "id" DESC ${limit}`,
    ...params,
  );
  return rows.map((r) => {
    const windowDays = Number(r.windowDays);
    const measured = { contactedAt: r.contactedAt, windowDays, returnedAt: r.returnedAt };
    return {
      id: r.id,
      customerId: r.externalId,
      customerName: r.name,
      ownerId: r.ownerId,
      takenAt: r.takenAt,
      contactedAt: r.contactedAt,
      channel: r.channel as OutreachChannel | null,
      note: r.note,
      source: r.source,
      windowDays,
      fitId: r.fitId,
      pAlive: r.pAlive,
      expectedPurchases: r.expectedPurchases,
      pReturn: r.pReturn,
      expectedClv: r.expectedClv,
      returnedAt: r.returnedAt,
      revenueAfter: Math.round(Number(r.revenueAfter) * 100) / 100,
      revenueComplete: now.getTime() >= r.contactedAt.getTime() + REVENUE_DAYS * 86_400_000,
      outcome: outreachOutcome(measured, now),
      windowClosed: windowClosed(measured, now),
    };
  });
}
