import { z } from "zod";
import { isDay } from "../../domain/time/calendar.js";
import { INSIGHT_STATUSES, ZInsightWorkChange } from "../../domain/work/insight-work.js";
import type { StoredInsight } from "../../services/capture/log-insight.js";
import { followUpWorkChange } from "../../services/work/follow-up-work-change.js";
import { changeInsightWork } from "../../services/work/change-insight-work.js";
import { listInsights, MAX_INSIGHTS_PAGE } from "../../services/work/list-insights.js";
import type { ApiRoute } from "../api.js";
import { csvCell } from "../csv-cell.js";
import { pagedAnswer } from "../paged-answer.js";
import type { ApiDeps } from "./api-deps.js";

const ZDay = z.string().refine(isDay, "must be a day written YYYY-MM-DD");

const ZListQuery = z
  .object({
    status: z.enum(INSIGHT_STATUSES).optional(),
    theme: z.string().trim().min(1).max(100).optional(),
    team: z.string().trim().min(1).max(100).optional(),
    customer: z.string().trim().min(1).max(200).optional(),
    from: ZDay.optional(),
    to: ZDay.optional(),
    cursor: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_INSIGHTS_PAGE).optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] });

/** An insight as the API shows it (JSON and CSV have these fields, in this order). */
const COLUMNS = ["id", "createdAt", "customer", "source", "sentiment", "themes", "teams", "quote", "context", "authorId", "status", "ownerId", "link", "resolution"] as const;
const asItem = (i: StoredInsight) => Object.fromEntries(COLUMNS.map((c) => [c, c === "createdAt" ? i.createdAt.toISOString() : i[c]]));

/**
 * Customer voices as work:
 *   GET   /api/v1/insights?status=&theme=&team=&customer=&from=&to=&cursor=&limit=   newest first; JSON
 *         `{ items, next }`, or CSV with `Accept: text/csv` (the next cursor in the x-next-cursor header); read scope
 *   PATCH /api/v1/insights/:id   `{ status?, owner?, link?, resolution? }` (null clears owner, link, resolution); the
 *         same values again change nothing, and an Idempotency-Key header makes a retried request a no-op; every
 *         change is kept as history and posted in the insight's Slack thread; write scope
 */
export function insightRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    {
      method: "GET",
      path: "/api/v1/insights",
      scope: "read",
      handler: async ({ teamId, query, accept }) => {
        const q = ZListQuery.parse(Object.fromEntries(query));
        const page = await listInsights({ db: deps.db, teamId }, q);
        return pagedAnswer(page, accept, { columns: COLUMNS, csvRow: (i) => COLUMNS.map((c) => csvCell(i[c])), asItem });
      },
    },
    {
      method: "PATCH",
      path: "/api/v1/insights/:id",
      scope: "write",
      handler: async ({ teamId, params, body, idempotencyKey }) => {
        const insightId = z.string().uuid().parse(params.id);
        const change = ZInsightWorkChange.parse(body);
        const scope = { db: deps.db, teamId };
        const result = await changeInsightWork(scope, { insightId, change, actorId: null, source: "api", changeKey: `api:${idempotencyKey}` });
        await followUpWorkChange(deps, deps.client, teamId, { items: [result], actorId: null });
        return { status: 200, body: { insight: asItem(result.insight), changed: result.changes } };
      },
    },
  ];
}
