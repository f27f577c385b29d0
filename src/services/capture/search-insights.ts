import { Prisma } from "../../generated/prisma/client.js";
import { searchWords } from "../../domain/capture/search-words.js";
import type { TeamScope } from "../types.js";
import type { StoredInsight } from "./log-insight.js";

export const SEARCH_PAGE_SIZE = 5;

/** Escapes LIKE wildcards so a user's `%` or `_` is searched literally. */
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Finds insights whose customer, words, context or themes contain every search word (case-insensitive),
 * newest first. Searches the first SEARCH_MAX_WORDS different words (domain/capture/search-words.ts): `leftOut`
 * counts the rest, `query` is the query as the page buttons carry it. Substring matching backed by a trigram index works for Japanese, which has no spaces
 * between words, as well as for English.
 */
export async function searchInsights(
  { db, teamId }: TeamScope,
  opts: { query: string; page: number; pageSize?: number },
): Promise<{ query: string; leftOut: number; items: StoredInsight[]; total: number; page: number; pages: number }> {
  const pageSize = opts.pageSize ?? SEARCH_PAGE_SIZE;
  const { query, words, leftOut } = searchWords(opts.query);
  const conditions = words.map((w) => Prisma.sql`i."searchText" like ${likePattern(w)}`);
  // An insight whose bot post was deleted in Slack is hidden (see mark-message-deleted.ts).
  const where = Prisma.join([Prisma.sql`i."teamId" = ${teamId}`, Prisma.sql`i."hiddenAt" is null`, ...conditions], " and ");
  const page = Math.max(0, opts.page);
  const [countRows, idRows] = await Promise.all([
    db.$queryRaw<{ n: bigint }[]>`select count(*) as n from "Insight" i where ${where}`,
    db.$queryRaw<{ id: string }[]>`select i.id from "Insight" i where ${where}
      order by i."createdAt" desc, i.id desc offset ${page * pageSize} limit ${pageSize}`,
  ]);
  const total = Number(countRows[0]?.n ?? 0);
  const found = await db.insight.findMany({ where: { teamId, id: { in: idRows.map((r) => r.id) } } });
  const byId = new Map(found.map((f) => [f.id, f]));
  const items = idRows.map((r) => byId.get(r.id)).filter((x): x is StoredInsight => Boolean(x));
  return { query, leftOut, items, total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
