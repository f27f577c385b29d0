import type { ApiRoute } from "../api.js";
import type { ApiDeps } from "./api-deps.js";
import { predictionRoutes } from "./prediction.js";
import { kpiRoutes } from "./kpi.js";
import { ingestRoutes } from "./ingest.js";
import { privacyRoutes } from "./privacy.js";
import { insightRoutes } from "./insights.js";
import { themeRoutes } from "./themes.js";
import { outreachRoutes } from "./outreach.js";

/** Every /api/v1 route; each area adds its own list here, one line each. */
export function apiRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    // --- areas register below ---
    ...ingestRoutes(deps),
    ...kpiRoutes(deps),
    ...predictionRoutes(deps),
    ...privacyRoutes(deps),
    ...insightRoutes(deps),
    ...themeRoutes(deps),
    ...outreachRoutes(deps),
    // --- end of areas ---
  ];
}
