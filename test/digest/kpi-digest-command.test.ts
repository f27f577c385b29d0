import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";

describe.each(storeKinds())("/kpi digest subcommands on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store);
    // Subscribing is for admins (test/access/ checks a member is refused).
    t.fake.users.set("U0JA", { locale: "ja-JP", tz: "Asia/Tokyo", is_admin: true });
    t.fake.users.set("U0EN", { locale: "en-US", tz: "Europe/Paris", is_owner: true });
  });
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  const run = async (teamId: string, userId: string, text: string, channelId = "C0DIGEST") => {
    const { responseId } = await t.command({ teamId, userId }, "/kpi", text, { channelId });
    return t.fake.waitForResponse(responseId);
  };

  it("subscribe with no words: weekly, Monday 09:00, the caller's time zone and language", async () => {
    const teamId = newTeamId();
    const reply = await run(teamId, "U0JA", "subscribe");
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain("<#C0DIGEST> にリテンションダイジェストを毎週月曜日 09:00（Asia/Tokyo）に日本語で配信します。次回：");
    const rows = await store.db.digestSubscription.findMany({ where: { teamId } });
    expect(rows).toEqual([
      expect.objectContaining({
        channelId: "C0DIGEST",
        frequency: "weekly",
        day: 1,
        time: "09:00",
        timeZone: "Asia/Tokyo",
        locale: "ja",
        segment: null,
        createdBy: "U0JA",
        pausedAt: null,
      }),
    ]);
  });

  it("subscribe with schedule, zone, segment and language; subscribing again changes it and resumes it", async () => {
    const teamId = newTeamId();
    const reply = await run(teamId, "U0EN", "subscribe daily 18:30 America/New_York segment:enterprise lang:ja");
    expect(reply.text).toContain("<#C0DIGEST> will get the retention digest every day at 18:30 (America/New_York), in Japanese. Next one: ");
    expect(reply.text).toContain("Only the *enterprise* segment is included.");
    await store.db.digestSubscription.updateMany({ where: { teamId }, data: { pausedAt: new Date(), pauseReason: "not_in_channel" } });
    await run(teamId, "U0EN", "subscribe monthly 3 07:00");
    const rows = await store.db.digestSubscription.findMany({ where: { teamId } });
    expect(rows).toEqual([
      expect.objectContaining({ frequency: "monthly", day: 3, time: "07:00", timeZone: "Europe/Paris", locale: "en", segment: null, pausedAt: null, pauseReason: null }),
    ]);
  });

  it("a word it cannot use is named, with the usage, and nothing is stored", async () => {
    const teamId = newTeamId();
    const reply = await run(teamId, "U0EN", "subscribe weekly 9am");
    expect(reply.text).toMatch(/^"9am" was not understood\.\nUsage: `\/kpi subscribe/);
    expect((await run(teamId, "U0EN", "subscribe Pluto/Base")).text).toContain('"Pluto/Base" is not a time zone');
    expect(await store.db.digestSubscription.count({ where: { teamId } })).toBe(0);
  });

  it("subscriptions lists each channel's schedule, time zone, next run and last outcome", async () => {
    const teamId = newTeamId();
    await run(teamId, "U0EN", "subscribe weekly friday 16:00 Asia/Tokyo", "C0AAA");
    await run(teamId, "U0EN", "subscribe daily 08:00 UTC", "C0BBB");
    const [a, b] = await store.db.digestSubscription.findMany({ where: { teamId }, orderBy: { channelId: "asc" } });
    await store.db.digestRun.create({
      data: { id: crypto.randomUUID(), subscriptionId: a!.id, teamId, scheduledFor: new Date("2026-11-20T07:00:00Z"), status: "posted", late: true, messageTs: "1.2" },
    });
    await store.db.digestRun.create({
      data: { id: crypto.randomUUID(), subscriptionId: b!.id, teamId, scheduledFor: new Date("2026-11-22T08:00:00Z"), status: "failed", error: "not_in_channel" },
    });
    await store.db.digestSubscription.update({ where: { id: b!.id }, data: { pausedAt: new Date(), pauseReason: "not_in_channel" } });
    const reply = await run(teamId, "U0EN", "subscriptions");
    const sections = reply.blocks.map((x: any) => x.text.text);
    expect(sections[0]).toBe("*Digest subscriptions*");
    expect(sections[1]).toMatch(/^<#C0AAA>: every Friday at 16:00 \(Asia\/Tokyo\)\nnext: Fri, .*16:00 · last: posted late Fri, Nov 20, 2026, 16:00 · language English$/);
    expect(sections[2]).toBe(
      "<#C0BBB>: every day at 08:00 (UTC)\n:double_vertical_bar: paused: the bot was removed from the channel. Subscribe again in the channel to resume. · last: failed Sun, Nov 22, 2026, 08:00 (the bot was removed from the channel) · language English",
    );
  });

  it("unsubscribe removes the channel's subscription and says so", async () => {
    const teamId = newTeamId();
    await run(teamId, "U0EN", "subscribe");
    expect((await run(teamId, "U0EN", "unsubscribe")).text).toBe("<#C0DIGEST> will no longer get the retention digest.");
    expect(await store.db.digestSubscription.count({ where: { teamId } })).toBe(0);
    expect((await run(teamId, "U0EN", "unsubscribe")).text).toBe("<#C0DIGEST> has no digest subscription.");
    expect((await run(teamId, "U0EN", "subscriptions")).text).toContain("No channel gets the retention digest yet.");
  });

  it("digest preview shows the digest now, only to the caller", async () => {
    const teamId = newTeamId();
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    await store.db.insight.create({
      data: {
        teamId,
        sourceKey: "p1",
        customer: "Acme",
        source: "call",
        sentiment: "negative",
        themes: ["pricing"],
        quote: "We may not renew",
        teams: ["sales"],
        authorId: "U1",
        searchText: "x",
        createdAt: threeDaysAgo,
      },
    });
    const before = t.fake.callsTo("chat.postMessage").length;
    const reply = await run(teamId, "U0EN", "digest preview", "C0PREVIEW");
    expect(reply.response_type).toBe("ephemeral");
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain("Preview: only you can see this.");
    expect(text).toContain("> We may not renew");
    expect(text).toContain("*pricing*: 1 mention (new)");
    expect(t.fake.callsTo("chat.postMessage").length).toBe(before);
    expect((await run(teamId, "U0EN", "digest")).text).toContain("Usage: `/kpi digest preview`");
  });
});
