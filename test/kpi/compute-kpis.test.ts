import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeCohorts } from "../../src/services/kpi/compute-cohorts.js";
import { computeKpiTrend } from "../../src/services/kpi/compute-kpi-trend.js";
import { computeKpis } from "../../src/services/kpi/compute-kpis.js";
import { computeSegmentKpis } from "../../src/services/kpi/compute-segment-kpis.js";
import { updateWorkspace } from "../../src/services/settings/update-workspace.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { insertCustomers, insertSurveys, type FixtureCustomer } from "./fixtures.js";

// Hand-worked fixture (UTC, window 10 days). Period [2024-03-04, 2024-03-11), previous [02-26, 03-04).
// Boundaries t0 = 02-26, t1 = 03-04, t2 = 03-11; windows [02-16, 02-26), [02-23, 03-04), [03-01, 03-11).
const CUSTOMERS: FixtureCustomer[] = [
  // active at t0, t1, t2; two purchases on the same day in the period
  {
    ext: "A",
    segment: "pro",
    purchases: [
      ["2024-02-25T09:00:00Z", "10.00"],
      ["2024-03-05T10:00:00Z", "20.00"],
      ["2024-03-05T18:00:00Z", "5.00"],
    ],
  },
  // active at t0 only: lapses in the previous period
  { ext: "B", segment: "pro", purchases: [["2024-02-20T12:00:00Z", "30.00"]] },
  // signed up long ago, lapsed, returns in the period: reactivated, never in the retention rate
  {
    ext: "C",
    segment: "basic",
    signedUpAt: "2024-01-01T00:00:00Z",
    purchases: [
      ["2024-02-10T12:00:00Z", "8.00"],
      ["2024-03-08T12:00:00Z", "12.00"],
    ],
  },
  // signs up in the period, buys nothing: new, not active
  { ext: "D", segment: "basic", signedUpAt: "2024-03-05T00:00:00Z" },
  // new in the previous period, active at t1, churned on 03-06: not active at t2 although it bought within the window
  { ext: "E", churnedAt: "2024-03-06T00:00:00Z", purchases: [["2024-03-02T12:00:00Z", "40.00"]] },
  // first purchase at 23:30 UTC on the period's last day: new and active in UTC (next day in Tokyo)
  { ext: "F", segment: "basic", purchases: [["2024-03-10T23:30:00Z", "7.00"]] },
];
const PERIOD = { from: "2024-03-04", to: "2024-03-11", window: 10 };

describe.each(storeKinds())("computeKpis on %s", (kind) => {
  let store: TestStore;
  const teamId = newTeamId();
  beforeAll(async () => {
    store = await createTestStore(kind);
    const ids = await insertCustomers(store.db, teamId, CUSTOMERS);
    await insertSurveys(store.db, teamId, [
      { kind: "csat", score: 5, at: "2024-03-04T00:00:00Z" },
      { kind: "csat", score: 4, at: "2024-03-06T00:00:00Z" },
      { kind: "csat", score: 3, at: "2024-03-07T00:00:00Z" },
      { kind: "csat", score: 1, at: "2024-03-10T23:59:59Z" },
      { kind: "csat", score: 5, at: "2024-03-11T00:00:00Z" }, // after the period
      { kind: "nps", score: 10, at: "2024-03-05T00:00:00Z", customerId: ids.get("F")! },
      { kind: "nps", score: 9, at: "2024-03-05T00:00:00Z", customerId: ids.get("A")! },
      { kind: "nps", score: 7, at: "2024-03-05T00:00:00Z" },
      { kind: "nps", score: 3, at: "2024-03-05T00:00:00Z", customerId: ids.get("C")! },
    ]);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("counts a period and the one before it exactly as worked by hand", async () => {
    const r = await computeKpis({ db: store.db, teamId, ...PERIOD });
    expect(r).toEqual({
      from: "2024-03-04",
      to: "2024-03-11",
      window: 10,
      segment: null,
      timeZone: "UTC",
      hasData: true,
      activeAtStart: 2, // A, E
      activeAtEnd: 3, // A, C, F (E churned on 03-06)
      retained: 1, // A
      retentionRate: 0.5,
      churnRate: 0.5,
      newCustomers: 2, // D (sign-up), F (first purchase)
      reactivatedCustomers: 1, // C
      purchasingCustomers: 3, // A, C, F
      purchases: 4, // A's two same-day purchases count twice
      revenue: 44,
      repeatPurchaseRate: 2 / 3, // A, C bought before 03-04
      purchaseFrequency: 4 / 3,
      averageOrderValue: 11,
      revenuePerPurchasingCustomer: 44 / 3,
      historicClv: 132 / 6,
      csat: 0.5, // 5, 4 of 5, 4, 3, 1
      nps: 0.25, // (2 promoters − 1 detractor) / 4
      previous: {
        from: "2024-02-26",
        to: "2024-03-04",
        window: 10,
        hasData: true,
        activeAtStart: 2, // A, B
        activeAtEnd: 2, // A, E
        retained: 1,
        retentionRate: 0.5,
        churnRate: 0.5,
        newCustomers: 1, // E
        reactivatedCustomers: 0,
        purchasingCustomers: 1,
        purchases: 1,
        revenue: 40,
        repeatPurchaseRate: 0,
        purchaseFrequency: 1,
        averageOrderValue: 40,
        revenuePerPurchasingCustomer: 40,
        historicClv: 88 / 4, // A, B, C (signed up 01-01), E
        csat: null,
        nps: null,
      },
    });
  });

  it("cuts every KPI by segment", async () => {
    const r = await computeKpis({ db: store.db, teamId, ...PERIOD, segment: "pro" });
    expect(r).toMatchObject({
      activeAtStart: 1,
      activeAtEnd: 1,
      retained: 1,
      retentionRate: 1,
      churnRate: 0,
      newCustomers: 0,
      purchasingCustomers: 1,
      purchases: 2,
      revenue: 25,
      repeatPurchaseRate: 1,
      historicClv: 32.5,
      csat: null,
      nps: 1,
    });
    expect(r.previous).toMatchObject({
      activeAtStart: 2,
      activeAtEnd: 1,
      retained: 1,
      retentionRate: 0.5,
      purchases: 0,
      revenue: 0,
      averageOrderValue: null,
      repeatPurchaseRate: null,
    });
    const basic = await computeKpis({ db: store.db, teamId, ...PERIOD, segment: "basic" });
    expect(basic).toMatchObject({ activeAtStart: 0, retentionRate: null, churnRate: null, activeAtEnd: 2, newCustomers: 2, reactivatedCustomers: 1, nps: 0 });
  });

  it("every segment at once (what KPI alerts judge) gives each segment's and everyone's /kpi numbers", async () => {
    // Each side counted from scratch: nothing kept before either.
    const clear = () => store.db.kpiPeriodRollup.deleteMany({ where: { teamId } });
    const range = { from: PERIOD.from, to: PERIOD.to };
    await clear();
    const { all, segments } = await computeSegmentKpis({ db: store.db, teamId, range, window: PERIOD.window });
    await clear();
    expect(all).toEqual(await computeKpis({ db: store.db, teamId, ...PERIOD }));
    expect([...segments.keys()].sort()).toEqual(["basic", "pro"]);
    for (const segment of ["basic", "pro"]) {
      await clear();
      expect(segments.get(segment)).toEqual(await computeKpis({ db: store.db, teamId, ...PERIOD, segment }));
    }
    expect(segments.get("pro")).toMatchObject({ activeAtEnd: 1, purchases: 2, revenue: 25, nps: 1, previous: { activeAtStart: 2 } });
    expect(all).toMatchObject({ purchases: 4, csat: 0.5 });
  });

  it("every segment at once keeps both periods for everyone and each segment, and reads them back next time", async () => {
    const range = { from: PERIOD.from, to: PERIOD.to };
    await store.db.kpiPeriodRollup.deleteMany({ where: { teamId } });
    const counted = await computeSegmentKpis({ db: store.db, teamId, range, window: PERIOD.window });
    const kept = await store.db.kpiPeriodRollup.findMany({ where: { teamId }, orderBy: [{ segment: "asc" }, { periodTo: "asc" }] });
    expect(kept.map((r) => r.segment)).toEqual(["", "", "basic", "basic", "pro", "pro"]);
    // /kpi for a segment now reads what was kept.
    expect(await computeKpis({ db: store.db, teamId, ...PERIOD, segment: "pro" })).toEqual(counted.segments.get("pro"));
    expect(await computeSegmentKpis({ db: store.db, teamId, range, window: PERIOD.window })).toEqual(counted);
    // What is read is the kept row: changed by hand, the next answer shows it.
    const pro = kept.find((r) => r.segment === "pro" && r.periodTo.getTime() === Math.max(...kept.map((k) => k.periodTo.getTime())))!;
    await store.db.kpiPeriodRollup.updateMany({
      where: { teamId, segment: "pro", periodTo: pro.periodTo },
      data: { counts: { ...(pro.counts as object), purchases: 999 } },
    });
    expect((await computeSegmentKpis({ db: store.db, teamId, range, window: PERIOD.window })).segments.get("pro")!.purchases).toBe(999);
    await store.db.kpiPeriodRollup.deleteMany({ where: { teamId } });
  });

  it("an empty period has null rates and says it has no data", async () => {
    const r = await computeKpis({ db: store.db, teamId, from: "2020-01-06", to: "2020-02-03" });
    expect(r).toMatchObject({
      hasData: false,
      activeAtStart: 0,
      purchases: 0,
      revenue: 0,
      retentionRate: null,
      churnRate: null,
      repeatPurchaseRate: null,
      purchaseFrequency: null,
      averageOrderValue: null,
      revenuePerPurchasingCustomer: null,
      historicClv: null,
      csat: null,
      nps: null,
    });
    expect(r.previous.hasData).toBe(false);
  });

  it("a longer window keeps lapsed customers active", async () => {
    // window 30: at 03-04 the window is [02-03, 03-04): A, B, C, E. At 03-11 it is [02-10, 03-11): A, B, C, F
    // (E churned). C is retained instead of reactivated, and B's 02-20 purchase still counts at 03-11.
    const r = await computeKpis({ db: store.db, teamId, ...PERIOD, window: 30 });
    expect(r).toMatchObject({ window: 30, activeAtStart: 4, activeAtEnd: 4, retained: 3, retentionRate: 0.75, reactivatedCustomers: 0 });
  });

  it("uses the workspace time zone at period edges: 23:30 UTC on the last day is the next day in Tokyo", async () => {
    const tokyo = newTeamId();
    await updateWorkspace({ db: store.db, teamId: tokyo }, { timeZone: "Asia/Tokyo", activityWindowDays: 10 });
    await insertCustomers(store.db, tokyo, [CUSTOMERS[5]!]);
    const r = await computeKpis({ db: store.db, teamId: tokyo, from: PERIOD.from, to: PERIOD.to });
    expect(r).toMatchObject({ window: 10, timeZone: "Asia/Tokyo", purchases: 0, newCustomers: 0, activeAtEnd: 0, hasData: false });
    const next = await computeKpis({ db: store.db, teamId: tokyo, from: "2024-03-11", to: "2024-03-18" });
    expect(next).toMatchObject({ purchases: 1, revenue: 7, newCustomers: 1, activeAtEnd: 1 });
  });

  it("stays exact when purchases are changed or deleted (the rollup follows every writer)", async () => {
    const team = newTeamId();
    const ids = await insertCustomers(store.db, team, [CUSTOMERS[0]!]);
    const before = await computeKpis({ db: store.db, teamId: team, ...PERIOD });
    expect(before).toMatchObject({ newCustomers: 0, repeatPurchaseRate: 1, historicClv: 35 });
    await store.db.purchase.deleteMany({ where: { teamId: team, at: new Date("2024-02-25T09:00:00Z") } });
    await store.db.purchase.updateMany({ where: { teamId: team, customerId: ids.get("A")!, amount: "5" }, data: { amount: "6.50" } });
    const after = await computeKpis({ db: store.db, teamId: team, ...PERIOD });
    expect(after).toMatchObject({ newCustomers: 1, activeAtStart: 0, repeatPurchaseRate: 0, revenue: 26.5, historicClv: 26.5 });
  });

  it("rejects a malformed period or window", async () => {
    await expect(computeKpis({ db: store.db, teamId, from: "2024-03-04" })).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(computeKpis({ db: store.db, teamId, from: "2024-03-04", to: "2024-03-04" })).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(computeKpis({ db: store.db, teamId, ...PERIOD, window: 0 })).rejects.toMatchObject({ code: "BAD_INPUT" });
  });

  it("trend: consecutive periods from the same query", async () => {
    const trend = await computeKpiTrend({ db: store.db, teamId, periods: 2, periodDays: 7, to: "2024-03-11", window: 10 });
    expect(trend.map((p) => [p.from, p.to, p.activeAtStart, p.retained, p.retentionRate, p.churnRate])).toEqual([
      ["2024-02-26", "2024-03-04", 2, 1, 0.5, 0.5],
      ["2024-03-04", "2024-03-11", 2, 1, 0.5, 0.5],
    ]);
    const direct = await computeKpis({ db: store.db, teamId, ...PERIOD });
    const { segment: _s, timeZone: _z, previous, ...current } = direct;
    expect(trend).toEqual([previous, current]);
  });

  it("cohorts: share of each acquisition month purchasing in each following month", async () => {
    const r = await computeCohorts({ db: store.db, teamId, from: "2024-01-15", to: "2024-04-01" });
    expect(r.from).toBe("2024-01-01");
    expect(r.to).toBe("2024-04-01");
    // C signed up in January (bought in Feb and Mar); A, B acquired in February; D, E, F in March.
    expect(r.cohorts).toEqual([
      { cohortMonth: "2024-01", size: 1, active: [0, 1, 1], shares: [0, 1, 1] },
      { cohortMonth: "2024-02", size: 2, active: [2, 1], shares: [1, 0.5] },
      { cohortMonth: "2024-03", size: 3, active: [2], shares: [2 / 3] },
    ]);
  });
});
