import { describe, expect, it } from "vitest";
import { startJobs } from "../../src/jobs/index.js";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { captureLog, createSubscription, digestPosts } from "./helpers.js";

describe.each(storeKinds())("scheduled jobs binding on %s", (kind) => {
  const h = useTestBot(kind);

  it("does nothing when SCHEDULER_ENABLED is false", async () => {
    const jobs = startJobs({ config: h.t.config, store: h.store, client: h.t.bot.app.client, log: captureLog().log });
    expect(jobs.tasks).toEqual([]);
    await jobs.stop();
  });

  it("binds the digest tick every minute, the refit on Mondays and the KPI warm-up every 5 minutes; a tick posts what is due; stop gives the lease up", async () => {
    const teamId = newTeamId();
    const now = Date.now();
    const twoMinutesAgo = new Date(now - 2 * 60_000).toISOString().slice(11, 16);
    await createSubscription(h.store.db, { teamId, channelId: "C0CRON", frequency: "daily", day: null, time: twoMinutesAgo, activeSince: new Date(now - 10 * 60_000) });
    const jobs = startJobs({ config: { ...h.t.config, SCHEDULER_ENABLED: true }, store: h.store, client: h.t.bot.app.client, log: captureLog().log });
    try {
      const [digest, refit, housekeeping, , , kpiWarmup] = jobs.tasks;
      expect(jobs.tasks.map((task) => task.name)).toEqual(["digest", "prediction-refit", "housekeeping", "alerts", "loop-closures", "kpi-warmup"]);
      const nextWarmup = kpiWarmup!.getNextRun()!;
      expect(nextWarmup.getUTCMinutes() % 5).toBe(0);
      expect(nextWarmup.getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000);
      const nextHousekeeping = housekeeping!.getNextRun()!;
      expect([nextHousekeeping.getUTCHours(), nextHousekeeping.getUTCMinutes()]).toEqual([4, 17]);
      expect(digest!.getNextRun()!.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
      const nextRefit = refit!.getNextRun()!;
      expect([nextRefit.getUTCDay(), nextRefit.getUTCHours(), nextRefit.getUTCMinutes()]).toEqual([1, 3, 0]);
      await digest!.execute();
      expect(digestPosts(h.t.fake, "C0CRON")).toHaveLength(1);
      expect(await h.store.db.schedulerLease.count({ where: { name: "digest-scheduler" } })).toBe(1);
    } finally {
      await jobs.stop();
    }
    expect(await h.store.db.schedulerLease.count({ where: { name: "digest-scheduler" } })).toBe(0);
    expect(await h.store.db.digestRun.findFirst({ where: { teamId } })).toMatchObject({ status: "posted", late: false });
  });
});
