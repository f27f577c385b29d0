import { TEAMS, isTeam, type TeamName } from "../../domain/capture/vocabulary.js";
import type { TeamScope } from "../types.js";

/** The teams whose insights the user follows on App Home; every team until the user picks. */
export async function getFollowedTeams({ db, teamId }: TeamScope, userId: string): Promise<TeamName[]> {
  const row = await db.userProfile.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { teams: true } });
  if (!row) return [...TEAMS];
  return TEAMS.filter((team) => row.teams.includes(team));
}

/** Saves the user's followed teams (unknown names are dropped; an empty list is a valid choice). */
export async function setFollowedTeams({ db, teamId }: TeamScope, userId: string, teams: readonly string[]): Promise<TeamName[]> {
  const valid = TEAMS.filter((team) => teams.some((t) => isTeam(t) && t === team));
  await db.userProfile.upsert({
    where: { teamId_userId: { teamId, userId } },
    create: { teamId, userId, teams: valid },
    update: { teams: valid },
  });
  return valid;
}
