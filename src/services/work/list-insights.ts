import { addDays } from "../../domain/time/calendar.js";
import type { InsightStatus } from "../../domain/work/insight-work.js";
import { AppError } from "../../errors/app-error.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { StoredInsight } from "../capture/log-insight.js";
import type { TeamScope } from "../types.js";

export const MAX_INSIGHTS_PAGE = 500;

export interface ListInsightsFilter {
  status?: InsightStatus | undefined;
  theme?: string | undefined;
  team?: string | undefined;
  /** The customer as written on the insight, compared without regard to case. */
  customer?: string | undefined;
  /** Days (YYYY-MM-DD, UTC), both included. */
  from?: string | undefined;
  to?: string | undefined;
  /** The `next` of the previous page. */
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** Where the previous page ended: newest first, ties broken by id. */
const encodeCursor = (i: { createdAt: Date; id: string }) => Buffer.from(`${i.createdAt.toISOString()}|${i.id}`).toString("base64url");

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) throw new AppError("BAD_INPUT", "work.error.badCursor");
  return { createdAt, id };
}

/**
 * A workspace's customer voices with their follow-up, newest first, filtered and paged by a cursor (`next` is null
 * on the last page). Voices whose post was deleted are left out. Throws AppError BAD_INPUT for a cursor it did not make.
 */
export async function listInsights(scope: TeamScope, f: ListInsightsFilter): Promise<{ items: StoredInsight[]; next: string | null }> {
  const limit = Math.min(f.limit ?? 100, MAX_INSIGHTS_PAGE);
  const and: Prisma.InsightWhereInput[] = [{ teamId: scope.teamId, hiddenAt: null }];
  if (f.status) and.push({ status: f.status });
  if (f.theme) and.push({ themes: { has: f.theme } });
  if (f.team) and.push({ teams: { has: f.team } });
  if (f.customer) and.push({ customer: { equals: f.customer, mode: "insensitive" } });
  if (f.from) and.push({ createdAt: { gte: new Date(`${f.from}T00:00:00Z`) } });
  if (f.to) and.push({ createdAt: { lt: new Date(`${addDays(f.to, 1)}T00:00:00Z`) } });
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    and.push({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] });
  }
  const rows = await scope.db.insight.findMany({ where: { AND: and }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1 });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? encodeCursor(last) : null };
}
