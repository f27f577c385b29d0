import type { TeamName } from "../../domain/capture/vocabulary.js";
import type { TeamScope } from "../types.js";

/** Routes a team's insights to a channel (one channel per team; the newest setting wins). */
export async function setInsightRoute({ db, teamId }: TeamScope, opts: { team: TeamName; channelId: string; setBy: string }): Promise<void> {
  await db.insightRoute.upsert({
    where: { teamId_team: { teamId, team: opts.team } },
    create: { teamId, team: opts.team, channelId: opts.channelId, setBy: opts.setBy },
    update: { channelId: opts.channelId, setBy: opts.setBy },
  });
}

/** Removes a team's route; its insights are then only stored, not posted. */
export async function removeInsightRoute({ db, teamId }: TeamScope, team: TeamName): Promise<void> {
  await db.insightRoute.deleteMany({ where: { teamId, team } });
}

export async function listInsightRoutes({ db, teamId }: TeamScope): Promise<{ team: string; channelId: string }[]> {
  return db.insightRoute.findMany({ where: { teamId }, select: { team: true, channelId: true }, orderBy: { team: "asc" } });
}
