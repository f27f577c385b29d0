import { pointsFor, type RatingScale } from "../../domain/ratings/scale.js";
import type { TeamScope } from "../types.js";

/** A story or insight with the points its messages received. */
export interface ItemScore {
  kind: "story" | "insight";
  /** Story or insight id. */
  itemId: string;
  authorId: string;
  /** For stories: win | failure. */
  storyKind: string | null;
  /** Story title, or the insight's customer. */
  title: string;
  /** Insight quote (first characters), null for stories. */
  quote: string | null;
  channelId: string;
  ts: string;
  postedAt: Date;
  points: number;
}

export interface ScoreFilter {
  /** Only items posted at or after this time. */
  since?: Date;
  /** Only this person's items. */
  authorId?: string;
  /** Only these stories. */
  storyIds?: string[];
  /** Keep items without a single counted vote (a person's own list). */
  includeUnrated?: boolean;
}

/** A row of the scoring query: one item and one emoji on it, with how many people used it. */
interface Row extends Omit<ItemScore, "kind" | "points"> {
  kind: string;
  emoji: string | null;
  voters: number;
}

/**
 * Scores stories and insights from their votes, at read time: the one query behind rankings, App Home
 * and recognition. Votes are joined to the bot's posted messages, so votes that arrived before the
 * message was recorded count as soon as it is. Rules applied here:
 *  - one vote per person per (base) emoji per item: skin tones count as their base emoji, and an insight
 *    posted in several channels does not collect the same person's star twice;
 *  - the author's own reactions do not count;
 *  - deleted messages and removed stories do not count;
 *  - points come from `pointsFor` and the current scale (emoji off the scale count nothing).
 */
export async function scoreItems({ db, teamId }: TeamScope, scale: RatingScale, filter: ScoreFilter = {}): Promise<ItemScore[]> {
  const emojis = Object.keys(scale);
  const rows = await db.$queryRawUnsafe<Row[]>(
    `WITH items AS (
       SELECT pm."kind", COALESCE(pm."storyId", pm."insightId")::text AS "itemId", pm."authorId",
              s."kind" AS "storyKind", COALESCE(s."title", i."customer") AS "title", left(i."quote", 200) AS "quote",
              pm."channelId", pm."ts", pm."postedAt",
              row_number() OVER (PARTITION BY COALESCE(pm."storyId", pm."insightId") ORDER BY pm."postedAt", pm."channelId") AS n
       FROM "PostedMessage" pm
       LEFT JOIN "Story" s ON s."id" = pm."storyId" AND s."teamId" = pm."teamId"
       LEFT JOIN "Insight" i ON i."id" = pm."insightId" AND i."teamId" = pm."teamId"
       WHERE pm."teamId" = $1 AND pm."deletedAt" IS NULL
         AND (s."id" IS NOT NULL OR i."id" IS NOT NULL) AND s."deletedAt" IS NULL
         AND ($2::timestamptz IS NULL OR pm."postedAt" >= $2::timestamptz)
         AND ($3::text IS NULL OR pm."authorId" = $3::text)
         AND ($4::uuid[] IS NULL OR pm."storyId" = ANY($4::uuid[]))
     ), votes AS (
       SELECT COALESCE(pm."storyId", pm."insightId")::text AS "itemId", split_part(v."emoji", '::', 1) AS "emoji",
              count(DISTINCT v."voterId")::int AS "voters"
       FROM "Vote" v
       JOIN "PostedMessage" pm ON pm."teamId" = v."teamId" AND pm."channelId" = v."channelId" AND pm."ts" = v."ts"
       WHERE v."teamId" = $1 AND pm."deletedAt" IS NULL AND v."voterId" <> pm."authorId"
         AND split_part(v."emoji", '::', 1) = ANY($5::text[])
         AND COALESCE(pm."storyId", pm."insightId")::text IN (SELECT "itemId" FROM items)
       GROUP BY 1, 2
     )
     SELECT it."kind", it."itemId", it."authorId", it."storyKind", it."title", it."quote", it."channelId", it."ts", it."postedAt",
            vo."emoji", COALESCE(vo."voters", 0) AS "voters"
     FROM items it ${filter.includeUnrated ? "LEFT " : ""}JOIN votes vo ON vo."itemId" = it."itemId"
     WHERE it.n = 1`,
    teamId,
    filter.since ?? null,
    filter.authorId ?? null,
    filter.storyIds ?? null,
    emojis,
  );
  const byItem = new Map<string, { item: Omit<ItemScore, "points">; votes: Record<string, number> }>();
  for (const r of rows) {
    let entry = byItem.get(r.itemId);
    if (!entry) {
      const { emoji: _e, voters: _v, ...item } = r;
      entry = { item: { ...item, kind: r.kind === "story" ? "story" : "insight" }, votes: {} };
      byItem.set(r.itemId, entry);
    }
    if (r.emoji) entry.votes[r.emoji] = (entry.votes[r.emoji] ?? 0) + Number(r.voters);
  }
  return [...byItem.values()].map(({ item, votes }) => ({ ...item, points: pointsFor(votes, scale) }));
}
