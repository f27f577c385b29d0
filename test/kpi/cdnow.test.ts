import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeCohorts } from "../../src/services/kpi/compute-cohorts.js";
import { computeKpis } from "../../src/services/kpi/compute-kpis.js";
import { CDNOW_SAMPLE } from "../helpers/fixtures.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";

// Real purchases (CDNOW 1/10 sample, 2,357 customers, 6,919 rows); every expected value below is computed
// from the raw file with plain loops, independently of the SQL.
interface Row {
  customer: string;
  day: string;
  cents: number;
}
const rows: Row[] = readFileSync(CDNOW_SAMPLE, "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter(Boolean)
  .map((l) => {
    const [customer, , ymd, , dollars] = l.split(/\s+/);
    return { customer: customer!, day: `${ymd!.slice(0, 4)}-${ymd!.slice(4, 6)}-${ymd!.slice(6, 8)}`, cents: Math.round(Number(dollars) * 100) };
  });

const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
const DAY = 86_400_000;

function expected(from: string, to: string, window: number) {
  const s = ms(from);
  const e = ms(to);
  const byCustomer = new Map<string, number[]>();
  for (const r of rows) byCustomer.set(r.customer, [...(byCustomer.get(r.customer) ?? []), ms(r.day)]);
  const activeAt = (days: number[], t: number) => days.some((d) => d >= t - window * DAY && d < t);
  let activeAtStart = 0,
    activeAtEnd = 0,
    retained = 0,
    newCustomers = 0,
    reactivated = 0,
    repeat = 0,
    acquiredBeforeEnd = 0;
  const purchasing = new Set<string>();
  let purchases = 0,
    revenue = 0,
    revenueBeforeEnd = 0;
  for (const r of rows) {
    const d = ms(r.day);
    if (d < e) revenueBeforeEnd += r.cents;
    if (d >= s && d < e) {
      purchases++;
      revenue += r.cents;
      purchasing.add(r.customer);
    }
  }
  for (const [customer, days] of byCustomer) {
    const first = Math.min(...days);
    const a0 = activeAt(days, s);
    const a1 = activeAt(days, e);
    if (a0) activeAtStart++;
    if (a1) activeAtEnd++;
    if (a0 && a1) retained++;
    if (first >= s && first < e) newCustomers++;
    if (first < s && !a0 && a1) reactivated++;
    if (first < e) acquiredBeforeEnd++;
    if (purchasing.has(customer) && first < s) repeat++;
  }
  return {
    activeAtStart,
    activeAtEnd,
    retained,
    newCustomers,
    reactivatedCustomers: reactivated,
    purchasingCustomers: purchasing.size,
    purchases,
    revenue: revenue / 100,
    retentionRate: retained / activeAtStart,
    repeatPurchaseRate: repeat / purchasing.size,
    historicClv: revenueBeforeEnd / 100 / acquiredBeforeEnd,
  };
}

describe.each(storeKinds())("KPIs of the CDNOW sample on %s", (kind) => {
  let store: TestStore;
  const teamId = newTeamId();
  beforeAll(async () => {
    store = await createTestStore(kind);
    const customers = [...new Set(rows.map((r) => r.customer))];
    await store.db.customer.createMany({ data: customers.map((c) => ({ teamId, externalId: c })) });
    const ids = new Map((await store.db.customer.findMany({ where: { teamId }, select: { id: true, externalId: true } })).map((c) => [c.externalId, c.id]));
    await store.db.purchase.createMany({
      data: rows.map((r, i) => ({ teamId, customerId: ids.get(r.customer)!, dedupKey: `row${i}`, at: new Date(`${r.day}T00:00:00Z`), amount: (r.cents / 100).toFixed(2) })),
    });
  });
  afterAll(async () => {
    await store?.close();
  });

  it.each([
    ["1997-03-03", "1997-03-31", 90], // acquisition still running
    ["1997-09-01", "1997-09-29", 90],
    ["1998-01-05", "1998-02-02", 60],
  ])("period %s – %s, window %i, matches the raw file", async (from, to, window) => {
    const r = await computeKpis({ db: store.db, teamId, from, to, window });
    const want = expected(from, to, window);
    expect(want.purchases).toBeGreaterThan(100);
    expect(r).toMatchObject({
      activeAtStart: want.activeAtStart,
      activeAtEnd: want.activeAtEnd,
      retained: want.retained,
      newCustomers: want.newCustomers,
      reactivatedCustomers: want.reactivatedCustomers,
      purchasingCustomers: want.purchasingCustomers,
      purchases: want.purchases,
      revenue: want.revenue,
    });
    expect(r.retentionRate).toBeCloseTo(want.retentionRate, 12);
    expect(r.repeatPurchaseRate).toBeCloseTo(want.repeatPurchaseRate, 12);
    expect(r.historicClv).toBeCloseTo(want.historicClv, 9);
    const prev = expected(r.previous.from, r.previous.to, window);
    expect(r.previous).toMatchObject({ activeAtStart: prev.activeAtStart, retained: prev.retained, purchases: prev.purchases, newCustomers: prev.newCustomers });
  });

  it("cohorts: every customer's first purchase is in Q1 1997, so three cohorts, month 0 at 100%", async () => {
    const r = await computeCohorts({ db: store.db, teamId, from: "1997-01-01", to: "1998-07-01" });
    expect(r.cohorts.map((c) => c.cohortMonth)).toEqual(["1997-01", "1997-02", "1997-03"]);
    const firstMonth = new Map<string, string>();
    const months = new Map<string, Set<string>>();
    for (const r of [...rows].sort((a, b) => a.day.localeCompare(b.day))) {
      if (!firstMonth.has(r.customer)) firstMonth.set(r.customer, r.day.slice(0, 7));
      months.set(r.customer, (months.get(r.customer) ?? new Set()).add(r.day.slice(0, 7)));
    }
    for (const c of r.cohorts) {
      const members = [...firstMonth].filter(([, m]) => m === c.cohortMonth).map(([id]) => id);
      expect(c.size).toBe(members.length);
      expect(c.active[0]).toBe(members.length);
      const july = members.filter((id) => months.get(id)!.has("1997-07")).length;
      expect(c.active[Number(c.cohortMonth.slice(5)) === 1 ? 6 : Number(c.cohortMonth.slice(5)) === 2 ? 5 : 4]).toBe(july);
    }
    expect(r.cohorts.reduce((n, c) => n + c.size, 0)).toBe(2357);
  });
});
