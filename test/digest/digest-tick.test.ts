import { describe, expect, it } from "vitest";
import { listSubscriptions } from "../../src/services/digest/list-subscriptions.js";
import { subscriptionsList } from "../../src/views/digest/subscriptions-list.js";
import { translator } from "../../src/i18n/index.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { captureLog, createSubscription, digestPosts, minutes, postOk, useDigestHarness } from "./helpers.js";

describe.each(storeKinds())("digest scheduler on %s", (kind) => {
  const h = useDigestHarness(kind);

  it("a crash after Slack accepted the digest and before the ledger recorded it: the next replica finds it and does not post again", async () => {
    const teamId = newTeamId();
    await createSubscription(h.store.db, { teamId, channelId: "C0CRASH", activeSince: new Date("2026-11-01T00:00:00Z") });
    const due = "2026-11-02T09:00:00Z";
    const crash = await h.tick(due, {
      instanceId: "replica-dies",
      afterPost: () => {
        throw new Error("process killed");
      },
    });
    expect(crash.posted).toBe(0);
    expect(digestPosts(h.t.fake, "C0CRASH")).toHaveLength(1);
    const [claimed] = await h.store.db.digestRun.findMany({ where: { teamId } });
    expect(claimed).toMatchObject({ status: "claimed", claimedBy: "replica-dies", messageTs: null });
    // The lease of the dead replica expires; the claim is not stale yet: nothing happens.
    expect(await h.tick(new Date(Date.parse(due) + minutes(5)), { instanceId: "replica-new" })).toMatchObject({ leader: true, posted: 0, recovered: 0 });
    const later = await h.tick(new Date(Date.parse(due) + minutes(11)), { instanceId: "replica-new" });
    expect(later).toMatchObject({ recovered: 1, posted: 0 });
    expect(digestPosts(h.t.fake, "C0CRASH")).toHaveLength(1);
    // The bot posts with chat:write.public but is not in the channel: history answers not_in_channel until it
    // joins, which is no reason to pause the subscription.
    const history = h.t.fake.callsTo("conversations.history").filter((c) => c.args.channel === "C0CRASH");
    expect(history).toHaveLength(2);
    expect(h.t.fake.callsTo("conversations.join").filter((c) => c.args.channel === "C0CRASH")).toHaveLength(1);
    expect(history[1]!.args.include_all_metadata).toBe("true");
    expect((await h.store.db.digestSubscription.findFirstOrThrow({ where: { teamId } })).pausedAt).toBeNull();
    const run = await h.store.db.digestRun.findUniqueOrThrow({ where: { id: claimed!.id } });
    expect(run).toMatchObject({ status: "posted", claimedBy: "replica-new", attempts: 2 });
    expect(run.messageTs).not.toBeNull();
  });

  it("recovery where the bot cannot join to read history fails the run as history_unreadable and keeps the subscription", async () => {
    const teamId = newTeamId();
    const channelId = `C0NOJOIN${teamId}`;
    await createSubscription(h.store.db, { teamId, channelId, activeSince: new Date("2026-11-01T00:00:00Z") });
    const due = "2026-11-02T09:00:00Z";
    await h.tick(due, { instanceId: "replica-dies", afterPost: () => Promise.reject(new Error("process killed")) });
    h.t.fake.scopes.delete("channels:join"); // installed before the manifest asked for it
    try {
      const later = await h.tick(new Date(Date.parse(due) + minutes(11)), { instanceId: "replica-new" });
      expect(later).toMatchObject({ recovered: 0, posted: 0, paused: 0, failed: 1 });
    } finally {
      h.t.fake.scopes.add("channels:join");
    }
    expect(digestPosts(h.t.fake, channelId)).toHaveLength(1);
    expect(await h.store.db.digestRun.findFirstOrThrow({ where: { teamId } })).toMatchObject({ status: "failed", error: "history_unreadable" });
    expect((await h.store.db.digestSubscription.findFirstOrThrow({ where: { teamId } })).pausedAt).toBeNull();
    const list = subscriptionsList(translator("en"), "en", await listSubscriptions({ db: h.store.db, teamId }), new Date("2026-11-02T10:00:00Z"));
    expect(JSON.stringify(list.blocks)).toContain("could not join the channel to check whether the digest was already posted");
  });

  it("a claim whose replica died before posting is posted once by the next one, marked late", async () => {
    const teamId = newTeamId();
    const sub = await createSubscription(h.store.db, { teamId, channelId: "C0DIEDEARLY", activeSince: new Date("2026-11-01T00:00:00Z") });
    const scheduledFor = new Date("2026-11-02T09:00:00Z");
    await h.store.db.digestRun.create({
      data: { id: crypto.randomUUID(), subscriptionId: sub.id, teamId, scheduledFor, status: "claimed", claimedBy: "gone", claimedAt: scheduledFor, attempts: 1 },
    });
    const r = await h.tick(new Date(scheduledFor.getTime() + minutes(30)), { instanceId: "replica-c" });
    expect(r).toMatchObject({ posted: 1, recovered: 0 });
    await h.tick(new Date(scheduledFor.getTime() + minutes(60)), { instanceId: "replica-c" });
    const posts = digestPosts(h.t.fake, "C0DIEDEARLY");
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.args.blocks)).toContain("Posted late: this digest was due Mon, Nov 2, 2026, 09:00");
    expect(await h.store.db.digestRun.findFirstOrThrow({ where: { teamId } })).toMatchObject({ status: "posted", late: true, attempts: 2 });
  });

  it("honours 429 Retry-After from chat.postMessage and posts once", async () => {
    const teamId = newTeamId();
    await createSubscription(h.store.db, { teamId, channelId: "C0LIMITED", activeSince: new Date("2026-11-01T00:00:00Z") });
    const accepted = new Set<unknown>();
    let refused = 0;
    h.t.fake.on("chat.postMessage", (args, call) => {
      if (args.channel === "C0LIMITED" && refused === 0) {
        refused += 1;
        return { status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } };
      }
      accepted.add(call);
      return postOk(h.t.fake, args);
    });
    try {
      const r = await h.tick("2026-11-02T09:00:00Z");
      expect(r.posted).toBe(1);
    } finally {
      h.t.fake.on("chat.postMessage", (args, call) => {
        accepted.add(call);
        return postOk(h.t.fake, args);
      });
    }
    const calls = digestPosts(h.t.fake, "C0LIMITED");
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(digestPosts(h.t.fake, "C0LIMITED", accepted)).toHaveLength(1);
    expect(await h.store.db.digestRun.findFirstOrThrow({ where: { teamId } })).toMatchObject({ status: "posted", attempts: 1 });
  });

  it.each(["channel_not_found", "not_in_channel", "is_archived"])("%s pauses the subscription and tells whoever set it up", async (code) => {
    const teamId = newTeamId();
    const channelId = `C0GONE${code.length}${teamId}`;
    await createSubscription(h.store.db, { teamId, channelId, createdBy: "U0SETUP", locale: "ja", activeSince: new Date("2026-11-01T00:00:00Z") });
    h.t.fake.on("chat.postMessage", (args) => (args.channel === channelId ? { ok: false, error: code } : postOk(h.t.fake, args)));
    const r = await h.tick("2026-11-02T09:00:00Z");
    expect(r).toMatchObject({ paused: 1, failed: 1, posted: 0 });
    const sub = await h.store.db.digestSubscription.findFirstOrThrow({ where: { teamId } });
    expect(sub.pauseReason).toBe(code);
    expect(sub.pausedAt?.toISOString()).toBe("2026-11-02T09:00:00.000Z");
    expect(await h.store.db.digestRun.findFirstOrThrow({ where: { teamId } })).toMatchObject({ status: "failed", error: code });
    const dm = h.t.fake.callsTo("chat.postMessage").find((c) => c.args.channel === "U0SETUP" && String(c.args.text).includes(channelId));
    expect(dm?.args.text).toContain("一時停止しました");
    // not_in_channel: the bot joined and tried once more before pausing. Paused: the next week is not attempted.
    const attempts = code === "not_in_channel" ? 2 : 1;
    expect(h.t.fake.callsTo("conversations.join").filter((c) => c.args.channel === channelId)).toHaveLength(attempts - 1);
    await h.tick("2026-11-09T09:00:00Z");
    expect(h.t.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === channelId)).toHaveLength(attempts);
    const list = subscriptionsList(translator("en"), "en", await listSubscriptions({ db: h.store.db, teamId }), new Date("2026-11-09T10:00:00Z"));
    expect(JSON.stringify(list.blocks)).toContain("paused: ");
  });

  it("a missed run is posted once when the bot comes back, marked late; one older than the limit is skipped and logged", async () => {
    const teamId = newTeamId();
    await createSubscription(h.store.db, { teamId, channelId: "C0MISSED", activeSince: new Date("2026-11-01T00:00:00Z") });
    await createSubscription(h.store.db, { teamId, channelId: "C0TOOOLD", day: 0, activeSince: new Date("2026-10-01T00:00:00Z") });
    const { log, lines } = captureLog();
    // Down from Sunday morning to Monday 15:00: Monday 09:00 is 6 h late; Sunday 09:00 is 30 h old.
    const r = await h.tick("2026-11-02T15:00:00Z", { log });
    expect(r).toMatchObject({ posted: 1, skipped: 5 });
    await h.tick("2026-11-02T15:01:00Z", { log });
    const posts = digestPosts(h.t.fake, "C0MISSED");
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.args.blocks)).toContain("Posted late");
    expect(digestPosts(h.t.fake, "C0TOOOLD")).toHaveLength(0);
    const runs = await h.store.db.digestRun.findMany({ where: { teamId }, orderBy: { scheduledFor: "asc" } });
    expect(runs.map((x) => [x.scheduledFor.toISOString(), x.status, x.late, x.error])).toEqual([
      ["2026-11-01T09:00:00.000Z", "skipped", true, "too_late"],
      ["2026-11-02T09:00:00.000Z", "posted", true, null],
    ]);
    // Sundays Oct 4 .. Nov 1 were all missed (the look-back starts at activeSince); logged once, counted.
    expect(lines.filter((l) => l.msg === "digest runs too late to post: skipped")).toEqual([expect.objectContaining({ missed: 5, latest: "2026-11-01T09:00:00.000Z", level: 40 })]);
  });

  it("a schedule changed after this period's digest went out does not report the same period again", async () => {
    const teamId = newTeamId();
    const sub = await createSubscription(h.store.db, { teamId, channelId: "C0RESCHED", activeSince: new Date("2026-11-01T00:00:00Z") });
    expect(await h.tick("2026-11-02T09:00:00Z")).toMatchObject({ posted: 1 });
    // Re-subscribed at 09:30 for 10:00 the same Monday (as `/kpi subscribe` does: new time, activeSince = now).
    await h.store.db.digestSubscription.update({ where: { id: sub.id }, data: { time: "10:00", activeSince: new Date("2026-11-02T09:30:00Z") } });
    expect(await h.tick("2026-11-02T10:00:00Z")).toMatchObject({ posted: 0 });
    expect(digestPosts(h.t.fake, "C0RESCHED")).toHaveLength(1);
    // The next week's period is reported at the new time.
    expect(await h.tick("2026-11-09T10:00:00Z")).toMatchObject({ posted: 1 });
    const periods = (await h.store.db.digestRun.findMany({ where: { teamId, status: "posted" }, orderBy: { scheduledFor: "asc" } })).map((r) => [
      r.scheduledFor.toISOString(),
      r.periodStart?.toISOString(),
    ]);
    expect(periods).toEqual([
      ["2026-11-02T09:00:00.000Z", "2026-10-26T00:00:00.000Z"],
      ["2026-11-09T10:00:00.000Z", "2026-11-02T00:00:00.000Z"],
    ]);
  });

  it("only the lease holder works; another replica takes over when the lease expires", async () => {
    const teamId = newTeamId();
    await createSubscription(h.store.db, { teamId, channelId: "C0LEASE", frequency: "daily", day: null, time: "10:00", activeSince: new Date("2026-12-01T00:00:00Z") });
    expect((await h.tick("2026-12-01T09:58:00Z", { instanceId: "leader" })).leader).toBe(true);
    expect(await h.tick("2026-12-01T10:00:00Z", { instanceId: "follower" })).toMatchObject({ leader: false, posted: 0 });
    expect(digestPosts(h.t.fake, "C0LEASE")).toHaveLength(0);
    // The leader stops ticking; two minutes later its lease has expired.
    expect(await h.tick("2026-12-01T10:01:00Z", { instanceId: "follower" })).toMatchObject({ leader: true, posted: 1 });
    expect(await h.tick("2026-12-01T10:01:00Z", { instanceId: "leader" })).toMatchObject({ leader: false });
    expect(digestPosts(h.t.fake, "C0LEASE")).toHaveLength(1);
  });
});
