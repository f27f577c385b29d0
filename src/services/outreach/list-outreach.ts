import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";
import { queryOutreach, type MeasuredOutreach, type OutreachQuery } from "./outreach-sql.js";

export const MAX_OUTREACH_PAGE = 500;

export type ListOutreachFilter = Omit<OutreachQuery, "after" | "limit"> & { cursor?: string | undefined; limit?: number | undefined };

const encodeCursor = (o: { contactedAt: Date; id: string }) => Buffer.from(`${o.contactedAt.toISOString()}|${o.id}`).toString("base64url");

function decodeCursor(cursor: string): { contactedAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const contactedAt = new Date(at ?? "");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(contactedAt.getTime())) throw new AppError("BAD_INPUT", "outreach.error.badCursor");
  return { contactedAt, id };
}

/**
 * Logged contacts with their measured outcomes as of `now`, newest first, filtered (owner, customer, contact days,
 * outcome) and paged by a cursor (`next` is null on the last page). Throws AppError BAD_INPUT for a cursor it did not make.
 */
export async function listOutreach({ db, teamId }: TeamScope, f: ListOutreachFilter & { now: Date }): Promise<{ items: MeasuredOutreach[]; next: string | null }> {
  const limit = Math.min(f.limit ?? 100, MAX_OUTREACH_PAGE);
  const rows = await queryOutreach(db, teamId, f.now, { ...f, after: f.cursor ? decodeCursor(f.cursor) : undefined, limit: limit + 1 });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? encodeCursor(last) : null };
}
