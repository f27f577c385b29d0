import type { Db } from "../../db/client.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { findCustomerOwner } from "../outreach/find-customer-owner.js";

/** Why a person hears that a voice was resolved, in the order one person's several reasons are named. */
export type LoopRole = "author" | "evidence" | "owner";

/** The part of an insight that decides who hears about its resolution. */
export interface ResolvedInsight {
  id: string;
  authorId: string;
  /** The imported customer the voice is about, when linked: that customer's owner hears too. */
  customerId?: bigint | null;
}

/** Who else is involved in a voice: the loggers of its supporting evidence, and the owners of its customers. */
export interface LoopPeople {
  /** insightId -> people who added supporting evidence to it. */
  evidenceAuthors: ReadonlyMap<string, readonly string[]>;
  /** insightId -> owners of the customers it is about (its own and its evidence's). */
  customerOwners: ReadonlyMap<string, readonly string[]>;
}

/**
 * Who is told about resolved voices, each person once, with the voices that concern them: everyone who logged one
 * of them or supporting evidence for it, and the owners of their customers. A person with several reasons keeps the
 * first (author, then evidence, then owner). Pure; the order is the order of `insights`.
 */
export function loopRecipients(
  insights: readonly ResolvedInsight[],
  people: LoopPeople = { evidenceAuthors: new Map(), customerOwners: new Map() },
): { recipientId: string; role: LoopRole; insightIds: string[] }[] {
  const byPerson = new Map<string, { recipientId: string; role: LoopRole; insightIds: string[] }>();
  const add = (recipientId: string, role: LoopRole, insightId: string) => {
    const entry = byPerson.get(recipientId) ?? { recipientId, role, insightIds: [] };
    if (!entry.insightIds.includes(insightId)) entry.insightIds.push(insightId);
    byPerson.set(recipientId, entry);
  };
  for (const i of insights) add(i.authorId, "author", i.id);
  for (const i of insights) for (const id of people.evidenceAuthors.get(i.id) ?? []) add(id, "evidence", i.id);
  for (const i of insights) for (const id of people.customerOwners.get(i.id) ?? []) add(id, "owner", i.id);
  return [...byPerson.values()];
}

/**
 * Records, inside the transaction that resolved them, the DMs owed for one resolution: one pending LoopClosure row
 * per person. The unique (teamId, resolutionKey, recipientId) key makes a second call for the same resolution add
 * nothing, so a retried request or a second replica never owes a DM twice. Sending is deliverLoopClosures' job.
 */
export async function queueLoopClosures(
  tx: Prisma.TransactionClient,
  teamId: string,
  r: { resolutionKey: string; insights: readonly ResolvedInsight[]; themeName: string | null; resolution: string | null },
): Promise<number> {
  const recipients = loopRecipients(r.insights, await loopPeople(tx, teamId, r.insights));
  if (recipients.length === 0) return 0;
  const { count } = await tx.loopClosure.createMany({
    data: recipients.map((p) => ({
      teamId,
      resolutionKey: r.resolutionKey,
      recipientId: p.recipientId,
      role: p.role,
      insightIds: p.insightIds,
      themeName: r.themeName,
      resolution: r.resolution,
    })),
    skipDuplicates: true,
  });
  return count;
}

/** The evidence loggers and customer owners of `insights` (outreach's findCustomerOwner decides who owns a customer). */
async function loopPeople(tx: Prisma.TransactionClient, teamId: string, insights: readonly ResolvedInsight[]): Promise<LoopPeople> {
  const evidence = await tx.insightEvidence.findMany({
    where: { teamId, insightId: { in: insights.map((i) => i.id) } },
    orderBy: { createdAt: "asc" },
    select: { insightId: true, authorId: true, customerId: true },
  });
  const evidenceAuthors = new Map<string, string[]>();
  const customersOf = new Map<string, bigint[]>();
  for (const i of insights) customersOf.set(i.id, i.customerId != null ? [i.customerId] : []);
  for (const e of evidence) {
    evidenceAuthors.set(e.insightId, [...(evidenceAuthors.get(e.insightId) ?? []), e.authorId]);
    if (e.customerId != null) customersOf.get(e.insightId)?.push(e.customerId);
  }
  const owners = new Map<bigint, string | null>();
  // The same query outreach uses, run inside this transaction (a TransactionClient has every model the lookup reads).
  for (const id of new Set([...customersOf.values()].flat())) owners.set(id, (await findCustomerOwner(tx as unknown as Db, teamId, id))?.ownerId ?? null);
  const customerOwners = new Map<string, string[]>();
  for (const [insightId, ids] of customersOf)
    customerOwners.set(
      insightId,
      ids.map((id) => owners.get(id)).filter((o): o is string => Boolean(o)),
    );
  return { evidenceAuthors, customerOwners };
}
