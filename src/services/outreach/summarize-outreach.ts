import { measureUplift, type Uplift } from "../../domain/outreach/uplift.js";
import type { TeamScope } from "../types.js";
import { queryOutreach } from "./outreach-sql.js";

/** Results of one person's (or the whole team's) outreach over a period. */
export interface OutreachResults {
  /** Contacts logged in the period. */
  contacts: number;
  /** Contacts whose customer bought within the window (so far). */
  wonBack: number;
  /** What won-back customers spent in the 90 days after the contact (so far). */
  revenueRecovered: number;
  /** Closed windows with a model expectation: observed return rate vs the model's, with an interval. */
  uplift: Uplift;
}

export interface OutreachSummary {
  team: OutreachResults;
  /** By owner, most customers won back first. */
  owners: Array<{ ownerId: string } & OutreachResults>;
}

function resultsOf(rows: Awaited<ReturnType<typeof queryOutreach>>): OutreachResults {
  const won = rows.filter((r) => r.outcome === "returned");
  return {
    contacts: rows.length,
    wonBack: won.length,
    revenueRecovered: Math.round(won.reduce((sum, r) => sum + r.revenueAfter, 0) * 100) / 100,
    // Only closed windows count: an open window has seen the early buyers and not yet the late non-buyers.
    uplift: measureUplift(rows.filter((r) => r.windowClosed && r.pReturn !== null).map((r) => ({ returned: r.outcome === "returned", pReturn: r.pReturn as number }))),
  };
}

/**
 * The team's and each person's outreach results for contacts made on days `from`..`to` (YYYY-MM-DD, UTC, both
 * included; all time when absent; or made since `since`), measured as of `now`: customers won back, revenue recovered, and the uplift over
 * what the model expected (docs/outreach.md).
 */
export async function summarizeOutreach(
  { db, teamId }: TeamScope,
  opts: { now: Date; from?: string | undefined; to?: string | undefined; since?: Date | undefined },
): Promise<OutreachSummary> {
  const rows = await queryOutreach(db, teamId, opts.now, { from: opts.from, to: opts.to, since: opts.since });
  const byOwner = new Map<string, typeof rows>();
  for (const r of rows) byOwner.set(r.ownerId, [...(byOwner.get(r.ownerId) ?? []), r]);
  const owners = [...byOwner].map(([ownerId, own]) => ({ ownerId, ...resultsOf(own) }));
  owners.sort((a, b) => b.wonBack - a.wonBack || b.revenueRecovered - a.revenueRecovered || a.ownerId.localeCompare(b.ownerId));
  return { team: resultsOf(rows), owners };
}
