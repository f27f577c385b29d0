/**
 * Everything a digest shows, from the database, for one workspace, period and segment. Several channels
 * of a workspace with the same period and segment get the same DigestData (the job shares it).
 */
import type { Prisma } from "../../generated/prisma/client.js";
import type { DigestData, DigestQuote, DigestRoutedCount, DigestStory, DigestTheme } from "../../domain/digest/digest-data.js";
import type { DigestPeriod } from "../../domain/digest/schedule.js";
import type { KpiReport } from "../../domain/kpi/report.js";
import { computeKpis } from "../kpi/compute-kpis.js";
import { computeKpiTrend } from "../kpi/compute-kpi-trend.js";
import { listKpiTargets } from "../targets/list-kpi-targets.js";
import { computeLoopMetrics } from "../work/compute-loop-metrics.js";
import { summarizeAtRisk } from "../prediction/summarize-at-risk.js";
import { summarizeOutreach } from "../outreach/summarize-outreach.js";
import { listDigestAtRiskCustomers } from "./list-digest-at-risk-customers.js";
import { getRatingSettings } from "../ratings/rating-settings.js";
import { getWorkspace } from "../settings/get-workspace.js";
import { scoreItems } from "../ratings/score-items.js";
import type { TeamScope } from "../types.js";

export interface GatherDigestOptions extends TeamScope {
  period: DigestPeriod;
  segment: string | null;
  /** Resolves a message link (chat.getPermalink); without it stories link to their channel. */
  permalink?: (channelId: string, ts: string) => Promise<string | undefined>;
}

/** How many stories of each kind are kept for the digest (it shows the top three). */
const STORIES_PER_KIND = 3;
/** Revenue that ranks themes: what the customers who raised them paid in the year before the period ended. */
const REVENUE_WINDOW_MS = 365 * 86_400_000;
/** The digest's outreach section covers contacts made in the 90 days before the period ended. */
const SAVES_WINDOW_MS = 90 * 86_400_000;

/**
 * The KPI section: the KPI area's `computeKpis` for the digest's period (and the one before), the one
 * code path behind `/kpi`, over the local days of the digest's own period in the subscription's time zone. Null (the section is left out) when the period has no KPI data at all.
 */
export async function loadKpiSection(opts: TeamScope & { period: DigestPeriod; segment: string | null }): Promise<KpiReport | null> {
  const report = await computeKpis({ db: opts.db, teamId: opts.teamId, from: opts.period.firstDay, to: opts.period.endDay, segment: opts.segment, timeZone: opts.period.timeZone });
  return report.hasData ? report : null;
}

/** Gathers the digest's sections. Sections with nothing in the period come back empty. */
export async function gatherDigestData(opts: GatherDigestOptions): Promise<DigestData> {
  const { db, teamId, period, segment } = opts;
  const [kpis, topStories, insightSections, atRisk, workspace, targets, loop, outreach, atRiskCustomers] = await Promise.all([
    loadKpiSection({ db, teamId, period, segment }),
    loadTopStories(opts),
    loadInsightSections(opts),
    summarizeAtRisk({ db, teamId, ...(segment ? { segment } : {}) }),
    getWorkspace({ db, teamId }),
    listKpiTargets({ db, teamId, segment }),
    // Every voice of the period (not only the segment's): closing the loop is the team's work, whoever the customer.
    computeLoopMetrics({ db, teamId }, { from: period.start, to: period.end, now: period.end }),
    // Outreach results are the whole team's (not per segment), measured at the period's end.
    summarizeOutreach({ db, teamId }, { now: period.end, since: new Date(period.end.getTime() - SAVES_WINDOW_MS) }),
    listDigestAtRiskCustomers({ db, teamId, segment }),
  ]);
  const saves = { team: outreach.team, owners: outreach.owners, windowDays: workspace.outreachWindowDays };
  // The trend chart ends where the digest's period ends: weekly (and daily) digests show 12 weeks, monthly 12 × 4 weeks.
  const trend = kpis ? await computeKpiTrend({ db, teamId, segment, to: period.endDay, periodDays: period.frequency === "monthly" ? 28 : 7, timeZone: period.timeZone }) : [];
  return { teamId, period, segment, customerCounter: workspace.customerCounter, kpis, trend, targets, atRisk, atRiskCustomers, saves, topStories, loop, ...insightSections };
}

/**
 * Stories posted in the period with the most points, three wins and three failures. Points come from the
 * ratings area's `scoreItems` (the one scoring query: the workspace's scale or the default {star:1, +1:1,
 * fire:2, bulb:2}, one vote per person per emoji, authors' own reactions and deleted messages excluded).
 * Unscored stories are not "top-rated" and are left out.
 */
async function loadTopStories({ db, teamId, period, permalink }: GatherDigestOptions): Promise<DigestStory[]> {
  const { scale } = await getRatingSettings({ db, teamId });
  const scored = (await scoreItems({ db, teamId }, scale, { since: period.start }))
    .filter((s) => s.kind === "story" && s.points > 0 && s.postedAt < period.end && (s.storyKind === "win" || s.storyKind === "failure"))
    .sort((a, b) => b.points - a.points || a.postedAt.getTime() - b.postedAt.getTime());
  const top = [...scored.filter((s) => s.storyKind === "win").slice(0, STORIES_PER_KIND), ...scored.filter((s) => s.storyKind === "failure").slice(0, STORIES_PER_KIND)];
  if (!top.length) return [];
  const customers = new Map(
    (await db.story.findMany({ where: { teamId, id: { in: top.map((s) => s.itemId) } }, select: { id: true, customer: true } })).map((s) => [s.id, s.customer]),
  );
  return Promise.all(
    top.map(async (s) => ({
      storyId: s.itemId,
      kind: s.storyKind as "win" | "failure",
      title: s.title,
      customer: customers.get(s.itemId) ?? null,
      points: s.points,
      channelId: s.channelId,
      ts: s.ts,
      permalink: permalink ? await permalink(s.channelId, s.ts).catch(() => undefined) : undefined,
    })),
  );
}

interface InsightRow {
  id: string;
  themes: string[];
  customer: string;
  sentiment: string;
  quote: string;
  messagePermalink: string | null;
  teams: string[];
  createdAt: Date;
  customerId: bigint | null;
  customerSegment: string | null;
}

const SENTIMENT_RANK: Record<string, number> = { negative: 0, neutral: 1, positive: 2 };

/**
 * Themes (this period against the previous one, with the revenue of the known customers who raised
 * them), notable quotes (negative first) and insights per team. An insight's customer is "known" when
 * its name or external id matches a Customer of the KPI data; with a segment, only insights from that
 * segment's known customers count.
 */
async function loadInsightSections({ db, teamId, period, segment }: GatherDigestOptions): Promise<Pick<DigestData, "themes" | "quotes" | "routed">> {
  const rows = await db.$queryRaw<InsightRow[]>`
    select i.id::text as id, i.themes, i.customer, i.sentiment, i.quote, i."messagePermalink", i.teams, i."createdAt",
           c.id as "customerId", c.segment as "customerSegment"
    from "Insight" i
    left join lateral (
      select c.id, c.segment from "Customer" c
      where c."teamId" = i."teamId" and (lower(c."externalId") = lower(i.customer) or lower(c.name) = lower(i.customer))
      order by c.id limit 1
    ) c on true
    where i."teamId" = ${teamId} and i."hiddenAt" is null and i."createdAt" >= ${period.previousStart} and i."createdAt" < ${period.end}`;
  const inSegment = (r: InsightRow) => segment === null || (r.customerSegment ?? "").toLowerCase() === segment.toLowerCase();
  const relevant = rows.filter(inSegment);
  const current = relevant.filter((r) => r.createdAt >= period.start);
  const previous = relevant.filter((r) => r.createdAt < period.start);

  const customerIds = [...new Set(current.map((r) => r.customerId).filter((id): id is bigint => id !== null))];
  const revenueByCustomer = new Map<bigint, number>();
  if (customerIds.length) {
    const revenue = await db.$queryRaw<{ customerId: bigint; revenue: Prisma.Decimal }[]>`
      select "customerId", sum(amount) as revenue from "Purchase"
      where "teamId" = ${teamId} and "customerId" = any(${customerIds}::bigint[])
        and at >= ${new Date(period.end.getTime() - REVENUE_WINDOW_MS)} and at < ${period.end}
      group by "customerId"`;
    for (const r of revenue) revenueByCustomer.set(r.customerId, Number(r.revenue));
  }

  const themes = new Map<string, { count: number; previousCount: number; customers: Set<bigint> }>();
  const themeOf = (name: string) => {
    const key = name.trim().toLowerCase();
    const entry = themes.get(key) ?? { count: 0, previousCount: 0, customers: new Set<bigint>() };
    themes.set(key, entry);
    return entry;
  };
  for (const r of current) {
    for (const th of new Set(r.themes.map((x) => x.trim().toLowerCase()))) {
      const entry = themeOf(th);
      entry.count += 1;
      if (r.customerId !== null) entry.customers.add(r.customerId);
    }
  }
  for (const r of previous) for (const th of new Set(r.themes.map((x) => x.trim().toLowerCase()))) if (themes.has(th)) themeOf(th).previousCount += 1;
  const themeList: DigestTheme[] = [...themes.entries()]
    .filter(([theme, e]) => theme !== "" && e.count > 0)
    .map(([theme, e]) => {
      const known = [...e.customers].filter((id) => revenueByCustomer.has(id));
      return { theme, count: e.count, previousCount: e.previousCount, revenue: known.length ? known.reduce((sum, id) => sum + revenueByCustomer.get(id)!, 0) : null };
    });

  const quotes: DigestQuote[] = [...current]
    .sort((a, b) => (SENTIMENT_RANK[a.sentiment] ?? 1) - (SENTIMENT_RANK[b.sentiment] ?? 1) || b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, 5)
    .map((r) => ({
      insightId: r.id,
      customer: r.customer,
      sentiment: (r.sentiment in SENTIMENT_RANK ? r.sentiment : "neutral") as DigestQuote["sentiment"],
      quote: r.quote,
      permalink: r.messagePermalink,
    }));

  const perTeam = new Map<string, number>();
  for (const r of current) for (const team of new Set(r.teams)) perTeam.set(team, (perTeam.get(team) ?? 0) + 1);
  const routed: DigestRoutedCount[] = [...perTeam.entries()].map(([team, count]) => ({ team, count }));
  return { themes: themeList, quotes, routed };
}
