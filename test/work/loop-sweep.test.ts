// The close-the-loop sweeper: DMs queued by a resolving change whose process died before sending them are sent by
// the scheduler's job, exactly once per person per resolution, with two replicas sweeping at the same time. On a
// PostgreSQL server each replica has its own connection pool; PGlite has one connection (same claim logic).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/app.js";
import type { Store } from "../../src/db/client.js";
import { runLoopClosureSweep, STALE_CLAIM_MS, SWEEP_AFTER_MS } from "../../src/jobs/loop-closure-sweep.js";
import { UserDirectory } from "../../src/services/slack/user-directory.js";
import { changeInsightWork } from "../../src/services/work/change-insight-work.js";
import { newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { captureLog, postOk } from "../digest/helpers.js";
import type { FakeSlack } from "../slack/fake-slack.js";
import { startTwoReplicas, stopTwoReplicas } from "../helpers/two-replicas.js";

describe.each(storeKinds())("the close-the-loop sweeper on %s", (kind) => {
  let storeA: TestStore;
  let storeB: Store;
  let fake: FakeSlack;
  let botA: Bot;
  let botB: Bot;
  beforeAll(async () => {
    ({ storeA, storeB, fake, botA, botB } = await startTwoReplicas(kind));
  }, 60_000);
  afterAll(() => stopTwoReplicas({ storeA: storeA, storeB, fake }));

  const sweep = (bot: Bot, store: Store, instanceId: string, now: Date, log = captureLog()) =>
    runLoopClosureSweep({ db: store.db, client: bot.app.client, log: log.log, users: new UserDirectory(bot.app.client), defaultLocale: "en", now, instanceId });
  /** Close-the-loop DMs to one person: their blocks end with the "I told the customer" button. */
  const dmsTo = (userId: string) =>
    fake.callsTo("chat.postMessage").filter((c) => c.args.channel === userId && (c.args.blocks ?? []).some((b: any) => b.block_id === "loop_closure"));

  /** One voice per author, each marked done through the service alone: its DMs are queued and never sent (the "crash"). */
  async function resolvedWithoutDelivery(teamId: string, authors: string[]) {
    for (const [i, authorId] of authors.entries()) {
      fake.meet(authorId, teamId);
      const insight = await storeA.db.insight.create({
        data: {
          teamId,
          sourceKey: randomBytes(4).toString("hex"),
          customer: `Customer ${i}`,
          source: "call",
          sentiment: "negative",
          themes: ["exports"],
          quote: `Export ${i} drops accents.`,
          teams: ["product"],
          authorId,
          searchText: `export ${i} drops accents.`,
        },
      });
      await changeInsightWork(
        { db: storeA.db, teamId },
        { insightId: insight.id, change: { status: "done", resolution: `Fixed export ${i}` }, actorId: "U0ADMIN", source: "button", changeKey: `done-${i}` },
      );
    }
  }

  it("pending DMs left by a crash are sent once each by two replicas sweeping at once; fresh ones are left to their request", async () => {
    const teamId = newTeamId();
    const authors = Array.from({ length: 24 }, (_, i) => `U0SW${String(i).padStart(3, "0")}`);
    fake.users.set("U0SW005", { real_name: "Gone", deleted: true });
    await resolvedWithoutDelivery(teamId, authors);
    expect(await storeA.db.loopClosure.count({ where: { teamId, status: "pending" } })).toBe(24);

    // Within a minute of queueing, the rows still belong to the request that queued them.
    const firstQueued = (await storeA.db.loopClosure.findFirstOrThrow({ where: { teamId }, orderBy: { createdAt: "asc" } })).createdAt;
    const queuedAt = (await storeA.db.loopClosure.findFirstOrThrow({ where: { teamId }, orderBy: { createdAt: "desc" } })).createdAt;
    const early = await sweep(botA, storeA, "replica-a", new Date(firstQueued.getTime() + SWEEP_AFTER_MS - 1_000));
    expect(early.sent).toBe(0);
    expect(fake.callsTo("chat.postMessage").filter((c) => authors.includes(c.args.channel))).toHaveLength(0);

    const later = new Date(queuedAt.getTime() + 2 * SWEEP_AFTER_MS);
    const [a, b] = await Promise.all([sweep(botA, storeA, "replica-a", later), sweep(botB, storeB, "replica-b", later)]);
    expect(a.sent + b.sent).toBe(23);
    expect(a.skipped + b.skipped).toBe(1);
    for (const [i, author] of authors.entries()) {
      const dms = dmsTo(author);
      expect(dms).toHaveLength(author === "U0SW005" ? 0 : 1);
      if (dms.length) expect(JSON.stringify(dms[0]!.args.blocks)).toContain(`Fixed export ${i}`);
    }
    const ledger = await storeA.db.loopClosure.findMany({ where: { teamId } });
    expect(ledger.filter((l) => l.status === "sent")).toHaveLength(23);
    expect(ledger.find((l) => l.recipientId === "U0SW005")).toMatchObject({ status: "skipped", skipReason: "left" });
    expect(ledger.every((l) => l.attempts === 1 && (l.claimedBy === "replica-a" || l.claimedBy === "replica-b"))).toBe(true);

    // A minute later both sweep again: nothing is owed, nothing is sent twice.
    const again = await Promise.all([sweep(botA, storeA, "replica-a", new Date(later.getTime() + 60_000)), sweep(botB, storeB, "replica-b", new Date(later.getTime() + 60_000))]);
    expect(again.map((r) => r.sent + r.skipped)).toEqual([0, 0]);
    expect(authors.filter((u) => u !== "U0SW005").every((u) => dmsTo(u).length === 1)).toBe(true);
  });

  it("a DM Slack refused goes back to pending and the next sweep sends it; a claim a dead replica left is reported, not sent blind", async () => {
    const teamId = newTeamId();
    await resolvedWithoutDelivery(teamId, ["U0RETRY", "U0STUCK"]);
    const stuck = await storeA.db.loopClosure.findFirstOrThrow({ where: { teamId, recipientId: "U0STUCK" } });
    const queuedAt = (await storeA.db.loopClosure.findFirstOrThrow({ where: { teamId }, orderBy: { createdAt: "desc" } })).createdAt;
    // U0STUCK's row was claimed by a replica that died while sending: Slack may or may not have the DM.
    await storeA.db.loopClosure.update({ where: { id: stuck.id }, data: { status: "sending", claimedBy: "replica-dead", claimedAt: queuedAt, attempts: 1 } });
    let refused = 0;
    fake.on("chat.postMessage", (args) => (args.channel === "U0RETRY" && refused++ === 0 ? { ok: false, error: "internal_error" } : postOk(fake, args)));

    const first = await sweep(botA, storeA, "replica-a", new Date(queuedAt.getTime() + 2 * SWEEP_AFTER_MS));
    expect(first).toMatchObject({ sent: 0, retrying: 1, stale: 0 });
    expect(await storeA.db.loopClosure.findFirstOrThrow({ where: { teamId, recipientId: "U0RETRY" } })).toMatchObject({ status: "pending", attempts: 1 });

    const log = captureLog();
    const second = await sweep(botB, storeB, "replica-b", new Date(queuedAt.getTime() + STALE_CLAIM_MS + 60_000), log);
    expect(second).toMatchObject({ sent: 1, retrying: 0 });
    expect(second.stale).toBeGreaterThanOrEqual(1);
    // Two attempts reached the (fake) Web API: the one Slack refused and the one it accepted.
    expect(dmsTo("U0RETRY")).toHaveLength(2);
    expect(dmsTo("U0STUCK")).toHaveLength(0);
    expect(await storeA.db.loopClosure.findFirstOrThrow({ where: { teamId, recipientId: "U0RETRY" } })).toMatchObject({ status: "sent", attempts: 2, claimedBy: "replica-b" });
    const warning = log.lines.find((l) => l.msg === "close-the-loop DMs claimed by a replica that stopped while sending: not sent again");
    expect(warning?.stale).toBeGreaterThanOrEqual(1);
    // Counts only: no customer words, nobody's id.
    expect(JSON.stringify(log.lines)).not.toMatch(/Export|U0RETRY|U0STUCK/);
    fake.on("chat.postMessage", undefined);
  });
});
