import { z } from "zod";
import { isDay, isTimeZone } from "../../domain/time/calendar.js";
import type { ApiRoute } from "../api.js";
import type { ApiDeps } from "./api-deps.js";
import { computeCohorts } from "../../services/kpi/compute-cohorts.js";
import { computeKpis } from "../../services/kpi/compute-kpis.js";

const ZDay = z.string().refine(isDay, "must be a day YYYY-MM-DD");
const ZKpiQuery = z
  .object({
    // Read by the same parser as `/kpi <period>` (domain/kpi/parse-period.ts); a bad one is a 400 with examples.
    period: z.string().trim().min(1).max(40).optional(),
    timeZone: z.string().trim().refine(isTimeZone, "must be an IANA time zone like Asia/Tokyo").optional(),
    from: ZDay.optional(),
    to: ZDay.optional(),
    segment: z.string().trim().min(1).max(200).optional(),
    window: z.coerce.number().int().min(1).max(3650).optional(),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: "give both from and to, or neither", path: ["to"] });
const ZCohortQuery = z.object({ from: ZDay.optional(), to: ZDay.optional(), segment: z.string().trim().min(1).max(200).optional() });

/**
 * GET /api/v1/kpis?from=&to=[&segment=][&window=][&timeZone=] (to exclusive; neither: the last 4 complete weeks),
 * or ?period=2026-Q3 (any `/kpi` period word, relative ones from today in the time zone) instead of from/to, and
 * GET /api/v1/cohorts?from=&to=[&segment=]: the numbers `/kpi` shows, as JSON.
 */
export function kpiRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    {
      method: "GET",
      path: "/api/v1/kpis",
      handler: async ({ teamId, query }) => {
        const q = ZKpiQuery.parse(Object.fromEntries(query));
        const report = await computeKpis({ db: deps.db, teamId, ...q, now: deps.now() });
        return { status: 200, body: report };
      },
    },
    {
      method: "GET",
      path: "/api/v1/cohorts",
      handler: async ({ teamId, query }) => {
        const q = ZCohortQuery.parse(Object.fromEntries(query));
        const report = await computeCohorts({ db: deps.db, teamId, ...q, now: deps.now() });
        return { status: 200, body: report };
      },
    },
  ];
}
