import { customerStanding } from "../../domain/alerts/alert-kinds.js";
import type { TeamScope } from "../types.js";
import { optionsOf, recordConditions, subscriptionsOf, type TrueCondition } from "./alert-conditions.js";
import { customerFactsOf, type KnownCustomer } from "./score-alert-customers.js";

/** Responses older than this when ingested are history, not news: they do not alert. */
const RECENT_MS = 7 * 86_400_000;
/** Responses judged per evaluation: a batch holds at most 10,000 records. */
const MAX_RESPONSES = 10_000;

interface DetractorResponse {
  id: bigint;
  kind: string;
  score: number;
  at: Date;
  comment: string | null;
  customer: KnownCustomer;
}

/**
 * After survey responses are ingested: each detractor response (NPS 0-6, CSAT 1-2) of the last week from a known
 * customer who is valuable or at risk fires once (`detractor|<response id>`). Only the responses of the batch's
 * `customers` (external ids) when given; their customers are scored together, once. Returns how many fired.
 */
export async function evaluateDetractorAlerts(opts: TeamScope & { now: Date; customers?: readonly string[] | undefined }): Promise<number> {
  const subs = await subscriptionsOf(opts.db, opts.teamId, "detractor");
  if (!subs.length) return 0;
  const batch = opts.customers ? [...opts.customers] : null;
  // One array parameter for the batch's customers (Prisma's `in: [...]` binds one parameter per id: building that query
  // took 0.4-2 s on the thread that answers Slack for 5,000 ids; bench/alerts.ts).
  const rows = await opts.db.$queryRaw<Array<Omit<DetractorResponse, "customer"> & { customerId: bigint; externalId: string; name: string | null; segment: string | null }>>`
    select r.id, r.kind, r.score, r.at, r.comment, c.id as "customerId", c."externalId", c.name, c.segment
    from "SurveyResponse" r join "Customer" c on c.id = r."customerId"
    where r."teamId" = ${opts.teamId} and r.at >= ${new Date(opts.now.getTime() - RECENT_MS)} and r.at <= ${opts.now}
      and ((r.kind = 'nps' and r.score <= 6) or (r.kind = 'csat' and r.score <= 2))
      and (${batch}::text[] is null or c."externalId" = any(${batch}::text[]))
    order by r.at desc, r.id desc
    limit ${MAX_RESPONSES}`;
  // Oldest first, as they were answered.
  const responses: DetractorResponse[] = rows.reverse().map((r) => ({
    ...r,
    customer: { id: BigInt(r.customerId), externalId: r.externalId, name: r.name, segment: r.segment },
  }));
  const withClv = subs.some((s) => optionsOf(s).clvAbove !== undefined);
  const facts = await customerFactsOf(
    { ...opts, withClv },
    responses.map((r) => r.customer),
  );
  let fired = 0;
  for (const sub of subs) {
    const conditions: TrueCondition[] = [];
    for (const r of responses) {
      const customer = facts.get(r.customer.id)!;
      const { valuable, atRisk } = customerStanding(customer, optionsOf(sub));
      if (!valuable && !atRisk) continue;
      conditions.push({
        key: `detractor|${r.id}`,
        facts: { kind: "detractor", customer, survey: r.kind === "csat" ? "csat" : "nps", score: r.score, comment: r.comment, at: new Date(r.at).toISOString() },
      });
    }
    fired += await recordConditions(opts.db, sub, conditions, opts.now);
  }
  return fired;
}
