import type { WebClient } from "@slack/web-api";
import type { Config } from "../config.js";
import type { Store } from "../db/client.js";
import type { Log } from "../log.js";

export interface JobsHandle {
  stop(): Promise<void>;
}

/** Binds scheduled jobs to node-cron. */
export function startJobs(_opts: { config: Config; store: Store; client: WebClient; log: Log }): JobsHandle {
  return { stop: async () => {} };
}
