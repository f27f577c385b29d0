import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodBefore } from "../../src/domain/digest/schedule.js";
import { gatherDigestData } from "../../src/services/digest/gather-digest-data.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";

const d = (s: string) => new Date(s);

describe.each(storeKinds())("digest data on %s", (kind) => {
  let store: TestStore;
  const teamId = newTeamId();
  // Run on Monday Nov 23, 2026, 09:00 UTC: this period is Nov 16-22, the previous one Nov 9-15.
  const period = periodBefore("weekly", "UTC", d("2026-11-23T09:00:00Z"));

  beforeAll(async () => {
    store = await createTestStore(kind);
    const db = store.db;
    let n = 0;
    const story = async (kind: string, title: string, postedAt: string, votes: [string, string][], customer: string | null = null) => {
      const id = crypto.randomUUID();
      const ts = `1700000${++n}.000100`;
      await db.story.create({ data: { id, teamId, sourceKey: `k${n}`, kind, title, happened: "h", learned: "l", customer, authorId: "U0AUTHOR", createdAt: d(postedAt) } });
      await db.postedMessage.create({ data: { teamId, channelId: "C0STORIES", ts, kind: "story", storyId: id, authorId: "U0AUTHOR", postedAt: d(postedAt) } });
      for (const [voterId, emoji] of votes) await db.vote.create({ data: { teamId, channelId: "C0STORIES", ts, voterId, emoji } });
    };
    // 1 (star) + 2 (fire) + 1 (+1 with a skin tone); the author's own fire does not count: 4.
    await story(
      "win",
      "Saved Acme's renewal",
      "2026-11-17T10:00:00Z",
      [
        ["U2", "star"],
        ["U3", "fire"],
        ["U4", "+1::skin-tone-2"],
        ["U0AUTHOR", "fire"],
      ],
      "Acme",
    );
    await story("win", "Onboarding in a day", "2026-11-18T10:00:00Z", [
      ["U2", "bulb"],
      ["U3", "bulb"],
    ]); // 4, shared later
    await story("failure", "Missed the churn signal", "2026-11-19T10:00:00Z", [
      ["U5", "fire"],
      ["U6", "thumbsdown"],
    ]); // 2
    await story("win", "Last week's win", "2026-11-10T10:00:00Z", [
      ["U2", "fire"],
      ["U3", "fire"],
    ]); // previous period
    await story("win", "Monday morning win", "2026-11-23T05:00:00Z", [["U2", "fire"]]); // after the period
    await story("win", "Nobody reacted", "2026-11-20T10:00:00Z", []);

    const acme = await db.customer.create({ data: { teamId, externalId: "acme-1", name: "Acme", segment: "enterprise", signedUpAt: d("2024-01-01T00:00:00Z") } });
    const beta = await db.customer.create({ data: { teamId, externalId: "b-2", name: "Beta Corp", segment: "smb", signedUpAt: d("2024-01-01T00:00:00Z") } });
    const purchase = (customerId: bigint, at: string, amount: string) => db.purchase.create({ data: { teamId, customerId, dedupKey: `p${++n}`, at: d(at), amount } });
    await purchase(acme.id, "2026-06-01T00:00:00Z", "1000.00");
    await purchase(acme.id, "2026-11-20T00:00:00Z", "500.50");
    await purchase(acme.id, "2025-01-01T00:00:00Z", "2000.00"); // more than a year before the period end
    await purchase(beta.id, "2026-10-01T00:00:00Z", "300.00");
    await purchase(beta.id, "2026-11-24T00:00:00Z", "99.00"); // after the period

    const insight = (customer: string, sentiment: string, themes: string[], teams: string[], quote: string, at: string) =>
      db.insight.create({
        data: {
          teamId,
          sourceKey: `i${++n}`,
          customer,
          source: "call",
          sentiment,
          themes,
          quote,
          teams,
          authorId: "U0AUTHOR",
          searchText: quote,
          createdAt: d(at),
          messagePermalink: `https://x.slack.com/p${n}`,
        },
      });
    await insight("Acme", "negative", ["pricing", "renewal"], ["sales", "product"], "The price doubled", "2026-11-17T10:00:00Z");
    await insight("beta corp", "neutral", ["pricing"], ["product"], "Pricing page is unclear", "2026-11-18T10:00:00Z");
    await insight("Unknown Ltd", "positive", ["onboarding"], ["support"], "Setup was easy", "2026-11-19T10:00:00Z");
    await insight("acme-1", "negative", ["Pricing"], ["product"], "We are looking at competitors", "2026-11-20T10:00:00Z");
    await insight("Beta Corp", "negative", ["pricing"], ["product"], "Too expensive", "2026-11-10T10:00:00Z"); // previous period
    await insight("Someone", "neutral", ["support"], ["support"], "Slow replies", "2026-11-11T10:00:00Z"); // previous period only
  });
  afterAll(async () => {
    await store?.close();
  });

  it("gathers top stories, themes with their change and revenue, quotes risk-first and insights per team", async () => {
    const data = await gatherDigestData({ db: store.db, teamId, period, segment: null, permalink: async (c, ts) => `https://x.slack.com/archives/${c}/p${ts.replace(".", "")}` });
    expect(data.topStories.map((s) => [s.kind, s.title, s.points, s.customer])).toEqual([
      ["win", "Saved Acme's renewal", 4, "Acme"],
      ["win", "Onboarding in a day", 4, null],
      ["failure", "Missed the churn signal", 2, null],
    ]);
    expect(data.topStories[0]!.permalink).toBe("https://x.slack.com/archives/C0STORIES/p17000001000100");
    expect([...data.themes].sort((a, b) => a.theme.localeCompare(b.theme))).toEqual([
      { theme: "onboarding", count: 1, previousCount: 0, revenue: null },
      { theme: "pricing", count: 3, previousCount: 1, revenue: 1800.5 },
      { theme: "renewal", count: 1, previousCount: 0, revenue: 1500.5 },
    ]);
    expect(data.quotes.map((q) => [q.customer, q.sentiment, q.quote])).toEqual([
      ["acme-1", "negative", "We are looking at competitors"],
      ["Acme", "negative", "The price doubled"],
      ["beta corp", "neutral", "Pricing page is unclear"],
      ["Unknown Ltd", "positive", "Setup was easy"],
    ]);
    expect([...data.routed].sort((a, b) => a.team.localeCompare(b.team))).toEqual([
      { team: "product", count: 3 },
      { team: "sales", count: 1 },
      { team: "support", count: 1 },
    ]);
    expect(data.kpis).toMatchObject({ from: "2026-11-16", to: "2026-11-23", hasData: true, purchases: 1, revenue: 500.5 });
    // The trend behind the digest's chart: 12 weekly periods ending with the digest's own period.
    expect(data.trend).toHaveLength(12);
    expect(data.trend.at(-1)).toMatchObject({ from: "2026-11-16", to: "2026-11-23", purchases: 1 });
    expect(data.atRisk).toBeNull(); // no model fit in this workspace: the section is left out
  });

  it("a segment keeps only the insights of that segment's known customers", async () => {
    const data = await gatherDigestData({ db: store.db, teamId, period, segment: "enterprise" });
    expect([...data.themes].sort((a, b) => a.theme.localeCompare(b.theme))).toEqual([
      { theme: "pricing", count: 2, previousCount: 0, revenue: 1500.5 },
      { theme: "renewal", count: 1, previousCount: 0, revenue: 1500.5 },
    ]);
    expect(data.quotes.map((q) => q.quote)).toEqual(["We are looking at competitors", "The price doubled"]);
    expect(data.kpis?.segment).toBe("enterprise");
    expect(data.topStories[0]!.permalink).toBeUndefined();
  });

  it("counts the KPIs over the subscription's own local days, not the workspace's", async () => {
    // The workspace is on UTC; a Tokyo subscription's week of Nov 16-22 starts 9 hours earlier. The purchase at
    // 2026-11-16T00:00Z (09:00 in Tokyo) is in both weeks; one at 2026-11-22T20:00Z (Nov 23 in Tokyo) only in UTC's.
    const team = newTeamId();
    const c = await store.db.customer.create({ data: { teamId: team, externalId: "tz-1", signedUpAt: d("2024-01-01T00:00:00Z") } });
    await store.db.purchase.createMany({
      data: [
        { teamId: team, customerId: c.id, dedupKey: "tz-a", at: d("2026-11-16T00:00:00Z"), amount: "10.00" },
        { teamId: team, customerId: c.id, dedupKey: "tz-b", at: d("2026-11-22T20:00:00Z"), amount: "5.00" },
      ],
    });
    const tokyo = periodBefore("weekly", "Asia/Tokyo", d("2026-11-23T09:00:00+09:00"));
    const utc = periodBefore("weekly", "UTC", d("2026-11-23T09:00:00Z"));
    expect([tokyo.firstDay, tokyo.endDay]).toEqual([utc.firstDay, utc.endDay]);
    const inTokyo = await gatherDigestData({ db: store.db, teamId: team, period: tokyo, segment: null });
    const inUtc = await gatherDigestData({ db: store.db, teamId: team, period: utc, segment: null });
    expect(inTokyo.kpis).toMatchObject({ timeZone: "Asia/Tokyo", purchases: 1, revenue: 10 });
    expect(inUtc.kpis).toMatchObject({ timeZone: "UTC", purchases: 2, revenue: 15 });
    expect(inTokyo.trend.at(-1)).toMatchObject({ purchases: 1 });
  });

  it("another workspace's data never shows", async () => {
    const data = await gatherDigestData({ db: store.db, teamId: newTeamId(), period, segment: null });
    expect(data).toMatchObject({ kpis: null, trend: [], atRisk: null, topStories: [], themes: [], quotes: [], routed: [] });
  });
});
