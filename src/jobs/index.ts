import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import cron, { type ScheduledTask } from "node-cron";
import type { WebClient } from "@slack/web-api";
import type { Config } from "../config.js";
import type { Store } from "../db/client.js";
import { errorFields, type Log } from "../log.js";
import { acquireLease, releaseLease } from "../services/digest/scheduler-lease.js";
import { DIGEST_LEASE, runDigestTick } from "./digest-tick.js";
import { runHousekeeping } from "./housekeeping.js";
import { runWeeklyRefit } from "./refit-models.js";
import { runAlertTick } from "./alert-tick.js";
import { evaluateAtRiskAlerts } from "../services/alerts/evaluate-at-risk-alerts.js";
import { UserDirectory } from "../services/slack/user-directory.js";
import { runLoopClosureSweep } from "./loop-closure-sweep.js";
import { runKpiWarmup } from "./kpi-warmup.js";

export interface JobsHandle {
  /** The node-cron tasks, by name (tests look at them). */
  tasks: ScheduledTask[];
  /** Stops the tasks, waits for a running tick, and gives up this replica's leases. */
  stop(): Promise<void>;
}

const REFIT_LEASE = "prediction-refit";

/**
 * Binds scheduled jobs to node-cron; off when SCHEDULER_ENABLED is false. Every replica runs the same
 * tasks; leases in the database decide which one works.
 * - digest: every minute. Each subscription's schedule is evaluated in its own time zone by the tick.
 * - prediction refit: Mondays 03:00 UTC, by one replica (a six-hour lease); the job itself is
 *   idempotent per workspace and day.
 * - housekeeping: daily 04:17 UTC, forgets old Slack event ids, trend asks and period rollups (idempotent, so no lease).
 * - alerts: every minute, KPI alerts at period close and posting of due alerts (the alert ledger makes it safe on
 *   every replica, so no lease); the weekly refit evaluates at-risk alerts of each refitted workspace.
 * - loop-closures: every minute, sends close-the-loop DMs a request queued and did not send (it died, or Slack
 *   failed); each row is claimed before sending, so every replica may sweep (no lease).
 * - kpi-warmup: every 5 minutes, counts the default 12-period trend of workspaces whose KPI data changed and the
 *   current trends asked for within 35 days (segments, time zones, weekly digests), so their
 *   closed periods are kept before someone asks (a kept period is read, not counted again: no lease).
 */
export function startJobs({ config, store, client, log }: { config: Config; store: Store; client: WebClient; log: Log }): JobsHandle {
  if (!config.SCHEDULER_ENABLED) return { tasks: [], stop: async () => {} };
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const running = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    running.add(p);
    return p.finally(() => running.delete(p));
  };
  const digestLog = log.child({ job: "digest" });
  const digest = cron.schedule(
    "* * * * *",
    () =>
      track(
        runDigestTick({ db: store.db, client, now: new Date(), instanceId, log: digestLog, maxLateHours: config.DIGEST_MAX_LATE_HOURS }).catch((e) =>
          digestLog.error({ err: errorFields(e) }, "digest tick failed"),
        ),
      ),
    { name: "digest", noOverlap: true },
  );
  const refitLog = log.child({ job: "prediction-refit" });
  const refit = cron.schedule(
    "0 3 * * 1",
    () =>
      track(
        (async () => {
          const now = new Date();
          if (!(await acquireLease(store.db, { name: REFIT_LEASE, holder: instanceId, now, ttlMs: 6 * 3_600_000 }))) return;
          const results = await runWeeklyRefit({ db: store.db, now, log: refitLog });
          for (const r of results.filter((x) => x.status === "converged")) {
            await evaluateAtRiskAlerts({ db: store.db, teamId: r.teamId, now }).catch((e) =>
              refitLog.error({ teamId: r.teamId, err: errorFields(e) }, "at-risk alerts after refit failed"),
            );
          }
          refitLog.info({ workspaces: results.length, failed: results.filter((r) => r.status === "error").length }, "weekly refit done");
        })().catch((e) => refitLog.error({ err: errorFields(e) }, "weekly refit failed")),
      ),
    { name: "prediction-refit", noOverlap: true, timezone: "UTC" },
  );
  const houseLog = log.child({ job: "housekeeping" });
  const housekeeping = cron.schedule(
    "17 4 * * *",
    () =>
      track(
        runHousekeeping({ db: store.db, now: new Date(), log: houseLog })
          .then((r) => houseLog.info(r, "housekeeping done"))
          .catch((e) => houseLog.error({ err: errorFields(e) }, "housekeeping failed")),
      ),
    { name: "housekeeping", noOverlap: true, timezone: "UTC" },
  );
  const alertLog = log.child({ job: "alerts" });
  const alerts = cron.schedule(
    "* * * * *",
    () =>
      track(runAlertTick({ db: store.db, client, log: alertLog, now: new Date(), holder: instanceId }).catch((e) => alertLog.error({ err: errorFields(e) }, "alert tick failed"))),
    { name: "alerts", noOverlap: true },
  );
  const loopLog = log.child({ job: "loop-closures" });
  const users = new UserDirectory(client);
  const loopClosures = cron.schedule(
    "* * * * *",
    () =>
      track(
        runLoopClosureSweep({ db: store.db, client, log: loopLog, users, defaultLocale: config.DEFAULT_LOCALE, now: new Date(), instanceId }).catch((e) =>
          loopLog.error({ err: errorFields(e) }, "close-the-loop sweep failed"),
        ),
      ),
    { name: "loop-closures", noOverlap: true },
  );
  const warmLog = log.child({ job: "kpi-warmup" });
  const kpiWarmup = cron.schedule(
    "*/5 * * * *",
    () =>
      track(
        runKpiWarmup({ db: store.db, log: warmLog, now: new Date() })
          .then((r) => r.trends > 0 && warmLog.debug(r, "kpi warm-up done"))
          .catch((e) => warmLog.error({ err: errorFields(e) }, "kpi warm-up failed")),
      ),
    { name: "kpi-warmup", noOverlap: true },
  );
  log.info({ instanceId }, "scheduled jobs started");
  return {
    tasks: [digest, refit, housekeeping, alerts, loopClosures, kpiWarmup],
    async stop() {
      await Promise.all([digest.stop(), refit.stop(), housekeeping.stop(), alerts.stop(), loopClosures.stop(), kpiWarmup.stop()]);
      await Promise.all([...running]);
      await releaseLease(store.db, { name: DIGEST_LEASE, holder: instanceId }).catch(() => {});
    },
  };
}
