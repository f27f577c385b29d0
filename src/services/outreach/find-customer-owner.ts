import type { Db } from "../../db/client.js";

/** Who has a customer: the person who last took them or logged a contact with them. */
export interface CustomerOwner {
  ownerId: string;
  takenAt: Date;
  /** Null while the customer is taken and no contact is logged yet. */
  contactedAt: Date | null;
}

/**
 * The customer's owner: the person who most recently took them ("I'll reach out") or logged outreach to them,
 * or null when nobody has. `customerId` is Customer.id. Use it to reach the person who knows the customer
 * (e.g. a close-the-loop DM). Throws nothing but database errors.
 */
export async function findCustomerOwner(db: Db, teamId: string, customerId: bigint): Promise<CustomerOwner | null> {
  const row = await db.outreach.findFirst({
    where: { teamId, customerId },
    orderBy: [{ takenAt: "desc" }, { createdAt: "desc" }],
    select: { ownerId: true, takenAt: true, contactedAt: true },
  });
  return row ?? null;
}

/** The owners of several customers by external id (customers nobody has are left out). For lists of at-risk customers. */
export async function findCustomerOwners(db: Db, teamId: string, externalIds: readonly string[]): Promise<Map<string, CustomerOwner>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db.$queryRawUnsafe<Array<{ externalId: string; ownerId: string; takenAt: Date; contactedAt: Date | null }>>(
    `SELECT DISTINCT ON (c."id") c."externalId", o."ownerId", o."takenAt", o."contactedAt"
       FROM "Customer" c JOIN "Outreach" o ON o."customerId" = c."id" AND o."teamId" = c."teamId"
      WHERE c."teamId" = $1 AND c."externalId" = ANY($2::text[])
      ORDER BY c."id", o."takenAt" DESC, o."createdAt" DESC`,
    teamId,
    [...externalIds],
  );
  return new Map(rows.map((r) => [r.externalId, { ownerId: r.ownerId, takenAt: r.takenAt, contactedAt: r.contactedAt }]));
}
