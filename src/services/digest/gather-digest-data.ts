/**
 * Everything a digest shows, from the database, for one workspace, period and segment. Several channels
 * of a workspace with the same period and segment get the same DigestData (the job shares it).
 */
import { Prisma } from "../../generated/prisma/client.js";
import type { DigestData, DigestQuote, DigestRoutedCount, DigestStory, DigestTheme } from "../../domain/digest/digest-data.js";
import type { DigestPeriod } from "../../domain/digest/schedule.js";
import { effectiveScale, pointsFor } from "../../domain/ratings/scale.js";
import type { KpiReport } from "../../domain/kpi/report.js";
import { computeKpis } from "../kpi/compute-kpis.js";
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

/**
 * The KPI section: the KPI area's `computeKpis` for the digest's period (and the one before), the one
 * code path behind `/kpi`. Its days are the workspace's; the digest asks for the local days of its own
 * period. Null (the section is left out) when the period has no KPI data at all.
 */
export async function loadKpiSection(opts: TeamScope & { period: DigestPeriod; segment: string | null }): Promise<KpiReport | null> {
  const report = await computeKpis({ db: opts.db, teamId: opts.teamId, from: opts.period.firstDay, to: opts.period.endDay, segment: opts.segment });
  return report.hasData ? report : null;
}

/** Gathers the digest's sections. Sections with nothing in the period come back empty. */
export async function gatherDigestData(opts: GatherDigestOptions): Promise<DigestData> {
  const { db, teamId, period, segment } = opts;
  const [kpis, topStories, insightSections] = await Promise.all([
    loadKpiSection({ db, teamId, period, segment }),
    loadTopStories(opts),
    loadInsightSections(opts),
  ]);
  return { teamId, period, segment, kpis, topStories, ...insightSections };
}

interface StoryVoteRow {
  id: string;
  kind: string;
  title: string;
  customer: string | null;
  channelId: string;
  ts: string;
  postedAt: Date;
  emoji: string | null;
  voters: number;
}

/**
 * Stories shared in the period, scored with the ratings area's scale (`pointsFor`, the workspace's scale
 * or the default {star:1, +1:1, fire:2, bulb:2}): each distinct voter per emoji on the bot's messages,
 * the author's own reactions excluded. Unscored stories are not "top-rated" and are left out.
 */
async function loadTopStories({ db, teamId, period, permalink }: GatherDigestOptions): Promise<DigestStory[]> {
  const [workspace, rows] = await Promise.all([
    db.workspace.findUnique({ where: { teamId }, select: { ratingScale: true } }),
    db.$queryRaw<StoryVoteRow[]>`
      select s.id::text as id, s.kind, s.title, s.customer, pm."channelId", pm.ts, pm."postedAt",
             v.emoji, count(distinct v."voterId")::int as voters
      from "Story" s
      join "PostedMessage" pm on pm."teamId" = s."teamId" and pm."storyId" = s.id and pm."deletedAt" is null
      left join "Vote" v on v."teamId" = pm."teamId" and v."channelId" = pm."channelId" and v.ts = pm.ts
                        and v."voterId" <> pm."authorId"
      where s."teamId" = ${teamId} and s."deletedAt" is null
        and s."createdAt" >= ${period.start} and s."createdAt" < ${period.end}
      group by s.id, s.kind, s.title, s.customer, pm."channelId", pm.ts, pm."postedAt", v.emoji`,
  ]);
  const scale = effectiveScale(workspace?.ratingScale as Record<string, number> | null);
  const stories = new Map<string, { row: StoryVoteRow; votersByEmoji: Record<string, number> }>();
  for (const row of rows) {
    const entry = stories.get(row.id) ?? { row, votersByEmoji: {} };
    // A story posted twice links to its first message; votes on both count.
    if (row.postedAt < entry.row.postedAt) entry.row = row;
    if (row.emoji) entry.votersByEmoji[row.emoji] = (entry.votersByEmoji[row.emoji] ?? 0) + row.voters;
    stories.set(row.id, entry);
  }
  const scored = [...stories.values()]
    .map(({ row, votersByEmoji }) => ({ row, points: pointsFor(votersByEmoji, scale) }))
    .filter((s) => s.points > 0 && (s.row.kind === "win" || s.row.kind === "failure"))
    .sort((a, b) => b.points - a.points || a.row.postedAt.getTime() - b.row.postedAt.getTime());
  const top = [...scored.filter((s) => s.row.kind === "win").slice(0, STORIES_PER_KIND), ...scored.filter((s) => s.row.kind === "failure").slice(0, STORIES_PER_KIND)];
  return Promise.all(
    top.map(async ({ row, points }) => ({
      storyId: row.id,
      kind: row.kind as "win" | "failure",
      title: row.title,
      customer: row.customer,
      points,
      channelId: row.channelId,
      ts: row.ts,
      permalink: permalink ? await permalink(row.channelId, row.ts).catch(() => undefined) : undefined,
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
    where i."teamId" = ${teamId} and i."createdAt" >= ${period.previousStart} and i."createdAt" < ${period.end}`;
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
