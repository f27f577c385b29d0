// Alert buttons end to end and the at-risk kind's value thresholds (#17), at a fixed `now`, on both stores:
// - "I'll reach out" on an at-risk alert post, as a signed block_actions payload from the channel message: the outreach
//   take service gives the clicker the customer, they alone get the answer, and the post is redrawn with who reaches out;
// - "Open the voice" on a voice alert: a link button to the voice's post, whose click is acknowledged and nothing else;
// - kind 2 with an expected-CLV threshold and a revenue-to-date threshold, on a model fitted to a small fixture: both
//   sides of each threshold, and the alert's P(alive) and expected CLV equal what `/kpi customer` says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertFacts } from "../../src/domain/alerts/alert-kinds.js";
import { translator } from "../../src/i18n/index.js";
import { recordConditions } from "../../src/services/alerts/alert-conditions.js";
import { subscribeAlerts, unsubscribeAlerts } from "../../src/services/alerts/alert-subscriptions.js";
import { deliverAlerts } from "../../src/services/alerts/deliver-alerts.js";
import { evaluateAtRiskAlerts } from "../../src/services/alerts/evaluate-at-risk-alerts.js";
import { ingestPurchases } from "../../src/services/ingest/ingest-purchases.js";
import { fitModels } from "../../src/services/prediction/fit-models.js";
import { predictCustomer } from "../../src/services/prediction/predict-customer.js";
import { captureLog } from "../digest/helpers.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { insertCustomers } from "../kpi/fixtures.js";
import { day, seedPurchases, simulatedPurchases } from "../prediction/seed.js";
import { messageBlockAction } from "../slack/payloads.js";

const en = translator("en");
const NOW = new Date("2026-11-25T10:00:00Z");

describe.each(storeKinds())("alert buttons end to end on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store, {}, { now: () => NOW });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  let counter = 0;
  /** A workspace whose channel got one alert with `facts` (posted by the real delivery); returns the post. */
  const postAlert = async (facts: AlertFacts, alertKind: "at_risk" | "voice") => {
    const teamId = newTeamId();
    const channelId = `C0AB${kind.slice(0, 2).toUpperCase()}${++counter}`;
    t.fake.join(channelId);
    await insertCustomers(store.db, teamId, [{ ext: "BIG", purchases: [["2026-11-01T12:00:00Z", "1200.00"]] }]);
    await subscribeAlerts({ db: store.db, teamId }, { channelId, kind: alertKind, options: {}, quiet: null, timeZone: "UTC", groupAbove: 5, locale: "en", createdBy: "U0ADMIN" });
    const sub = await store.db.alertSubscription.findFirstOrThrow({ where: { teamId } });
    expect(await recordConditions(store.db, sub, [{ key: `${facts.kind}|BIG`, facts }], NOW)).toBe(1);
    await deliverAlerts({ db: store.db, client: t.bot.app.client, log: captureLog().log, now: NOW, holder: "A" });
    const alert = await store.db.alertLedger.findFirstOrThrow({ where: { teamId } });
    const post = t.fake.callsTo("chat.postMessage").find((c) => c.args.channel === channelId)!;
    return { teamId, channelId, alert, post: { text: post.args.text as string, blocks: post.args.blocks as any[], ts: alert.messageTs! } };
  };
  const customer = { externalId: "BIG", name: null, segment: null, revenue: 1200, pAlive: 0.2, expectedClv: 900 };
  const click = async (teamId: string, userId: string, p: Awaited<ReturnType<typeof postAlert>>, actionId: string, value: string, responseId: string) => {
    t.fake.meet(userId, teamId);
    const payload = messageBlockAction(
      { teamId, userId },
      {
        channelId: p.channelId,
        messageTs: p.post.ts,
        message: { text: p.post.text, blocks: p.post.blocks },
        action: { type: "button", actionId, blockId: "b", value, label: "x" },
        responseUrl: t.fake.responseUrl(responseId),
      },
    );
    const res = await t.interact(payload);
    expect(res.status).toBe(200);
    await t.idle();
  };

  it("I'll reach out: the clicker takes the customer, is answered alone, and the post says who reaches out; a second person is told", async () => {
    const posted = await postAlert({ kind: "at-risk", customer }, "at_risk");
    const take = posted.post.blocks.flatMap((b) => b.elements ?? []).find((e: any) => e.action_id === "alert_take_customer");
    expect(take).toMatchObject({ value: "BIG", text: { text: "I'll reach out" } });

    await click(posted.teamId, "U0ABFIRST", posted, "alert_take_customer", "BIG", `take1${kind}`);
    const answer = await t.fake.waitForResponse(`take1${kind}`, 15_000);
    expect(answer).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(answer.text).toBe(en("outreach.take.taken", { customer: "BIG" }));
    const owner = await store.db.outreach.findFirstOrThrow({ where: { teamId: posted.teamId }, select: { ownerId: true, takenAt: true, contactedAt: true } });
    expect(owner).toEqual({ ownerId: "U0ABFIRST", takenAt: NOW, contactedAt: null });

    const update = await t.fake.waitFor("chat.update", (c) => c.args.channel === posted.channelId && c.args.ts === posted.post.ts);
    expect(update.args.text).toBe(posted.post.text);
    expect(JSON.stringify(update.args.blocks)).toContain(":raising_hand: <@U0ABFIRST> is reaching out.");
    expect(update.args.metadata).toEqual({ event_type: "retention_alert", event_payload: { alert_ids: posted.alert.id } });

    await click(posted.teamId, "U0ABSECOND", posted, "alert_take_customer", "BIG", `take2${kind}`);
    const second = await t.fake.waitForResponse(`take2${kind}`, 15_000);
    expect(second.text).toBe(en("outreach.take.byOther", { customer: "BIG", owner: "<@U0ABFIRST>", since: "2026-11-25" }));
    expect(await store.db.outreach.count({ where: { teamId: posted.teamId } })).toBe(1);
    const updates = t.fake.callsTo("chat.update").filter((c) => c.args.ts === posted.post.ts);
    expect(JSON.stringify(updates.at(-1)!.args.blocks)).toContain("<@U0ABFIRST> is reaching out.");
  }, 60_000);

  it("Open the voice: a link button to the voice's post; its click is acknowledged and nothing is posted", async () => {
    const permalink = "https://example.slack.com/archives/C0SALES/p1700000000000100";
    const posted = await postAlert(
      { kind: "voice", customer, insightId: "00000000-0000-4000-8000-000000000001", quote: "We are leaving", permalink, sentiment: "negative" },
      "voice",
    );
    const open = posted.post.blocks.flatMap((b) => b.elements ?? []).find((e: any) => e.action_id === "alert_open_voice");
    expect(open).toMatchObject({ url: permalink, text: { text: "Open the voice" } });
    const before = { posts: t.fake.callsTo("chat.postMessage").length, updates: t.fake.callsTo("chat.update").length, opens: t.fake.callsTo("views.open").length };
    await click(posted.teamId, "U0ABREADER", posted, "alert_open_voice", open.value, `voice${kind}`);
    expect({ posts: t.fake.callsTo("chat.postMessage").length, updates: t.fake.callsTo("chat.update").length, opens: t.fake.callsTo("views.open").length }).toEqual(before);
    expect(t.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
  }, 60_000);
});

describe.each(storeKinds())("at-risk alerts with value thresholds on a fitted model, on %s", (kind) => {
  let store: TestStore;
  const teamId = newTeamId();
  // The fit's date in its time zone (UTC): the alert scores as of the same day as `/kpi customer`.
  const now = new Date("2024-06-30T15:00:00Z");
  beforeAll(async () => {
    store = await createTestStore(kind);
    // 300 simulated customers, and a whale: five weekly purchases of 500 in January, silent since. Two more whales
    // (February, and 400 each) only the batch test below touches.
    const weekly = (customer: string, days: string[], amount: number) => days.map((d) => ({ customer, at: day(d), amount }));
    const whale = weekly("whale", ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"], 500);
    const whales = [
      ...weekly("whale2", ["2024-02-05", "2024-02-12", "2024-02-19", "2024-02-26", "2024-03-04"], 500),
      ...weekly("whale3", ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"], 400),
    ];
    await seedPurchases(
      store.db,
      teamId,
      [...simulatedPurchases({ customers: 300, seed: 7, asOf: "2024-06-30" }), ...whale, ...whales],
      [
        { externalId: "whale", name: "Whale Co" },
        { externalId: "whale2", name: "Second Whale" },
        { externalId: "whale3", name: "Third Whale" },
      ],
    );
    expect((await fitModels({ db: store.db, teamId, asOf: "2024-06-30" })).fit.converged).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it("fires for the whale on the firing side of the expected-CLV and revenue thresholds only, with /kpi customer's numbers", async () => {
    const p = await predictCustomer({ db: store.db, teamId, customerExternalId: "whale" });
    expect(p.history.revenue).toBe(2500);
    expect(p.pAlive).toBeGreaterThan(0);
    expect(p.pAlive).toBeLessThan(0.5);
    expect(p.clv).toBeGreaterThan(2);
    const below = p.pAlive * 1.5;
    const cases = [
      { name: "clv-under", options: { pAliveBelow: below, clvAbove: p.clv - 1 }, fires: true },
      { name: "clv-over", options: { pAliveBelow: below, clvAbove: p.clv + 1 }, fires: false },
      { name: "revenue-under", options: { pAliveBelow: below, revenueAbove: 2499 }, fires: true },
      { name: "revenue-at", options: { pAliveBelow: below, revenueAbove: 2500 }, fires: false },
      { name: "palive-over", options: { pAliveBelow: p.pAlive * 0.5, clvAbove: p.clv - 1 }, fires: false },
    ];
    for (const [i, c] of cases.entries()) {
      await subscribeAlerts(
        { db: store.db, teamId },
        { channelId: `C0CLV${i}`, kind: "at_risk", options: c.options, quiet: null, timeZone: "UTC", groupAbove: 5, locale: "en", createdBy: "U0ADMIN" },
      );
    }
    expect(await evaluateAtRiskAlerts({ db: store.db, teamId, now })).toBeGreaterThan(0);
    const whaleAlerts = await store.db.alertLedger.findMany({
      where: { teamId, conditionKey: "at-risk|whale" },
      select: { facts: true, subscription: { select: { channelId: true } } },
    });
    expect(whaleAlerts.map((a) => a.subscription.channelId).sort()).toEqual(cases.flatMap((c, i) => (c.fires ? [`C0CLV${i}`] : [])).sort());
    for (const a of whaleAlerts) {
      const facts = a.facts as unknown as Extract<AlertFacts, { kind: "at-risk" }>;
      expect(facts.customer).toMatchObject({ externalId: "whale", name: "Whale Co", revenue: 2500 });
      expect(facts.customer.pAlive).toBeCloseTo(p.pAlive, 9);
      // Expected CLV is asked for by the CLV subscriptions, so every whale alert carries it.
      expect(facts.customer.expectedClv).toBeCloseTo(p.clv, 6);
    }
    // Re-evaluated at the same now: still true, not repeated.
    const count = await store.db.alertLedger.count({ where: { teamId } });
    expect(await evaluateAtRiskAlerts({ db: store.db, teamId, now })).toBe(0);
    expect(await store.db.alertLedger.count({ where: { teamId } })).toBe(count);
  }, 120_000);

  it("after an ingestion batch only its customers are judged: a batch customer who bought again clears, one outside the batch waits for everyone's pass", async () => {
    const [w2, w3] = await Promise.all(["whale2", "whale3"].map((c) => predictCustomer({ db: store.db, teamId, customerExternalId: c })));
    expect(Math.max(w2!.pAlive, w3!.pAlive)).toBeLessThan(0.5);
    await subscribeAlerts(
      { db: store.db, teamId },
      {
        channelId: "C0BATCH",
        kind: "at_risk",
        options: { pAliveBelow: 0.75, revenueAbove: 1500 },
        quiet: null,
        timeZone: "UTC",
        groupAbove: 5,
        locale: "en",
        createdBy: "U0ADMIN",
      },
    );
    const sub = await store.db.alertSubscription.findFirstOrThrow({ where: { teamId, channelId: "C0BATCH" } });
    const open = async () =>
      (await store.db.alertLedger.findMany({ where: { subscriptionId: sub.id, clearedAt: null, conditionKey: { startsWith: "at-risk|whale" } }, select: { conditionKey: true } }))
        .map((r) => r.conditionKey)
        .sort();
    // A batch naming whale2 (a purchase dated before the fit's window, as a late import): whale3 is not judged.
    const late = await ingestPurchases({ db: store.db, teamId, records: [{ id: "late-1", customerId: "whale2", at: "2024-03-04T18:00:00Z", amount: 10 }] });
    expect(late.customers).toEqual(["whale2"]);
    await evaluateAtRiskAlerts({ db: store.db, teamId, now, customers: late.customers });
    expect(await open()).toEqual(["at-risk|whale2"]);
    // Everyone's pass (after a refit) finds whale3 too; whale (revenue 2,500) also qualifies.
    await evaluateAtRiskAlerts({ db: store.db, teamId, now });
    expect(await open()).toEqual(["at-risk|whale", "at-risk|whale2", "at-risk|whale3"]);
    // whale2 buys today: judged again with the batch, no longer at risk, so cleared; the others stay open.
    const back = await ingestPurchases({ db: store.db, teamId, records: [{ id: "back-1", customerId: "whale2", at: "2024-06-30T12:00:00Z", amount: 500 }] });
    expect(await evaluateAtRiskAlerts({ db: store.db, teamId, now, customers: back.customers })).toBe(0);
    expect(await open()).toEqual(["at-risk|whale", "at-risk|whale3"]);
    expect((await store.db.alertLedger.findFirstOrThrow({ where: { subscriptionId: sub.id, conditionKey: "at-risk|whale2" } })).status).toBe("expired");
    // The other test here counts the whale's alerts per subscription: this one goes (its ledger with it).
    await unsubscribeAlerts({ db: store.db, teamId }, { channelId: "C0BATCH", kind: "at_risk" });
  }, 120_000);
});
