import type { TeamScope } from "../types.js";
import type { WorkspaceSettings } from "./get-workspace.js";

/** Changes some workspace settings, creating the row on first use (one upsert, no read-then-write race). */
export async function updateWorkspace(
  { db, teamId }: TeamScope,
  patch: Partial<Omit<WorkspaceSettings, "teamId" | "ratingScale">> & { ratingScale?: Record<string, number> },
): Promise<void> {
  await db.workspace.upsert({ where: { teamId }, create: { teamId, ...patch }, update: patch });
}
