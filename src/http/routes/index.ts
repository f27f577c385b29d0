import type { ApiRoute } from "../api.js";
import type { ListenerDeps } from "../../listeners/deps.js";
import { predictionRoutes } from "./prediction.js";
import { kpiRoutes } from "./kpi.js";
import { ingestRoutes } from "./ingest.js";

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
