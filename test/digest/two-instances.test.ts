import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/app.js";
import type { Store } from "../../src/db/client.js";
import { runDigestTick } from "../../src/jobs/digest-tick.js";
import { claimRun } from "../../src/services/digest/digest-runs.js";
import { newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import type { FakeSlack } from "../slack/fake-slack.js";
import { startTwoReplicas, stopTwoReplicas } from "../helpers/two-replicas.js";
import { captureLog, createSubscription, minutes } from "./helpers.js";

// On a PostgreSQL server the replicas have their own connection pools; PGlite is one process, so there
// the two bots share its one connection (same lease and ledger logic, no true parallelism).
describe.each(storeKinds())("two replicas on one database (%s)", (kind) => {
  let storeA: TestStore;
  let storeB: Store;
  let fake: FakeSlack;
  let botA: Bot;
  let botB: Bot;
  beforeAll(async () => {
    ({ storeA, storeB, fake, botA, botB } = await startTwoReplicas(kind));
  });
  afterAll(() => stopTwoReplicas({ storeA: storeA, storeB, fake }));

  it("ticking together for two days, with one replica dying on the way: every digest posted exactly once", async () => {
    const zones = ["UTC", "Asia/Tokyo", "America/New_York", "Europe/Berlin"];
    const teams = [newTeamId(), newTeamId()];
    const since = new Date("2026-11-02T00:00:00Z");
    for (const [ti, teamId] of teams.entries()) {
      for (let i = 0; i < 12; i++) {
        await createSubscription(storeA.db, {
          teamId,
          channelId: `C${ti}X${i}`,
          frequency: "daily",
          day: null,
          time: `0${i % 10}:00`,
          timeZone: zones[i % 4]!,
          activeSince: since,
        });
      }
    }
    const tick = (bot: Bot, store: Store, instanceId: string, at: number) =>
      runDigestTick({ db: store.db, client: bot.app.client, now: new Date(at), instanceId, log: captureLog().log, maxLateHours: 24, channelSpacingMs: 0 });
    const end = Date.parse("2026-11-04T00:00:00Z");
    const dies = Date.parse("2026-11-03T12:00:00Z");
    const leaders = new Set<string>();
    for (let at = since.getTime(); at < end; at += minutes(60)) {
      const results = await Promise.all([at < dies ? tick(botA, storeA, "replica-a", at) : Promise.resolve(null), tick(botB, storeB, "replica-b", at)]);
      expect(results.filter((r) => r?.leader)).toHaveLength(1);
      results.forEach((r, i) => {
        if (r?.leader) leaders.add(i === 0 ? "a" : "b");
      });
    }
    expect(leaders).toEqual(new Set(["a", "b"]));
    const posts = fake.callsTo("chat.postMessage").filter((c) => c.args.metadata?.event_type === "retention_digest");
    const keys = posts.map((c) => `${c.args.metadata.event_payload.subscription_id}@${c.args.metadata.event_payload.scheduled_for}`);
    // 24 daily subscriptions over two days: two runs each, none twice.
    expect(new Set(keys).size).toBe(keys.length);
    const runs = await storeA.db.digestRun.findMany({ where: { teamId: { in: teams } } });
    expect(keys.length).toBe(24 * 2);
    expect(runs.length).toBe(keys.length);
    expect(runs.every((r) => r.status === "posted" && !r.late)).toBe(true);
    expect(new Set(runs.map((r) => r.claimedBy))).toEqual(new Set(["replica-a", "replica-b"]));
  });

  it("racing claims for the same runs: the unique constraint gives each run to exactly one replica", async () => {
    const teamId = newTeamId();
    const subs = await Promise.all(
      Array.from({ length: 25 }, (_, i) => createSubscription(storeA.db, { teamId, channelId: `CRACE${i}`, activeSince: new Date("2026-11-01T00:00:00Z") })),
    );
    const scheduledFor = new Date("2026-11-09T09:00:00Z");
    const now = new Date("2026-11-09T09:00:00Z");
    const outcomes = await Promise.all(
      subs.flatMap((s) => [
        claimRun(storeA.db, { subscriptionId: s.id, teamId, scheduledFor, periodStart: new Date("2026-11-02T00:00:00Z"), late: false, holder: "a", now }),
        claimRun(storeB.db, { subscriptionId: s.id, teamId, scheduledFor, periodStart: new Date("2026-11-02T00:00:00Z"), late: false, holder: "b", now }),
      ]),
    );
    for (let i = 0; i < subs.length; i++) expect([outcomes[2 * i], outcomes[2 * i + 1]].filter(Boolean)).toHaveLength(1);
    expect(await storeA.db.digestRun.count({ where: { teamId } })).toBe(25);
  });
});
