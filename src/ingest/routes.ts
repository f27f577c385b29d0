import type { ApiRoute } from "../http/api.js";
import type { ListenerDeps } from "../listeners/deps.js";

/** Every /api/v1 route. */
export function apiRoutes(_deps: ListenerDeps): ApiRoute[] {
  return [];
}
