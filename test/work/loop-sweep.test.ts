// The close-the-loop sweeper: DMs queued by a resolving change whose process died before sending them are sent by
// the scheduler's job, exactly once per person per resolution, with two replicas sweeping at the same time; a claim
// a replica left mid-send is settled from the bot's DM conversation (conversations.history and message metadata). On a
// PostgreSQL server each replica has its own connection pool; PGlite has one connection (same claim logic).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/app.js";
import type { Store } from "../../src/db/client.js";
import { runLoopClosureSweep, STALE_CLAIM_MS, SWEEP_AFTER_MS } from "../../src/jobs/loop-closure-sweep.js";
import { UserDirectory } from "../../src/services/slack/user-directory.js";
import { changeInsightWork } from "../../src/services/work/change-insight-work.js";
import { loopClosureMetadata } from "../../src/services/work/recover-loop-closures.js";
import { translator } from "../../src/i18n/index.js";
import { loopClosureMessage } from "../../src/views/work/loop-closure-message.js";
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

  /** What a replica that died right after posting leaves: the DM, marked with its row, in Slack; the row still claimed. */
  async function postedThenDied(row: { id: string; recipientId: string }, claimedAt: Date) {
    const message = loopClosureMessage(translator("en"), {
      closureId: row.id,
      themeName: null,
      resolution: "Fixed",
      insights: [{ customer: "Acme", quote: "Export drops accents.", resolution: null, link: null }],
      told: null,
    });
    await botA.app.client.chat.postMessage({ channel: row.recipientId, text: message.text, blocks: message.blocks, metadata: loopClosureMetadata(row.id) });
    await storeA.db.loopClosure.update({ where: { id: row.id }, data: { status: "sending", claimedBy: "replica-dead", claimedAt, attempts: 1 } });
  }

  it("a DM Slack refused goes back to pending and the next sweep sends it; a claim a dead replica left is settled from the DM conversation", async () => {
    const teamId = newTeamId();
    await resolvedWithoutDelivery(teamId, ["U0RETRY", "U0SENT", "U0LOST"]);
    const rowOf = (recipientId: string) => storeA.db.loopClosure.findFirstOrThrow({ where: { teamId, recipientId } });
    const queuedAt = (await storeA.db.loopClosure.findFirstOrThrow({ where: { teamId }, orderBy: { createdAt: "desc" } })).createdAt;
    // Two rows claimed by a replica that died while sending: U0SENT's DM reached Slack before it died, U0LOST's did not.
    await postedThenDied(await rowOf("U0SENT"), queuedAt);
    await storeA.db.loopClosure.update({ where: { id: (await rowOf("U0LOST")).id }, data: { status: "sending", claimedBy: "replica-dead", claimedAt: queuedAt, attempts: 1 } });
    let refused = 0;
    fake.on("chat.postMessage", (args) => (args.channel === "U0RETRY" && refused++ === 0 ? { ok: false, error: "internal_error" } : postOk(fake, args)));

    // Before the claims are stale, the dead replica's rows are left alone.
    const first = await sweep(botA, storeA, "replica-a", new Date(queuedAt.getTime() + 2 * SWEEP_AFTER_MS));
    expect(first).toMatchObject({ sent: 0, retrying: 1, confirmed: 0, requeued: 0, stale: 0 });
    expect(await rowOf("U0RETRY")).toMatchObject({ status: "pending", attempts: 1 });
    expect(fake.callsTo("conversations.history").filter((c) => ["DU0SENT", "DU0LOST"].includes(c.args.channel))).toHaveLength(0);

    // Both replicas sweep once the claims are stale: each row is settled once, each person has one DM.
    const logs = [captureLog(), captureLog()];
    const staleAt = new Date(queuedAt.getTime() + STALE_CLAIM_MS + 60_000);
    const [a, b] = await Promise.all([sweep(botA, storeA, "replica-a", staleAt, logs[0]), sweep(botB, storeB, "replica-b", staleAt, logs[1])]);
    expect(a.confirmed + b.confirmed).toBe(1);
    expect(a.requeued + b.requeued).toBe(1);
    expect(a.sent + b.sent).toBe(2);
    expect([a.stale, b.stale]).toEqual([0, 0]);
    expect(dmsTo("U0SENT")).toHaveLength(1);
    expect(dmsTo("U0LOST")).toHaveLength(1);
    // Two attempts reached the (fake) Web API for U0RETRY: the one Slack refused and the one it accepted.
    expect(dmsTo("U0RETRY")).toHaveLength(2);
    const sentDm = fake.callsTo("chat.postMessage").findIndex((c) => c.args.channel === "U0SENT");
    expect(await rowOf("U0SENT")).toMatchObject({ status: "sent", channelId: "DU0SENT", messageTs: String(sentDm), claimedBy: "replica-dead", sentAt: queuedAt });
    expect(await rowOf("U0LOST")).toMatchObject({ status: "sent", attempts: 2 });
    expect(await rowOf("U0RETRY")).toMatchObject({ status: "sent", attempts: 2 });
    // The DM conversations were read with their metadata; the DM sent now carries its row's marker too.
    const history = fake.callsTo("conversations.history").filter((c) => ["DU0SENT", "DU0LOST"].includes(c.args.channel));
    expect(new Set(history.map((c) => c.args.channel))).toEqual(new Set(["DU0LOST", "DU0SENT"]));
    expect(history.every((c) => c.args.include_all_metadata === "true")).toBe(true);
    expect(dmsTo("U0LOST")[0]!.args.metadata).toEqual(loopClosureMetadata((await rowOf("U0LOST")).id));
    // Counts and ids only: no customer words, nobody's user id.
    expect(JSON.stringify([...logs[0]!.lines, ...logs[1]!.lines])).not.toMatch(/Export|U0RETRY|U0SENT|U0LOST/);
    fake.on("chat.postMessage", undefined);
  });

  it("an install without im:history cannot read its DMs: a dead replica's claim is reported and not sent blind", async () => {
    const teamId = newTeamId();
    await resolvedWithoutDelivery(teamId, ["U0STUCK"]);
    const row = await storeA.db.loopClosure.findFirstOrThrow({ where: { teamId } });
    await storeA.db.loopClosure.update({ where: { id: row.id }, data: { status: "sending", claimedBy: "replica-dead", claimedAt: row.createdAt, attempts: 1 } });
    fake.scopes.delete("im:history"); // installed before the manifest asked for it
    try {
      const log = captureLog();
      const swept = await sweep(botA, storeA, "replica-a", new Date(row.createdAt.getTime() + STALE_CLAIM_MS + 60_000), log);
      expect(swept).toMatchObject({ sent: 0, confirmed: 0, requeued: 0 });
      expect(swept.stale).toBeGreaterThanOrEqual(1);
      expect(dmsTo("U0STUCK")).toHaveLength(0);
      expect(await storeA.db.loopClosure.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "sending", claimedBy: "replica-dead", attempts: 1 });
      expect(log.lines.find((l) => l.msg === "close-the-loop DM left by a stopped replica: its conversation could not be read")).toMatchObject({ reason: "missing_scope" });
      expect(log.lines.find((l) => l.msg === "close-the-loop DMs claimed by a replica that stopped while sending: not checked yet, not sent again")?.stale).toBeGreaterThanOrEqual(
        1,
      );
    } finally {
      fake.scopes.add("im:history");
    }
  });
});
