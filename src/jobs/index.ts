import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import cron from "node-cron";
import type { WebClient } from "@slack/web-api";
import type { Config } from "../config.js";
import type { Store } from "../db/client.js";
import type { Log } from "../log.js";
import { releaseLease } from "../services/digest/scheduler-lease.js";
import { DIGEST_LEASE, runDigestTick } from "./digest-tick.js";

export interface JobsHandle {
  stop(): Promise<void>;
}

/**
 * Binds scheduled jobs to node-cron: the digest scheduler ticks every minute (schedules themselves are
 * evaluated in each subscription's time zone by the tick). Off when SCHEDULER_ENABLED is false.
 */
export function startJobs({ config, store, client, log }: { config: Config; store: Store; client: WebClient; log: Log }): JobsHandle {
  if (!config.SCHEDULER_ENABLED) return { stop: async () => {} };
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const jobLog = log.child({ job: "digest" });
  let running: Promise<unknown> | null = null;
  const task = cron.schedule(
    "* * * * *",
    async () => {
      running = runDigestTick({ db: store.db, client, now: new Date(), instanceId, log: jobLog, maxLateHours: config.DIGEST_MAX_LATE_HOURS }).catch((e) =>
        jobLog.error({ err: e instanceof Error ? e.message : String(e) }, "digest tick failed"),
      );
      await running;
      running = null;
    },
    { name: "digest", noOverlap: true },
  );
  jobLog.info({ instanceId }, "digest scheduler started");
  return {
    async stop() {
      await task.stop();
      await running;
      await releaseLease(store.db, { name: DIGEST_LEASE, holder: instanceId }).catch(() => {});
    },
  };
}
