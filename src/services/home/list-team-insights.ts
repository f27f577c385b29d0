import type { TeamName } from "../../domain/capture/vocabulary.js";
import type { TeamScope } from "../types.js";

/** An insight as App Home lists it (no search text, no message links). */
export interface TeamInsight {
  id: string;
  customer: string;
  quote: string;
  sentiment: string;
  teams: string[];
  themes: string[];
  createdAt: Date;
}

/** The newest insights that concern any of `teams`, newest first; none when `teams` is empty. */
export async function listTeamInsights({ db, teamId }: TeamScope, opts: { teams: readonly TeamName[]; limit: number }): Promise<TeamInsight[]> {
  if (opts.teams.length === 0) return [];
  return db.insight.findMany({
    where: { teamId, hiddenAt: null, teams: { hasSome: [...opts.teams] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit,
    select: { id: true, customer: true, quote: true, sentiment: true, teams: true, themes: true, createdAt: true },
  });
}
