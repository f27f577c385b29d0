import type { TeamScope } from "../types.js";
import { insightSearchText } from "./log-insight.js";

/** An existing voice offered as "same as this one?" while a new one is logged. */
export interface SimilarInsight {
  id: string;
  customer: string;
  quote: string;
  themes: string[];
  createdAt: Date;
  sameCustomer: boolean;
  evidenceCount: number;
}

/** Trigram similarity of the whole texts (customer, words, themes) from which a voice counts as similar. */
export const SIMILAR_TEXT_THRESHOLD = 0.3;
/** A voice sharing a theme counts from this lower text similarity, among the most recent RECENT_FOR_THEMES voices. */
export const THEME_TEXT_THRESHOLD = 0.15;
const RECENT_FOR_THEMES = 2000;
const CANDIDATES_PER_KIND = 20;
/**
 * Voices with similar words ranked per draft: the newest this many above SIMILAR_TEXT_THRESHOLD. When most voices
 * share their words (a narrow product, a common complaint), ranking every one of them by similarity is what made the
 * offer slow; the newest ones are found by walking the (teamId, createdAt) index and stopping, and when similar
 * voices are rare the trigram index finds them all.
 */
export const SIMILAR_CANDIDATES = 200;
const SEARCH_TIMEOUT_MS = 1500;

/**
 * Up to `limit` existing visible voices that may say the same as a draft: the same imported customer (every voice of
 * theirs whatever its age, the closest words first), words that resemble it (trigram similarity of the searched text,
 * among the newest SIMILAR_CANDIDATES such voices), or a shared theme with somewhat similar words among the recent
 * voices (a popular theme alone is not "the same"). Ranked by text similarity plus a bonus for the same customer and
 * for each shared theme; the same customer's closest voice is always offered, in the last place if it ranked lower.
 * Runs under a statement timeout; on a busy store it answers with nothing rather than hold the capture up.
 */
export async function findSimilarInsights(
  { db, teamId }: TeamScope,
  draft: { customer: string; customerId?: string | null | undefined; quote: string; themes: string[] },
  opts: { limit?: number } = {},
): Promise<SimilarInsight[]> {
  const text = insightSearchText({ customer: draft.customer, quote: draft.quote, context: null, themes: draft.themes });
  const rows = await db.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(
        `select set_config('statement_timeout', $1, true), set_config('pg_trgm.similarity_threshold', $2, true)`,
        `${SEARCH_TIMEOUT_MS}ms`,
        String(SIMILAR_TEXT_THRESHOLD),
      );
      return tx.$queryRawUnsafe<Array<{ id: string; same: boolean; score: number }>>(
        `with candidates as (
             (select i.id from "Insight" i where i."teamId" = $1 and i."hiddenAt" is null and $2::bigint is not null and i."customerId" = $2::bigint
               order by similarity(i."searchText", $3) desc, i."createdAt" desc limit $5)
             union
             (select i.id from "Insight" i where i."teamId" = $1 and i."hiddenAt" is null and i."searchText" % $3
               order by i."createdAt" desc limit $9)
             union
             (select r.id from (select i.id, i.themes, i."searchText" from "Insight" i where i."teamId" = $1 and i."hiddenAt" is null
                                  order by i."createdAt" desc limit $7) r
               where cardinality($4::text[]) > 0 and r.themes && $4::text[] and similarity(r."searchText", $3) >= $8 limit $5)
           )
           , scored as (
             select i.id, i."createdAt",
                    coalesce(i."customerId" = $2::bigint, false) as same,
                    (similarity(i."searchText", $3)
                      + case when coalesce(i."customerId" = $2::bigint, false) then 0.3 else 0 end
                      + 0.1 * cardinality(array(select unnest(i.themes) intersect select unnest($4::text[]))))::float8 as score
               from candidates c join "Insight" i on i.id = c.id
           )
           select id, same, score from (
             select s.*, row_number() over (order by score desc, "createdAt" desc) as place,
                    row_number() over (partition by same order by score desc, "createdAt" desc) as place_in_kind
               from scored s
           ) ranked
            where place <= $6 or (same and place_in_kind = 1)
            order by place`,
        teamId,
        draft.customerId ?? null,
        text,
        draft.themes,
        CANDIDATES_PER_KIND,
        opts.limit ?? 3,
        RECENT_FOR_THEMES,
        THEME_TEXT_THRESHOLD,
        SIMILAR_CANDIDATES,
      );
    },
    { timeout: SEARCH_TIMEOUT_MS * 2, maxWait: SEARCH_TIMEOUT_MS },
  );
  const offered = withOwnVoice(rows, opts.limit ?? 3);
  if (offered.length === 0) return [];
  const [voices, counts] = await Promise.all([
    db.insight.findMany({ where: { teamId, id: { in: offered.map((r) => r.id) } }, select: { id: true, customer: true, quote: true, themes: true, createdAt: true } }),
    db.insightEvidence.groupBy({ by: ["insightId"], where: { teamId, insightId: { in: offered.map((r) => r.id) } }, _count: { _all: true } }),
  ]);
  const byId = new Map(voices.map((v) => [v.id, v]));
  const evidence = new Map(counts.map((c) => [c.insightId, c._count._all]));
  return offered.flatMap((r) => {
    const v = byId.get(r.id);
    return v ? [{ ...v, sameCustomer: r.same, evidenceCount: evidence.get(r.id) ?? 0 }] : [];
  });
}

/** The first `limit` ranked voices; when the same customer's closest voice ranked lower (the one row past `limit`), it takes the last place. */
function withOwnVoice<T extends { same: boolean }>(ranked: T[], limit: number): T[] {
  const own = ranked.slice(limit).find((r) => r.same);
  return own ? [...ranked.slice(0, limit - 1), own] : ranked.slice(0, limit);
}
