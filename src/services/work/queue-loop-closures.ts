import type { Prisma } from "../../generated/prisma/client.js";

/** Why a person hears that a voice was resolved, in the order one person's several reasons are named. */
export type LoopRole = "author" | "evidence" | "owner";

/** The part of an insight that decides who hears about its resolution. */
export interface ResolvedInsight {
  id: string;
  authorId: string;
}

/**
 * Who is told about resolved voices, each person once, with the voices that concern them: everyone who logged
 * one of them. Pure; the order is the order of `insights`.
 */
export function loopRecipients(insights: readonly ResolvedInsight[]): { recipientId: string; role: LoopRole; insightIds: string[] }[] {
  const byPerson = new Map<string, { recipientId: string; role: LoopRole; insightIds: string[] }>();
  const add = (recipientId: string, role: LoopRole, insightId: string) => {
    const entry = byPerson.get(recipientId) ?? { recipientId, role, insightIds: [] };
    if (!entry.insightIds.includes(insightId)) entry.insightIds.push(insightId);
    byPerson.set(recipientId, entry);
  };
  for (const i of insights) add(i.authorId, "author", i.id);
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
  const recipients = loopRecipients(r.insights);
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
