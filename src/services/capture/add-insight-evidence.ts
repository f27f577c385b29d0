import { AppError } from "../../errors/app-error.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { TeamScope } from "../types.js";
import type { StoredInsight } from "./log-insight.js";

export type StoredEvidence = Prisma.InsightEvidenceGetPayload<object>;

/**
 * "Same as this one": adds another customer's words to an existing voice as supporting evidence instead of a new
 * voice. `sourceKey` is Slack's id for the submission or click: the same one twice returns the first evidence with
 * `created: false`, so a retry adds nothing. With `customerId` (an imported customer of the workspace) the evidence
 * is linked and shows the customer's name. Returns the voice and its evidence count after the add.
 * Throws AppError NOT_FOUND when the workspace has no such visible voice.
 */
export async function addInsightEvidence(
  { db, teamId }: TeamScope,
  opts: { insightId: string; sourceKey: string; authorId: string; customer: string; customerId?: string | null | undefined; quote: string },
): Promise<{ evidence: StoredEvidence; created: boolean; insight: StoredInsight; count: number }> {
  const insight = await db.insight.findFirst({ where: { teamId, id: opts.insightId, hiddenAt: null } });
  if (!insight) throw new AppError("NOT_FOUND", "capture.evidence.voiceNotFound");
  const linked = opts.customerId ? await db.customer.findFirst({ where: { teamId, id: BigInt(opts.customerId) }, select: { id: true, name: true, externalId: true } }) : null;
  let evidence: StoredEvidence;
  let created = true;
  try {
    evidence = await db.insightEvidence.create({
      data: {
        teamId,
        insightId: insight.id,
        authorId: opts.authorId,
        customer: linked ? linked.name?.trim() || linked.externalId : opts.customer,
        customerId: linked?.id ?? null,
        quote: opts.quote,
        sourceKey: opts.sourceKey,
      },
    });
  } catch (e) {
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
    evidence = await db.insightEvidence.findUniqueOrThrow({ where: { teamId_sourceKey: { teamId, sourceKey: opts.sourceKey } } });
    created = false;
  }
  const count = await db.insightEvidence.count({ where: { teamId, insightId: insight.id } });
  return { evidence, created, insight, count };
}
