import { addDays } from "../../domain/time/calendar.js";
import type { ThemeStatus } from "../../domain/work/theme-work.js";
import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";

export const MAX_THEMES_PAGE = 500;

export interface ListThemeWorkFilter {
  status?: ThemeStatus | undefined;
  /** Only this theme (a normalised name: trimmed, lower case). */
  name?: string | undefined;
  /** Only voices routed for this team (product, support, ...). */
  team?: string | undefined;
  /** Only voices logged on these days (YYYY-MM-DD, UTC), both included. */
  from?: string | undefined;
  to?: string | undefined;
  /** Most distinct customers first (default), or most customer value at risk first (themes without a value last). */
  sort?: "customers" | "value" | undefined;
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
   * Customer value at risk: revenue to date × (1 − P(alive)) summed over the theme's linked customers, each once,
   * from the customer's state when a voice was linked (at capture); null when no linked customer has a P(alive).
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
 * The workspace's themes (normalised names) with their status, ranked by distinct customers (or by value at risk),
 * then voices, then name; filtered by status, team and the days the voices were logged; paged (`next` is null on the last page).
 * Voices whose post was deleted do not count. Throws AppError BAD_INPUT for a cursor it did not make.
 */
export async function listThemeWork(scope: TeamScope, f: ListThemeWorkFilter): Promise<{ items: ThemeWork[]; next: string | null }> {
  const limit = Math.min(f.limit ?? 100, MAX_THEMES_PAGE);
  const offset = f.cursor ? decodeCursor(f.cursor) : 0;
  const from = f.from ? new Date(`${f.from}T00:00:00Z`) : null;
  const to = f.to ? new Date(`${addDays(f.to, 1)}T00:00:00Z`) : null;
  const teamId = scope.teamId;
  const rows = await scope.db.$queryRaw<ThemeWork[]>`
    WITH voice AS (
      SELECT i.id, i.status, lower(btrim(t.theme)) AS theme
      FROM "Insight" i, unnest(i.themes) AS t(theme)
      WHERE i."teamId" = ${teamId} AND i."hiddenAt" IS NULL
        AND (${from}::timestamptz IS NULL OR i."createdAt" >= ${from}::timestamptz)
        AND (${to}::timestamptz IS NULL OR i."createdAt" < ${to}::timestamptz)
        AND (${f.team ?? null}::text IS NULL OR ${f.team ?? null}::text = ANY(i.teams))
        AND (${f.name ?? null}::text IS NULL OR lower(btrim(t.theme)) = ${f.name ?? null}::text)
    ),
    -- The customers behind each voice: its own and those of its supporting evidence; a linked customer by its id,
    -- a free-text one by its name without regard to case or surrounding spaces.
    raised AS (
      SELECT v.theme, coalesce('c' || i."customerId"::text, 'n' || lower(btrim(i.customer))) AS customer
      FROM voice v JOIN "Insight" i ON i.id = v.id
      UNION
      SELECT v.theme, coalesce('c' || e."customerId"::text, 'n' || lower(btrim(e.customer)))
      FROM voice v JOIN "InsightEvidence" e ON e."insightId" = v.id AND e."teamId" = ${teamId}
    ),
    -- Value at risk: each linked customer once, from the newest snapshot taken when a voice was linked.
    at_risk AS (
      SELECT theme, sum(value) AS value FROM (
        SELECT DISTINCT ON (v.theme, i."customerId") v.theme, i."customerRevenue"::float8 * (1 - i."customerPAlive") AS value
        FROM voice v JOIN "Insight" i ON i.id = v.id
        WHERE i."customerId" IS NOT NULL AND i."customerRevenue" IS NOT NULL AND i."customerPAlive" IS NOT NULL
        ORDER BY v.theme, i."customerId", i."customerLinkedAt" DESC NULLS LAST, i."createdAt" DESC
      ) linked GROUP BY theme
    ),
    listed AS (
      SELECT v.theme AS name, coalesce(th.status, 'open') AS status, th.resolution, th.link, th."updatedAt",
             (SELECT count(*) FROM raised r WHERE r.theme = v.theme)::int AS customers,
             count(DISTINCT v.id)::int AS voices,
             count(DISTINCT v.id) FILTER (WHERE v.status IN ('new', 'acknowledged', 'planned'))::int AS open,
             (SELECT a.value FROM at_risk a WHERE a.theme = v.theme) AS value
      FROM voice v LEFT JOIN "Theme" th ON th."teamId" = ${teamId} AND th.name = v.theme
      WHERE v.theme <> ''
      GROUP BY v.theme, th.status, th.resolution, th.link, th."updatedAt"
    )
    SELECT * FROM listed
    WHERE ${f.status ?? null}::text IS NULL OR status = ${f.status ?? null}::text
    ORDER BY CASE WHEN ${f.sort ?? "customers"} = 'value' THEN coalesce(value, -1) ELSE 0 END DESC, customers DESC, voices DESC, name ASC
    LIMIT ${limit + 1} OFFSET ${offset}`;
  const items = rows.slice(0, limit).map((r) => ({ ...r, value: r.value === null ? null : Math.round(r.value * 100) / 100 }));
  return { items, next: rows.length > limit ? encodeCursor(offset + limit) : null };
}
