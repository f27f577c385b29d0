import type { LoopClosure } from "../../generated/prisma/client.js";
import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";

/**
 * "I told the customer", pressed on a close-the-loop DM: records who and when on its LoopClosure row. Only the first
 * press counts (a second press or a redelivered action changes nothing), and only the DM's recipient may press it.
 * Returns the row and the voices it quotes. Throws AppError NOT_FOUND for a DM that is not this person's.
 */
export async function recordCustomerTold(
  { db, teamId }: TeamScope,
  input: { closureId: string; userId: string; now: Date },
): Promise<{ closure: LoopClosure; insights: { customer: string; quote: string; resolution: string | null; link: string | null }[] }> {
  await db.loopClosure.updateMany({ where: { id: input.closureId, teamId, recipientId: input.userId, toldAt: null }, data: { toldAt: input.now, toldBy: input.userId } });
  const closure = await db.loopClosure.findFirst({ where: { id: input.closureId, teamId, recipientId: input.userId } });
  if (!closure) throw new AppError("NOT_FOUND", "work.error.notFound");
  const insights = await db.insight.findMany({
    where: { teamId, id: { in: closure.insightIds }, hiddenAt: null },
    orderBy: { createdAt: "asc" },
    select: { customer: true, quote: true, resolution: true, link: true },
  });
  return { closure, insights };
}
