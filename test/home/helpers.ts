import { randomBytes } from "node:crypto";
import { addDays, defaultPeriod } from "../../src/domain/time/calendar.js";
import type { Db } from "../../src/db/client.js";
import { insertCustomers } from "../kpi/fixtures.js";
import type { Who } from "../slack/payloads.js";

/** Monday of this week (UTC): the end of the default `/kpi` and Home period for a real clock. */
export const periodEnd = () => defaultPeriod(new Date(), "UTC").to;
const at = (day: string) => `${day}T12:00:00Z`;

/**
 * Customers whose headline period (the 4 weeks before this Monday, T) shows retention 75% against 100%:
 * A, B, C buy at T-60 (active at T-56, T-28 and T); D buys only at T-100 (active at T-56 and T-28, not at T:
 * the 90-day window has passed). Revenue in the period: none; active customers: 3 against 4.
 */
export async function seedRetention(db: Db, teamId: string): Promise<void> {
  const T = periodEnd();
  await insertCustomers(db, teamId, [
    { ext: "A", purchases: [[at(addDays(T, -60)), "10.00"]] },
    { ext: "B", purchases: [[at(addDays(T, -60)), "10.00"]] },
    { ext: "C", purchases: [[at(addDays(T, -60)), "10.00"]] },
    { ext: "D", purchases: [[at(addDays(T, -100)), "10.00"]] },
  ]);
}

/** An insight concerning `teams`, created `minutesAgo` ago. */
export async function seedInsight(db: Db, teamId: string, customer: string, quote: string, teams: string[], minutesAgo = 0) {
  await db.insight.create({
    data: {
      teamId,
      sourceKey: randomBytes(4).toString("hex"),
      customer,
      source: "call",
      sentiment: "negative",
      themes: ["pricing"],
      quote,
      teams,
      authorId: "U0AUTHOR",
      searchText: quote.toLowerCase(),
      createdAt: new Date(Date.now() - minutesAgo * 60_000),
    },
  });
}

const trigger = () => `trig.${randomBytes(4).toString("hex")}`;

/** A block_actions payload from the Home tab (container type "view"). */
export function homeAction(who: Who, action: Record<string, unknown>, triggerId = trigger()) {
  return {
    type: "block_actions",
    team: { id: who.teamId, domain: "example" },
    user: { id: who.userId, team_id: who.teamId },
    api_app_id: "A0APP",
    token: "legacy",
    trigger_id: triggerId,
    container: { type: "view", view_id: "VHOME" },
    view: { id: "VHOME", team_id: who.teamId, type: "home", blocks: [], private_metadata: "", callback_id: "", state: { values: {} }, hash: "h" },
    actions: [{ action_ts: `${Date.now() / 1000}`, ...action }],
  };
}

/** Every text in a view's blocks, flattened, for "does the user see X" assertions. */
export const viewText = (view: unknown) => JSON.stringify(view);
