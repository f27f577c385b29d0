// Alerts (issue #17): quiet hours across a DST change, KPI conditions from a fixed report, the ledger's exactly-once
// delivery (two replicas, a crash between deciding and posting), grouping under a burst, the voice and detractor
// kinds at a fixed `now`, and `/kpi alerts` through signed slash commands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/app.js";
import type { Store } from "../../src/db/client.js";
import { parseAlertCommand } from "../../src/domain/alerts/alert-kinds.js";
import { postableAt } from "../../src/domain/alerts/quiet-hours.js";
import type { AlertSubscription } from "../../src/generated/prisma/client.js";
import { recordConditions, type TrueCondition } from "../../src/services/alerts/alert-conditions.js";
import { claimDueAlerts } from "../../src/services/alerts/alert-ledger.js";
import { subscribeAlerts } from "../../src/services/alerts/alert-subscriptions.js";
import { deliverAlerts } from "../../src/services/alerts/deliver-alerts.js";
import { evaluateDetractorAlerts } from "../../src/services/alerts/evaluate-detractor-alerts.js";
import { evaluateKpiAlerts, kpiConditions } from "../../src/services/alerts/evaluate-kpi-alerts.js";
import { evaluateVoiceAlert } from "../../src/services/alerts/evaluate-voice-alert.js";
import { setKpiTarget } from "../../src/services/targets/set-kpi-target.js";
import { defaultPeriod } from "../../src/domain/time/calendar.js";
import { kpiReport } from "../digest/fixtures.js";
import { captureLog } from "../digest/helpers.js";
import { startTestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { insertCustomers, insertSurveys, seedAroundPeriod } from "../kpi/fixtures.js";
import type { FakeSlack } from "../slack/fake-slack.js";
import { startTwoReplicas, stopTwoReplicas } from "../helpers/two-replicas.js";

const at = (iso: string) => new Date(iso);

describe("quiet hours", () => {
  const ny = { start: "22:00", end: "08:00", timeZone: "America/New_York" };
  it("holds an alert fired on the night DST ends until 08:00 EST, not 08:00 EDT", () => {
    // 2026-10-31 23:30 EDT: the clocks go back at 02:00 on Nov 1, so the night is an hour longer.
    expect(postableAt(at("2026-11-01T03:30:00Z"), ny).toISOString()).toBe("2026-11-01T13:00:00.000Z");
    // 2026-11-01 07:59 EST is still quiet; 08:00 EST is not.
    expect(postableAt(at("2026-11-01T12:59:00Z"), ny).toISOString()).toBe("2026-11-01T13:00:00.000Z");
    expect(postableAt(at("2026-11-01T13:00:00Z"), ny).toISOString()).toBe("2026-11-01T13:00:00.000Z");
    // Before DST ends, 08:00 EDT is 12:00Z.
    expect(postableAt(at("2026-10-31T03:30:00Z"), ny).toISOString()).toBe("2026-10-31T12:00:00.000Z");
    // Outside the window, and a daytime window.
    expect(postableAt(at("2026-11-02T15:00:00Z"), ny).toISOString()).toBe("2026-11-02T15:00:00.000Z");
    expect(postableAt(at("2026-11-02T03:00:00Z"), { start: "12:00", end: "13:00", timeZone: "Asia/Tokyo" }).toISOString()).toBe("2026-11-02T04:00:00.000Z");
  });

  it("reads /kpi alerts words", () => {
    expect(parseAlertCommand(["add", "at-risk", "<#C0A|alerts>", "palive:30%", "revenue:1,000", "quiet:22:00-08:00", "tz:Asia/Tokyo", "group:3"])).toEqual({
      kind: "add",
      alert: "at_risk",
      channelId: "C0A",
      options: { pAliveBelow: 0.3, revenueAbove: 1000 },
      quiet: { start: "22:00", end: "08:00" },
      timeZone: "Asia/Tokyo",
      groupAbove: 3,
    });
    expect(parseAlertCommand(["quiet", "<#C0A>", "22:00-08:00"])).toEqual({ kind: "quiet", channelId: "C0A", quiet: { start: "22:00", end: "08:00" }, timeZone: null });
    expect(parseAlertCommand(["add", "kpi", "<#C0A>", "loud:yes"])).toEqual({ kind: "badOption", word: "loud:yes" });
    expect(parseAlertCommand(["add", "weather", "<#C0A>"])).toEqual({ kind: "usage" });
  });
});

describe("KPI conditions of a closed period", () => {
  it("a missed target and a move against the previous period beyond the threshold", () => {
    const report = { ...kpiReport(), churnRate: 0.2, previous: { ...kpiReport().previous, churnRate: 0.1 } };
    const found = kpiConditions(report, "", [{ kpi: "retentionRate", value: 0.95 }], 0.05);
    expect(found.map((c) => c.key)).toEqual(["kpi-miss|retentionRate|", "kpi-move|churnRate|"]);
    expect(found[0]!.facts).toMatchObject({ kind: "kpi-miss", value: 0.925, target: 0.95, gap: -0.025 });
    // Retention rose 2.5 pt: not a move against; a 10 pt churn rise under a 10 pt threshold is not beyond it.
    expect(kpiConditions(report, "", [], 0.1).map((c) => c.key)).toEqual([]);
  });
});

const customer = (externalId: string, revenue = 900) => ({ externalId, name: `Customer ${externalId}`, segment: "Pro", revenue, pAlive: 0.2, expectedClv: null });
const atRisk = (id: string): TrueCondition => ({ key: `at-risk|${id}`, facts: { kind: "at-risk", customer: customer(id) } });

describe.each(storeKinds())("the alert ledger on %s", (kind) => {
  let store: TestStore;
  let storeB: Store;
  let fake: FakeSlack;
  let botA: Bot;
  let botB: Bot;
  beforeAll(async () => {
    ({ storeA: store, storeB, fake, botA, botB } = await startTwoReplicas(kind));
  }, 60_000);
  afterAll(() => stopTwoReplicas({ storeA: store, storeB, fake }));

  let channelCounter = 0;
  const subscribe = async (teamId: string, extra: { quiet?: { start: string; end: string }; timeZone?: string; groupAbove?: number } = {}): Promise<AlertSubscription> => {
    const channelId = `C0AL${kind.slice(0, 2).toUpperCase()}${++channelCounter}`;
    fake.join(channelId);
    await subscribeAlerts(
      { db: store.db, teamId },
      {
        channelId,
        kind: "at_risk",
        options: {},
        quiet: extra.quiet ?? null,
        timeZone: extra.timeZone ?? "UTC",
        groupAbove: extra.groupAbove ?? 5,
        locale: "en",
        createdBy: "U0ADMIN",
      },
    );
    return store.db.alertSubscription.findFirstOrThrow({ where: { teamId, channelId } });
  };
  const posts = (channelId: string) => fake.callsTo("chat.postMessage").filter((c) => c.args.channel === channelId && c.args.metadata?.event_type === "retention_alert");
  const deliver = (bot: Bot, s: Store, holder: string, now: Date, afterPost?: (ids: string[]) => Promise<void>) =>
    deliverAlerts({ db: s.db, client: bot.app.client, log: captureLog().log, now, holder, ...(afterPost ? { afterPost } : {}) });

  it("posts an alert once; while it stays true it is not repeated; after it clears it fires again", async () => {
    const teamId = newTeamId();
    const sub = await subscribe(teamId);
    const now = at("2026-11-10T15:00:00Z");
    expect(await recordConditions(store.db, sub, [atRisk("A1")], now, "at-risk|")).toBe(1);
    await deliver(botA, store, "A", now);
    const first = posts(sub.channelId);
    expect(first).toHaveLength(1);
    expect(first[0]!.args.text).toBe("A valuable customer is at risk: Customer A1 (A1)");
    expect(JSON.stringify(first[0]!.args.blocks)).toContain("Why it matters: revenue to date 900.00, P(alive) 20%, segment Pro.");
    expect(JSON.stringify(first[0]!.args.blocks)).toContain('"action_id":"alert_take_customer"');
    // Still true an hour later: nothing new.
    expect(await recordConditions(store.db, sub, [atRisk("A1")], at("2026-11-10T16:00:00Z"), "at-risk|")).toBe(0);
    await deliver(botA, store, "A", at("2026-11-10T16:00:00Z"));
    expect(posts(sub.channelId)).toHaveLength(1);
    // Clears (the customer bought again), then is at risk again: a second post.
    await recordConditions(store.db, sub, [], at("2026-11-11T15:00:00Z"), "at-risk|");
    expect(await store.db.alertLedger.count({ where: { subscriptionId: sub.id, clearedAt: { not: null } } })).toBe(1);
    expect(await recordConditions(store.db, sub, [atRisk("A1")], at("2026-11-12T15:00:00Z"), "at-risk|")).toBe(1);
    await deliver(botA, store, "A", at("2026-11-12T15:00:00Z"));
    expect(posts(sub.channelId)).toHaveLength(2);
  });

  it("holds alerts through quiet hours across the DST change and posts them when the hours end", async () => {
    const teamId = newTeamId();
    const sub = await subscribe(teamId, { quiet: { start: "22:00", end: "08:00" }, timeZone: "America/New_York" });
    await recordConditions(store.db, sub, [atRisk("Q1")], at("2026-11-01T03:30:00Z"), "at-risk|");
    await deliver(botA, store, "A", at("2026-11-01T03:31:00Z"));
    await deliver(botA, store, "A", at("2026-11-01T12:30:00Z")); // 07:30 EST
    expect(posts(sub.channelId)).toHaveLength(0);
    await deliver(botA, store, "A", at("2026-11-01T13:00:00Z")); // 08:00 EST
    expect(posts(sub.channelId)).toHaveLength(1);
  });

  it("a crash after Slack accepted the post: the next replica finds it by its alert id and does not post again", async () => {
    const teamId = newTeamId();
    const sub = await subscribe(teamId);
    const now = at("2026-11-10T15:00:00Z");
    await recordConditions(store.db, sub, [atRisk("C1")], now, "at-risk|");
    await deliver(botA, store, "A", now, async () => {
      throw new Error("replica A dies before recording");
    });
    expect(posts(sub.channelId)).toHaveLength(1);
    expect((await store.db.alertLedger.findFirstOrThrow({ where: { subscriptionId: sub.id } })).status).toBe("claimed");
    // Within the lease nobody touches it; after it, replica B recovers it from the channel's history.
    await deliver(botB, storeB, "B", at("2026-11-10T15:01:00Z"));
    expect((await store.db.alertLedger.findFirstOrThrow({ where: { subscriptionId: sub.id } })).status).toBe("claimed");
    const result = await deliver(botB, storeB, "B", at("2026-11-10T15:03:00Z"));
    expect(result.recovered).toBe(1);
    expect(posts(sub.channelId)).toHaveLength(1);
    const row = await store.db.alertLedger.findFirstOrThrow({ where: { subscriptionId: sub.id } });
    expect(row).toMatchObject({ status: "posted", claimedBy: "B" });
  });

  it("a crash after claiming but before posting: the alert is posted once by the next replica", async () => {
    const teamId = newTeamId();
    const sub = await subscribe(teamId);
    const now = at("2026-11-10T15:00:00Z");
    await recordConditions(store.db, sub, [atRisk("D1")], now, "at-risk|");
    expect(await claimDueAlerts(store.db, { holder: "A", now, teamId })).toHaveLength(1); // A decides, then dies
    await deliver(botB, storeB, "B", at("2026-11-10T15:03:00Z"));
    expect(posts(sub.channelId)).toHaveLength(1);
    await deliver(botA, store, "A", at("2026-11-10T15:06:00Z"));
    expect(posts(sub.channelId)).toHaveLength(1);
  });

  it("groups a burst: more alerts in an hour than the channel's limit go out as one post", async () => {
    const teamId = newTeamId();
    const sub = await subscribe(teamId, { groupAbove: 3 });
    const now = at("2026-11-10T15:00:00Z");
    await recordConditions(store.db, sub, ["G1", "G2"].map(atRisk), now, "at-risk|");
    await deliver(botA, store, "A", now);
    expect(posts(sub.channelId)).toHaveLength(2); // 2 within the limit: one post each
    await recordConditions(store.db, sub, ["G1", "G2", "G3", "G4", "G5"].map(atRisk), at("2026-11-10T15:10:00Z"), "at-risk|");
    const result = await deliver(botA, store, "A", at("2026-11-10T15:10:00Z"));
    expect(result).toMatchObject({ posted: 3, grouped: 1 });
    const all = posts(sub.channelId);
    expect(all).toHaveLength(3);
    expect(all[2]!.args.text).toBe(":rotating_light: *3 alerts in the last hour*, grouped into one post:");
    expect(JSON.stringify(all[2]!.args.blocks)).toContain("• A valuable customer is at risk: Customer G5 (G5)");
  });

  // On PGlite the two replicas share its one connection (same ledger logic, no true parallelism).
  it("two replicas delivering at once post every alert exactly once", async () => {
    const teamId = newTeamId();
    const subs = [await subscribe(teamId, { groupAbove: 100 }), await subscribe(teamId, { groupAbove: 100 })];
    const now = at("2026-11-10T15:00:00Z");
    for (const sub of subs)
      await recordConditions(
        store.db,
        sub,
        Array.from({ length: 15 }, (_, i) => atRisk(`R${i}`)),
        now,
        "at-risk|",
      );
    await Promise.all([deliver(botA, store, "A", now), deliver(botB, storeB, "B", now), deliver(botA, store, "A2", now), deliver(botB, storeB, "B2", now)]);
    await Promise.all([deliver(botA, store, "A", at("2026-11-10T15:05:00Z")), deliver(botB, storeB, "B", at("2026-11-10T15:05:00Z"))]);
    for (const sub of subs) {
      const ids = posts(sub.channelId).flatMap((c) => String(c.args.metadata.event_payload.alert_ids).split(","));
      expect(ids).toHaveLength(15);
      expect(new Set(ids).size).toBe(15);
    }
    expect(await store.db.alertLedger.count({ where: { subscriptionId: { in: subs.map((s) => s.id) }, status: "posted" } })).toBe(30);
  });

  it("KPI alerts: a closed period that misses a target alerts once per period close, at a fixed now", async () => {
    const teamId = newTeamId();
    const now = at("2026-11-25T10:00:00Z");
    const { from, to } = defaultPeriod(now, "UTC");
    await seedAroundPeriod(store.db, teamId, { from, to }, ["A", "B"]);
    await setKpiTarget({ db: store.db, teamId }, { kpi: "retentionRate", segment: "", value: 0.9, setBy: "U0ADMIN" });
    const channelId = `C0KPI${kind.slice(0, 2).toUpperCase()}`;
    fake.join(channelId);
    await subscribeAlerts({ db: store.db, teamId }, { channelId, kind: "kpi", options: {}, quiet: null, timeZone: "UTC", groupAbove: 5, locale: "en", createdBy: "U0ADMIN" });
    expect(await evaluateKpiAlerts({ db: store.db, teamId, now })).toBeGreaterThanOrEqual(1);
    expect(await evaluateKpiAlerts({ db: store.db, teamId, now })).toBe(0); // the same period is judged once
    await deliver(botA, store, "A", now);
    const texts = posts(channelId).map((c) => JSON.stringify(c.args.blocks));
    expect(
      texts.some((t) => t.includes("*Retention missed its target* (all customers)") && t.includes("Retention was 50%") && t.includes("against a target of 90%: 40.0 pt short.")),
    ).toBe(true);
  });

  it("voice and detractor alerts for a valuable customer at a fixed now; not for a small one", async () => {
    const teamId = newTeamId();
    const now = at("2026-11-25T10:00:00Z");
    const ids = await insertCustomers(store.db, teamId, [
      { ext: "BIG", purchases: [["2026-11-01T12:00:00Z", "1200.00"]] },
      { ext: "SMALL", purchases: [["2026-11-01T12:00:00Z", "10.00"]] },
    ]);
    for (const k of ["voice", "detractor"] as const) {
      fake.join(`C0${k.toUpperCase()}${kind.slice(0, 2).toUpperCase()}`);
      await subscribeAlerts(
        { db: store.db, teamId },
        {
          channelId: `C0${k.toUpperCase()}${kind.slice(0, 2).toUpperCase()}`,
          kind: k,
          options: {},
          quiet: null,
          timeZone: "UTC",
          groupAbove: 5,
          locale: "en",
          createdBy: "U0ADMIN",
        },
      );
    }
    const insight = (customerText: string, sentiment: string) =>
      store.db.insight.create({
        data: {
          teamId,
          sourceKey: `k-${customerText}-${sentiment}`,
          customer: customerText,
          source: "call",
          sentiment,
          themes: [],
          quote: "We are <b>leaving</b>",
          teams: ["sales"],
          authorId: "U1",
          searchText: "x",
        },
      });
    const big = await insight("big", "negative");
    expect(await evaluateVoiceAlert({ db: store.db, teamId, now, insightId: big.id })).toBe(1);
    expect(await evaluateVoiceAlert({ db: store.db, teamId, now, insightId: big.id })).toBe(0);
    expect(await evaluateVoiceAlert({ db: store.db, teamId, now, insightId: (await insight("SMALL", "negative")).id })).toBe(0);
    expect(await evaluateVoiceAlert({ db: store.db, teamId, now, insightId: (await insight("BIG", "positive")).id })).toBe(0);
    await insertSurveys(store.db, teamId, [
      { kind: "nps", score: 3, at: "2026-11-24T09:00:00Z", customerId: ids.get("BIG")! },
      { kind: "nps", score: 9, at: "2026-11-24T09:00:00Z", customerId: ids.get("BIG")! },
      { kind: "csat", score: 1, at: "2026-11-24T09:00:00Z", customerId: ids.get("SMALL")! },
      { kind: "csat", score: 2, at: "2026-10-01T09:00:00Z", customerId: ids.get("BIG")! },
    ]);
    expect(await evaluateDetractorAlerts({ db: store.db, teamId, now })).toBe(1);
    expect(await evaluateDetractorAlerts({ db: store.db, teamId, now })).toBe(0);
    await deliver(botA, store, "A", now);
    const voice = posts(`C0VOICE${kind.slice(0, 2).toUpperCase()}`);
    expect(voice).toHaveLength(1);
    expect(JSON.stringify(voice[0]!.args.blocks)).toContain("We are &lt;b&gt;leaving&lt;/b&gt;");
    expect(JSON.stringify(voice[0]!.args.blocks)).toContain("revenue to date 1,200.00");
    const detractor = posts(`C0DETRACTOR${kind.slice(0, 2).toUpperCase()}`);
    expect(detractor).toHaveLength(1);
    expect(detractor[0]!.args.text).toBe("BIG answered NPS 3");
  });
});

describe.each(storeKinds())("/kpi alerts end to end on %s", (kind) => {
  const h = {} as { store: TestStore; t: Awaited<ReturnType<typeof startTestBot>> };
  beforeAll(async () => {
    h.store = await createTestStore(kind);
    h.t = await startTestBot(h.store);
    h.t.fake.users.set("U0ALADMIN", { is_admin: true });
  }, 60_000);
  afterAll(async () => {
    await h.t?.stop();
    await h.store?.close();
  });
  const run = async (userId: string, teamId: string, text: string) => {
    const { res, responseId } = await h.t.command({ teamId, userId }, "/kpi", text);
    expect(res.status).toBe(200);
    return (await h.t.fake.waitForResponse(responseId, 30_000)).text as string;
  };

  it("admins subscribe a channel with options and quiet hours, list and remove; others are refused", async () => {
    const teamId = newTeamId();
    expect(await run("U0MEMBER", teamId, "alerts add at-risk <#C0ALERTS|alerts>")).toContain("Only Retention Desk admins can do this");
    expect(await run("U0ALADMIN", teamId, "alerts add at-risk <#C0ALERTS|alerts> palive:40% revenue:1000 quiet:22:00-08:00 tz:America/New_York")).toBe(
      "<#C0ALERTS> now gets alerts about valuable customers at risk.",
    );
    const row = await h.store.db.alertSubscription.findFirstOrThrow({ where: { teamId } });
    expect(row).toMatchObject({
      channelId: "C0ALERTS",
      kind: "at_risk",
      options: { pAliveBelow: 0.4, revenueAbove: 1000 },
      quietStart: "22:00",
      quietEnd: "08:00",
      timeZone: "America/New_York",
    });
    expect(await run("U0MEMBER", teamId, "alerts")).toBe("*Alerts*\n• <#C0ALERTS>: valuable customers at risk (quiet 22:00-08:00 (America/New_York), grouped above 5 an hour)");
    expect(await run("U0ALADMIN", teamId, "alerts add kpi <#C0ALERTS> loud:yes")).toBe('"loud:yes" is not an alert option. `/kpi alerts help` lists them.');
    expect(await run("U0ALADMIN", teamId, "alerts quiet <#C0ALERTS> off")).toBe("<#C0ALERTS> has no quiet hours now.");
    expect(await run("U0ALADMIN", teamId, "alerts remove at-risk <#C0ALERTS>")).toBe("<#C0ALERTS> no longer gets alerts about valuable customers at risk.");
    expect(await h.store.db.alertSubscription.count({ where: { teamId } })).toBe(0);
  });
});
