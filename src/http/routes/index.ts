import type { ApiRoute } from "../http/api.js";
import type { ListenerDeps } from "../listeners/deps.js";
import { predictionRoutes } from "./prediction-routes.js";
import { kpiRoutes } from "./kpi-routes.js";
import { ingestRoutes } from "./api-routes.js";

/** Every /api/v1 route; each area adds its own list here, one line each. */
export function apiRoutes(_deps: ListenerDeps): ApiRoute[] {
  return [
    // --- areas register below ---
    ...ingestRoutes(_deps),
    ...kpiRoutes(_deps),
    ...predictionRoutes(_deps),
    // --- end of areas ---
  ];
}
