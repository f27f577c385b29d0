import type { TeamName } from "../../domain/capture/vocabulary.js";
import { OPEN_INSIGHT_STATUSES } from "../../domain/work/theme-work.js";
import type { OpenVoice } from "../../domain/work/open-voice.js";
import type { TeamScope } from "../types.js";

/**
 * The open voices (new, acknowledged, planned) that concern any of `teams`, newest first, at most `limit`, with how
 * many there are in all (for the "N more" line); none when `teams` is empty. Voices whose post was deleted are left out.
 */
export async function listOpenVoices({ db, teamId }: TeamScope, opts: { teams: readonly TeamName[]; limit: number }): Promise<{ items: OpenVoice[]; total: number }> {
  if (opts.teams.length === 0) return { items: [], total: 0 };
  const where = { teamId, hiddenAt: null, teams: { hasSome: [...opts.teams] }, status: { in: [...OPEN_INSIGHT_STATUSES] } };
  const [items, total] = await Promise.all([
    db.insight.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: opts.limit,
      select: { id: true, customer: true, quote: true, sentiment: true, teams: true, themes: true, status: true, ownerId: true, link: true, resolution: true, createdAt: true },
    }),
    db.insight.count({ where }),
  ]);
  return { items, total };
}
