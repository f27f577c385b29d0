import { z } from "zod";
import { isDay } from "../../domain/time/calendar.js";
import { THEME_STATUSES, ZThemeName, ZThemeWorkChange } from "../../domain/work/theme-work.js";
import { changeThemeWork } from "../../services/work/change-theme-work.js";
import { followUpWorkChange } from "../../services/work/follow-up-work-change.js";
import { listThemeWork, MAX_THEMES_PAGE, type ThemeWork } from "../../services/work/list-theme-work.js";
import type { ApiRoute } from "../api.js";
import { csvCell } from "../csv-cell.js";
import { pagedAnswer } from "../paged-answer.js";
import type { ApiDeps } from "./api-deps.js";

const ZDay = z.string().refine(isDay, "must be a day written YYYY-MM-DD");

const ZListQuery = z
  .object({
    status: z.enum(THEME_STATUSES).optional(),
    team: z.string().trim().min(1).max(100).optional(),
    sort: z.enum(["customers", "value"]).optional(),
    from: ZDay.optional(),
    to: ZDay.optional(),
    cursor: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_THEMES_PAGE).optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] });

/** A theme as the API shows it (JSON and CSV have these fields, in this order). */
const COLUMNS = ["name", "status", "customers", "voices", "open", "value", "resolution", "link", "updatedAt"] as const;
const asItem = (th: ThemeWork) => Object.fromEntries(COLUMNS.map((c) => [c, c === "updatedAt" ? (th.updatedAt?.toISOString() ?? null) : th[c]]));

/**
 * Themes as units of work:
 *   GET   /api/v1/themes?status=&team=&from=&to=&cursor=&limit=   ranked by distinct customers; JSON `{ items, next }`,
 *         or CSV with `Accept: text/csv` (the next cursor in the x-next-cursor header); read scope
 *   PATCH /api/v1/themes/:name   `{ status, resolution?, link? }`; the theme's open voices follow (their history says
 *         source "theme", their threads get a line); done sends the close-the-loop DMs; Idempotency-Key makes a
 *         retried request a no-op; write scope
 */
export function themeRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    {
      method: "GET",
      path: "/api/v1/themes",
      scope: "read",
      handler: async ({ teamId, query, accept }) => {
        const q = ZListQuery.parse(Object.fromEntries(query));
        const page = await listThemeWork({ db: deps.db, teamId }, q);
        return pagedAnswer(page, accept, {
          columns: COLUMNS,
          csvRow: (th) => COLUMNS.map((c) => csvCell(c === "updatedAt" ? (th.updatedAt?.toISOString() ?? null) : th[c])),
          asItem,
        });
      },
    },
    {
      method: "PATCH",
      path: "/api/v1/themes/:name",
      scope: "write",
      handler: async ({ teamId, params, body, idempotencyKey }) => {
        const name = ZThemeName.parse(params.name);
        const change = ZThemeWorkChange.parse(body);
        const result = await changeThemeWork({ db: deps.db, teamId }, { name, change, actorId: null, source: "api", changeKey: `api:${idempotencyKey}` });
        await followUpWorkChange(deps, deps.client, teamId, { items: result.insights, actorId: null, theme: name });
        return {
          status: 200,
          body: {
            theme: { name: result.theme.name, status: result.theme.status, resolution: result.theme.resolution, link: result.theme.link },
            from: result.from,
            changed: result.changed,
            insights: result.insights.map((i) => ({ id: i.insight.id, status: i.insight.status, changed: i.changes })),
          },
        };
      },
    },
  ];
}
