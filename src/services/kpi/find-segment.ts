import type { TeamScope } from "../types.js";

/**
 * The stored segment a user typed, matched exactly or else ignoring case, and the workspace's segments
 * (for the "unknown segment" answer). `segment` is null when nothing matches.
 */
export async function findSegment(opts: TeamScope & { name: string }): Promise<{ segment: string | null; known: string[] }> {
  const rows = await opts.db.$queryRawUnsafe<Array<{ segment: string }>>(
    `select distinct "segment" from "KpiCustomer" where "teamId" = $1 and "segment" is not null order by 1 limit 200`,
    opts.teamId,
  );
  const known = rows.map((r) => r.segment);
  const segment = known.find((s) => s === opts.name) ?? known.find((s) => s.toLowerCase() === opts.name.toLowerCase()) ?? null;
  return { segment, known };
}
