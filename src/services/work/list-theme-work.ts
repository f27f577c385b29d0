import { addDays } from "../../domain/time/calendar.js";
import type { ThemeStatus } from "../../domain/work/theme-work.js";
import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";

export const MAX_THEMES_PAGE = 500;

export interface ListThemeWorkFilter {
  status?: ThemeStatus | undefined;
  /** Only voices routed for this team (product, support, ...). */
  team?: string | undefined;
  /** Only voices logged on these days (YYYY-MM-DD, UTC), both included. */
  from?: string | undefined;
  to?: string | undefined;
  /** The `next` of the previous page. */
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** A theme as work: its status and how many customers and voices raised it. */
export interface ThemeWork {
  name: string;
  status: ThemeStatus;
  resolution: string | null;
  link: string | null;
  /** Distinct customers (names compared without regard to case or surrounding spaces). */
  customers: number;
  voices: number;
  /** Voices not yet done or won't do. */
  open: number;
  /**
   * Customer value at risk: revenue to date × (1 − P(alive)) summed over the linked customers, once voices are
   * linked to imported customers; null while none is.
   */
  value: number | null;
  updatedAt: Date | null;
}

const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString("base64url");
function decodeCursor(cursor: string): number {
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m) throw new AppError("BAD_INPUT", "work.error.badCursor");
  return Number(m[1]);
}

/**
 * The workspace's themes (normalised names) with their status, ranked by distinct customers, then voices, then
 * name; filtered by status, team and the days the voices were logged; paged (`next` is null on the last page).
 * Voices whose post was deleted do not count. Throws AppError BAD_INPUT for a cursor it did not make.
 */
export async function listThemeWork(scope: TeamScope, f: ListThemeWorkFilter): Promise<{ items: ThemeWork[]; next: string | null }> {
  const limit = Math.min(f.limit ?? 100, MAX_THEMES_PAGE);
  const offset = f.cursor ? decodeCursor(f.cursor) : 0;
  const from = f.from ? new Date(`${f.from}T00:00:00Z`) : null;
  const to = f.to ? new Date(`${addDays(f.to, 1)}T00:00:00Z`) : null;
  const rows = await scope.db.$queryRaw<Omit<ThemeWork, "value">[]>`
    WITH voice AS (
      SELECT i.id, i.status, lower(btrim(i.customer)) AS customer, lower(btrim(t.theme)) AS theme
      FROM "Insight" i, unnest(i.themes) AS t(theme)
      WHERE i."teamId" = ${scope.teamId} AND i."hiddenAt" IS NULL
        AND (${from}::timestamptz IS NULL OR i."createdAt" >= ${from}::timestamptz)
        AND (${to}::timestamptz IS NULL OR i."createdAt" < ${to}::timestamptz)
        AND (${f.team ?? null}::text IS NULL OR ${f.team ?? null}::text = ANY(i.teams))
    )
    SELECT v.theme AS name, coalesce(th.status, 'open') AS status, th.resolution, th.link, th."updatedAt",
           count(DISTINCT v.customer)::int AS customers, count(DISTINCT v.id)::int AS voices,
           count(DISTINCT v.id) FILTER (WHERE v.status IN ('new', 'acknowledged', 'planned'))::int AS open
    FROM voice v LEFT JOIN "Theme" th ON th."teamId" = ${scope.teamId} AND th.name = v.theme
    WHERE v.theme <> ''
    GROUP BY v.theme, th.status, th.resolution, th.link, th."updatedAt"
    HAVING (${f.status ?? null}::text IS NULL OR coalesce(th.status, 'open') = ${f.status ?? null}::text)
    ORDER BY customers DESC, voices DESC, name ASC
    LIMIT ${limit + 1} OFFSET ${offset}`;
  const items = rows.slice(0, limit).map((r) => ({ ...r, value: null }));
  return { items, next: rows.length > limit ? encodeCursor(offset + limit) : null };
}
