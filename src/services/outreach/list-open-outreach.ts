import type { TeamScope } from "../types.js";

/** A customer someone is working on now: their latest outreach is still open. */
export interface OpenOutreach {
  /** The customer's external id. */
  externalId: string;
  ownerId: string;
  takenAt: Date;
  /** Null while the customer is only taken. */
  contactedAt: Date | null;
  /** When the contact's win-back window closes; null while only taken. */
  windowEnd: Date | null;
}

/**
 * The customers someone is working on at `now`, by external id: the latest outreach (as findCustomerOwner reads it) is
 * a taking the customer has not bought since, or a contact whose win-back window is open with no purchase yet. A
 * purchase (the customer came back) or a closed window ends it, and the customer is free for anyone again. Purchases
 * after `now` are not seen, so a fixed `now` gives fixed answers.
 */
export async function listOpenOutreach({ db, teamId }: TeamScope, opts: { now: Date }): Promise<Map<string, OpenOutreach>> {
  const rows = await db.$queryRawUnsafe<OpenOutreach[]>(
    `SELECT c."externalId", l."ownerId", l."takenAt", l."contactedAt", l."windowEnd"
       FROM (SELECT DISTINCT ON (o."customerId") o."customerId", o."ownerId", o."takenAt", o."contactedAt",
                    o."contactedAt" + make_interval(days => coalesce(o."windowDays", 30)) AS "windowEnd"
               FROM "Outreach" o
              WHERE o."teamId" = $1
              ORDER BY o."customerId", o."takenAt" DESC, o."createdAt" DESC) l
       JOIN "Customer" c ON c."id" = l."customerId" AND c."teamId" = $1
      WHERE (l."windowEnd" IS NULL OR l."windowEnd" > $2)
        AND NOT EXISTS (SELECT 1 FROM "Purchase" p
                         WHERE p."customerId" = l."customerId" AND p."at" >= coalesce(l."contactedAt", l."takenAt") AND p."at" <= $2)`,
    teamId,
    opts.now,
  );
  return new Map(rows.map((r) => [r.externalId, r]));
}
