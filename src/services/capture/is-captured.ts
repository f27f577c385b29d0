import type { TeamScope } from "../types.js";

/**
 * True when a submission (Slack's id for it: view id or trigger id) was already stored, as a voice or as supporting
 * evidence: a redelivered request is then answered without asking anything again.
 */
export async function isCaptured({ db, teamId }: TeamScope, sourceKey: string): Promise<boolean> {
  const [voice, evidence] = await Promise.all([
    db.insight.findUnique({ where: { teamId_sourceKey: { teamId, sourceKey } }, select: { id: true } }),
    db.insightEvidence.findUnique({ where: { teamId_sourceKey: { teamId, sourceKey } }, select: { id: true } }),
  ]);
  return Boolean(voice || evidence);
}
