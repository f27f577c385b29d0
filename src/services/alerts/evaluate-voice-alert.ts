import { customerStanding, TEAM_CHANNEL } from "../../domain/alerts/alert-kinds.js";
import type { TeamScope } from "../types.js";
import { optionsOf, recordConditions, subscriptionsOf } from "./alert-conditions.js";
import { customerFactsOf } from "./score-alert-customers.js";

/**
 * The customer an insight is about: its linked customer (Insight.customerId), else a customer whose external id or
 * name is the insight's customer text (ignoring case). Null when none is known.
 */
async function customerOf(
  opts: TeamScope,
  insight: { customerId: bigint | null; customer: string },
): Promise<{ id: bigint; externalId: string; name: string | null; segment: string | null } | null> {
  const select = { id: true, externalId: true, name: true, segment: true } as const;
  if (insight.customerId !== null) return opts.db.customer.findFirst({ where: { teamId: opts.teamId, id: insight.customerId }, select });
  const text = insight.customer.trim();
  if (!text) return null;
  return opts.db.customer.findFirst({
    where: { teamId: opts.teamId, OR: [{ externalId: text }, { name: { equals: text, mode: "insensitive" } }, { externalId: { equals: text, mode: "insensitive" } }] },
    orderBy: { id: "asc" },
    select,
  });
}

/**
 * The owning team's channels of a voice: the channels its teams route to (InsightRoute, as the voice was posted), only
 * `team`'s when the subscription names one, less channels that have a voice subscription of their own (they follow it,
 * so a channel never gets the same voice twice).
 */
async function teamChannelsOf(opts: TeamScope, insight: { teams: string[] }, team: string | undefined, ownSubscriptions: ReadonlySet<string>): Promise<string[]> {
  const teams = team ? insight.teams.filter((t) => t === team) : insight.teams;
  if (!teams.length) return [];
  const routes = await opts.db.insightRoute.findMany({ where: { teamId: opts.teamId, team: { in: teams } }, select: { channelId: true } });
  return [...new Set(routes.map((r) => r.channelId))].filter((c) => !ownSubscriptions.has(c));
}

/**
 * After a customer voice is logged: a negative voice about a valuable or at-risk customer fires at once (quiet hours
 * permitting) in each voice subscription's channel (`team:` limits a channel to voices for that team); a subscription
 * to the owning team's channel (TEAM_CHANNEL) fires in the channel each of the voice's teams routes to. Returns how
 * many fired; 0 for other voices or an unknown customer.
 */
export async function evaluateVoiceAlert(opts: TeamScope & { now: Date; insightId: string }): Promise<number> {
  const subs = await subscriptionsOf(opts.db, opts.teamId, "voice");
  if (!subs.length) return 0;
  const insight = await opts.db.insight.findFirst({ where: { teamId: opts.teamId, id: opts.insightId } });
  if (insight?.sentiment !== "negative" || insight.hiddenAt) return 0;
  const known = await customerOf(opts, insight);
  if (!known) return 0;
  const customer = (await customerFactsOf({ ...opts, withClv: subs.some((s) => optionsOf(s).clvAbove !== undefined) }, [known])).get(known.id)!;
  const permalink = insight.messagePermalink;
  const facts = { kind: "voice" as const, customer, insightId: insight.id, quote: insight.quote, permalink, sentiment: insight.sentiment };
  const ownSubscriptions = new Set(subs.map((s) => s.channelId));
  let fired = 0;
  for (const sub of subs) {
    const options = optionsOf(sub);
    if (options.team && !insight.teams.includes(options.team)) continue;
    const { valuable, atRisk } = customerStanding(customer, options);
    if (!valuable && !atRisk) continue;
    const conditions =
      sub.channelId === TEAM_CHANNEL
        ? (await teamChannelsOf(opts, insight, options.team, ownSubscriptions)).map((channelId) => ({ key: `voice|${insight.id}|${channelId}`, facts, channelId }))
        : [{ key: `voice|${insight.id}`, facts }];
    fired += await recordConditions(opts.db, sub, conditions, opts.now);
  }
  return fired;
}
