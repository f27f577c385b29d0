import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bgNbdExpectedPurchases, bgNbdProbabilityAlive, gammaGammaExpectedSpend } from "../../src/domain/clv/index.js";
import {
  AT_RISK_THRESHOLD,
  fitModels,
  forecastNextPeriod,
  getFitState,
  getLatestFit,
  listAtRisk,
  loadCustomerSummaries,
  predictCustomer,
  summarizeAtRisk,
  type ConvergedFit,
} from "../../src/services/prediction/index.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { day, seedPurchases, simulatedPurchases, type SeedPurchase } from "./seed.js";

/** A big early spender who stopped in January, a steady buyer, a one-time buyer; plus 300 simulated customers. */
const special: SeedPurchase[] = [
  ...["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"].map((d) => ({ customer: "whale", at: day(d), amount: 500 })),
  ...Array.from({ length: 13 }, (_, i) => ({ customer: "steady", at: new Date(Date.UTC(2024, 0, 5 + 14 * i, 12)), amount: 40 })),
  { customer: "once", at: day("2024-03-01"), amount: 80 },
];

describe.each(storeKinds())("prediction services on %s", (kind) => {
  let store: TestStore;
  const teamId = newTeamId();
  let fit: ConvergedFit;
  beforeAll(async () => {
    store = await createTestStore(kind);
    await seedPurchases(
      store.db,
      teamId,
      [...simulatedPurchases({ customers: 300, seed: 7, asOf: "2024-06-30" }), ...special],
      [
        { externalId: "whale", name: "Whale Co", segment: "VIP" },
        { externalId: "steady", segment: "vip" },
      ],
    );
    const outcome = await fitModels({ db: store.db, teamId, asOf: "2024-06-30" });
    expect(outcome.fit.converged).toBe(true);
    fit = outcome.inUse!;
  });
  afterAll(async () => {
    await store?.close();
  });

  it("reads calendar days in the workspace time zone: same-day purchases once, the day's total as its spend, asOf inclusive", async () => {
    const team = newTeamId();
    await seedPurchases(store.db, team, [
      { customer: "a", at: day("2024-01-01", "10:00:00Z"), amount: 10 },
      { customer: "a", at: day("2024-01-01", "18:00:00Z"), amount: 5 }, // 2024-01-02 03:00 in Tokyo
      { customer: "a", at: day("2024-01-08"), amount: 20 },
      { customer: "a", at: day("2024-01-15", "09:00:00Z"), amount: 30 },
      { customer: "a", at: day("2024-01-15", "20:00:00Z"), amount: 10 }, // 2024-01-16 05:00 in Tokyo
      { customer: "a", at: day("2024-01-29", "16:00:00Z"), amount: 7 }, // 2024-01-30 01:00 in Tokyo: after asOf there
      { customer: "a", at: day("2024-02-05"), amount: 99 }, // after asOf everywhere
    ]);
    const utc = await loadCustomerSummaries({ db: store.db, teamId: team, asOf: "2024-01-29" });
    expect(utc.externalIds).toEqual(["a"]);
    expect([utc.summaries.frequency[0], utc.summaries.recency[0], utc.summaries.age[0]]).toEqual([3, 4, 4]);
    expect(utc.summaries.averageRepeatSpend[0]).toBeCloseTo((20 + 40 + 7) / 3, 12);
    expect(utc.revenue[0]).toBeCloseTo(82, 12);
    const tokyo = await loadCustomerSummaries({ db: store.db, teamId: team, asOf: "2024-01-29", timeZone: "Asia/Tokyo" });
    expect(tokyo.summaries.frequency[0]).toBe(4);
    expect(tokyo.summaries.recency[0]).toBeCloseTo(15 / 7, 12);
    expect(tokyo.summaries.age[0]).toBe(4);
    expect(tokyo.summaries.averageRepeatSpend[0]).toBeCloseTo((5 + 20 + 30 + 10) / 4, 12);
    expect(tokyo.revenue[0]).toBeCloseTo(75, 12);
    const days = await loadCustomerSummaries({ db: store.db, teamId: team, asOf: "2024-01-29", unitDays: 1 });
    expect([days.summaries.recency[0], days.summaries.age[0]]).toEqual([28, 28]);
  });

  it("reads named customers (by id or external id) exactly as the same customers among everyone: unknown, purchaseless and other workspaces' ones left out", async () => {
    const everyone = await loadCustomerSummaries({ db: store.db, teamId, asOf: "2024-06-30", timeZone: "Asia/Tokyo" });
    const other = newTeamId();
    await seedPurchases(store.db, other, [{ customer: "whale", at: day("2024-02-01"), amount: 9 }]);
    const foreign = await store.db.customer.findFirstOrThrow({ where: { teamId: other }, select: { id: true } });
    const purchaseless = await store.db.customer.create({ data: { teamId, externalId: `nobody-${other}` }, select: { id: true } });
    // Every third customer, in reverse order and with a repeat, plus ids no customer of this workspace has bought with.
    const picked = everyone.customerIds.filter((_, i) => i % 3 === 0);
    const asked = [...picked].reverse().concat(picked[0]!, foreign.id, purchaseless.id, 987_654_321n);
    const some = await loadCustomerSummaries({ db: store.db, teamId, asOf: "2024-06-30", timeZone: "Asia/Tokyo", customerIds: asked });
    expect(some.customerIds).toEqual(picked);
    const at = picked.map((id) => everyone.customerIds.indexOf(id));
    const columns = (p: typeof everyone, rows: number[]) => ({
      externalIds: rows.map((i) => p.externalIds[i]),
      names: rows.map((i) => p.names[i]),
      segments: rows.map((i) => p.segments[i]),
      revenue: rows.map((i) => p.revenue[i]),
      last: rows.map((i) => p.lastPurchaseDay[i]),
      x: rows.map((i) => p.summaries.frequency[i]),
      tx: rows.map((i) => p.summaries.recency[i]),
      T: rows.map((i) => p.summaries.age[i]),
      spend: rows.map((i) => p.summaries.averageRepeatSpend[i]),
    });
    expect(
      columns(
        some,
        picked.map((_, i) => i),
      ),
    ).toEqual(columns(everyone, at));
    expect(picked.length).toBeGreaterThan(90);
    // By external id (a batch's): "whale" is also the other workspace's customer; only this one's is read.
    const externalIds = at
      .map((i) => everyone.externalIds[i]!)
      .reverse()
      .concat("whale", `nobody-${other}`, "no-such-customer");
    const byExternal = await loadCustomerSummaries({ db: store.db, teamId, asOf: "2024-06-30", timeZone: "Asia/Tokyo", externalIds });
    const withWhale = everyone.customerIds.flatMap((id, i) => (picked.includes(id) || everyone.externalIds[i] === "whale" ? [i] : []));
    expect(
      columns(
        byExternal,
        byExternal.customerIds.map((_, i) => i),
      ),
    ).toEqual(columns(everyone, withWhale));
  });

  it("stores the fit with its date, calendar, data size and CLV defaults", async () => {
    const row = await store.db.modelFit.findUniqueOrThrow({ where: { id: fit.id } });
    const population = await loadCustomerSummaries({ db: store.db, teamId, asOf: "2024-06-30" });
    const repeat = population.summaries.frequency.filter((x) => x > 0).length;
    expect(row).toMatchObject({
      teamId,
      unitDays: 7,
      timeZone: "UTC",
      customers: population.summaries.size,
      repeatCustomers: repeat,
      converged: true,
      status: "converged",
      horizon: 52,
      discountRate: 0.1,
      failureReason: null,
    });
    expect(row.asOf.toISOString()).toBe("2024-06-30T00:00:00.000Z");
    expect(row.logLikelihood).toBeLessThan(0);
    expect(row.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("predicts a customer from the stored parameters and their history as of the fit date", async () => {
    const p = await predictCustomer({ db: store.db, teamId, customerExternalId: "whale", horizon: 26 });
    const { r, alpha, a, b } = fit.bgNbd;
    const T = 181 / 7; // 2024-01-01 → 2024-06-30
    expect([p.frequency, p.recency, p.T]).toEqual([4, 4, T]);
    expect(p.pAlive).toBeCloseTo(1 / (1 + (a / (b + 3)) * ((alpha + T) / (alpha + 4)) ** (r + 4)), 12);
    expect(p.expectedPurchases).toBeCloseTo(bgNbdExpectedPurchases(fit.bgNbd, { frequency: 4, recency: 4, age: T }, 26), 12);
    const { p: gp, q, gamma } = fit.gammaGamma;
    expect(p.expectedAverageSpend).toBeCloseTo((gp * (gamma + 4 * 500)) / (gp * 4 + q - 1), 9);
    expect(p.history).toEqual({ firstPurchase: "2024-01-01", lastPurchase: "2024-01-29", purchaseDays: 5, revenue: 2500, averageRepeatSpend: 500 });
    expect(p).toMatchObject({ name: "Whale Co", segment: "VIP", enoughData: true, horizon: 26, asOf: "2024-06-30" });
    await expect(predictCustomer({ db: store.db, teamId, customerExternalId: "nobody" })).rejects.toMatchObject({ code: "NOT_FOUND", messageKey: "prediction.customerNotFound" });
  });

  it("lists at-risk customers by value at risk = revenue × (1 − P(alive)), filtered by segment", async () => {
    const list = await listAtRisk({ db: store.db, teamId, limit: 5 });
    expect(list.customers[0]).toMatchObject({ customerId: "whale", name: "Whale Co", revenue: 2500, purchaseDays: 5, lastPurchase: "2024-01-29" });
    expect(list.customers).toHaveLength(5);
    for (const c of list.customers) {
      expect(c.pAlive).toBeLessThan(AT_RISK_THRESHOLD);
      expect(c.valueAtRisk).toBeCloseTo(c.revenue * (1 - c.pAlive), 9);
    }
    const values = list.customers.map((c) => c.valueAtRisk);
    expect(values).toEqual([...values].sort((u, v) => v - u));
    expect(list.customers.map((c) => c.customerId)).not.toContain("steady");
    // Independent total: every customer scored one by one with the domain functions.
    const population = await loadCustomerSummaries({ db: store.db, teamId, asOf: "2024-06-30" });
    let count = 0;
    let total = 0;
    for (let i = 0; i < population.summaries.size; i += 1) {
      const pAlive = bgNbdProbabilityAlive(fit.bgNbd, {
        frequency: population.summaries.frequency[i]!,
        recency: population.summaries.recency[i]!,
        age: population.summaries.age[i]!,
      });
      if (pAlive < AT_RISK_THRESHOLD) {
        count += 1;
        total += population.revenue[i]! * (1 - pAlive);
      }
    }
    expect(list.count).toBe(count);
    expect(list.valueAtRisk).toBeCloseTo(total, 6);
    const vip = await listAtRisk({ db: store.db, teamId, segment: "vip", limit: 5 });
    expect(vip.customers.map((c) => c.customerId)).toEqual(["whale"]);
    expect(vip.count).toBe(1);
  });

  it("forecasts the next week's repeat purchases and revenue as the sum of per-customer expectations", async () => {
    const fc = await forecastNextPeriod({ db: store.db, teamId });
    const population = await loadCustomerSummaries({ db: store.db, teamId, asOf: "2024-06-30" });
    let purchases = 0;
    let revenue = 0;
    for (let i = 0; i < population.summaries.size; i += 1) {
      const s = population.summaries;
      const y = bgNbdExpectedPurchases(fit.bgNbd, { frequency: s.frequency[i]!, recency: s.recency[i]!, age: s.age[i]! }, 1);
      purchases += y;
      revenue += y * gammaGammaExpectedSpend(fit.gammaGamma, s.frequency[i]!, s.averageRepeatSpend[i]!);
    }
    expect(fc).toMatchObject({ from: "2024-07-01", to: "2024-07-07", customers: population.summaries.size, segment: null });
    expect(fc.expectedPurchases).toBeCloseTo(purchases, 8);
    expect(fc.expectedRevenue).toBeCloseTo(revenue, 6);
    expect(fc.expectedPurchases).toBeGreaterThan(1);
  });

  it("summarizes the digest's at-risk figures against the same fit scored a week earlier", async () => {
    const summary = (await summarizeAtRisk({ db: store.db, teamId }))!;
    const now = await listAtRisk({ db: store.db, teamId });
    expect(summary.current).toEqual({ asOf: "2024-06-30", count: now.count, valueAtRisk: now.valueAtRisk });
    const before = await loadCustomerSummaries({ db: store.db, teamId, asOf: "2024-06-23" });
    let count = 0;
    let value = 0;
    for (let i = 0; i < before.summaries.size; i += 1) {
      const s = before.summaries;
      const pAlive = bgNbdProbabilityAlive(fit.bgNbd, { frequency: s.frequency[i]!, recency: s.recency[i]!, age: s.age[i]! });
      if (pAlive < AT_RISK_THRESHOLD) {
        count += 1;
        value += before.revenue[i]! * (1 - pAlive);
      }
    }
    expect(summary.previous.asOf).toBe("2024-06-23");
    expect(summary.previous.count).toBe(count);
    expect(summary.previous.valueAtRisk).toBeCloseTo(value, 6);
    expect(summary.countChange).toBe(now.count - count);
    expect(summary.valueChange).toBeCloseTo(now.valueAtRisk - value, 6);
    expect(await summarizeAtRisk({ db: store.db, teamId: newTeamId() })).toBeNull();
  });

  it("two fits asked for the same workspace and date at once share one run and one stored row", async () => {
    const before = await store.db.modelFit.count({ where: { teamId } });
    const [one, two] = await Promise.all([fitModels({ db: store.db, teamId, asOf: "2024-06-29" }), fitModels({ db: store.db, teamId, asOf: "2024-06-29" })]);
    expect(one.fit.id).toBe(two.fit.id);
    expect(await store.db.modelFit.count({ where: { teamId } })).toBe(before + 1);
    // Leave the original fit as the latest for the tests below: this one is the newest, so drop it.
    await store.db.modelFit.delete({ where: { id: one.fit.id } });
  });

  it("a fit that cannot converge (everyone bought on the last day, every spend equal) is stored with its reason and best point", async () => {
    const team = newTeamId();
    const purchases: SeedPurchase[] = [];
    for (let i = 0; i < 200; i += 1) {
      const weeks = 30 + (i % 7);
      const repeats = 1 + (i % 5);
      for (let k = 0; k <= repeats; k += 1) {
        const daysBefore = Math.round((weeks * 7 * (repeats - k)) / repeats);
        purchases.push({ customer: `d${i}`, at: new Date(Date.UTC(2024, 5, 30 - daysBefore, 12)), amount: 10 });
      }
    }
    await seedPurchases(store.db, team, purchases);
    const outcome = await fitModels({ db: store.db, teamId: team, asOf: "2024-06-30" });
    expect(outcome.fit).toMatchObject({ converged: false, status: "did_not_converge", customers: 200, repeatCustomers: 200 });
    expect(outcome.fit.failureReason).toMatch(/^bg\/nbd: BG\/NBD maximum-likelihood fit did not converge \(gradient norm /);
    expect(outcome.fit.bgNbd?.a).toBeLessThan(1e-6); // the best point found: dropout driven to zero
    expect(outcome.inUse).toBeNull();
    await expect(listAtRisk({ db: store.db, teamId: team })).rejects.toMatchObject({ code: "NOT_FOUND", messageKey: "prediction.noFit" });
  });

  it("a fit on too little data is stored as failed and the previous fit stays in use; a later fit with new purchases replaces it", async () => {
    const failed = await fitModels({ db: store.db, teamId, asOf: "2023-07-05" });
    expect(failed.fit).toMatchObject({ converged: false, status: "not_enough_data", bgNbd: null, asOf: "2023-07-05" });
    expect(failed.fit.failureReason).toMatch(/^bg\/nbd: BG\/NBD needs at least 20 customers/);
    expect(failed.inUse?.id).toBe(fit.id);
    expect((await getLatestFit({ db: store.db, teamId }))?.id).toBe(fit.id);
    expect((await getFitState({ db: store.db, teamId })).failedSince?.id).toBe(failed.fit.id);
    expect((await listAtRisk({ db: store.db, teamId })).failedSince?.status).toBe("not_enough_data");

    // The whale comes back; the next fit (new id, so no stale cache) no longer lists them.
    await seedPurchases(store.db, teamId, [{ customer: "whale", at: day("2024-07-10"), amount: 300 }]);
    const next = await fitModels({ db: store.db, teamId, asOf: "2024-07-14" });
    expect(next.inUse?.id).toBe(next.fit.id);
    const list = await listAtRisk({ db: store.db, teamId, limit: 400 });
    expect(list.fit.id).toBe(next.fit.id);
    expect(list.failedSince).toBeNull();
    expect(list.customers.map((c) => c.customerId)).not.toContain("whale");
  });
});
