import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bgNbdExpectedPurchases, bgNbdProbabilityAlive, customerLifetimeValue, gammaGammaExpectedSpend } from "../../src/domain/clv/index.js";
import { createApiToken } from "../../src/services/api-tokens/api-tokens.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { apiCall, cdnowPurchases, day, seedPurchases } from "./seed.js";

const PUBLISHED_BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PUBLISHED_GG = { p: 6.25, q: 3.74, gamma: 15.44 };

describe.each(storeKinds())("prediction API on CDNOW on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  const teamId = newTeamId();
  let token: string;
  const api = (path: string, init: { method?: string } = {}, bearer: string | null = token) => apiCall(t.baseUrl, path, init.method ?? "GET", bearer);

  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store);
    await seedPurchases(store.db, teamId, cdnowPurchases());
    token = await createApiToken({ db: store.db, teamId }, { label: "test", createdBy: "U0ADMIN" });
  });
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  let fit: Record<string, any>;
  /** The fitted parameters and log-likelihood, as stored and as the API answers them. */
  const fitted = () => ({ r: fit.r, alpha: fit.alpha, a: fit.a, b: fit.b, logLikelihood: fit.logLikelihood, p: fit.p, q: fit.q, gamma: fit.gamma });

  it("POST /api/v1/model/fit?asOf=1997-09-30 reproduces Fader, Hardie & Lee's BG/NBD and Gamma-Gamma and stores the fit", async () => {
    const res = await api("/api/v1/model/fit?asOf=1997-09-30", { method: "POST" });
    expect(res.status).toBe(201);
    fit = (await res.json()) as Record<string, any>;
    expect(fit).toMatchObject({ asOf: "1997-09-30", unit: "week", unitDays: 7, customers: 2357, repeatCustomers: 946, converged: true, status: "converged", ggCustomers: 946 });
    for (const name of ["r", "alpha", "a", "b"] as const) expect(Math.abs(fit[name] / PUBLISHED_BG[name] - 1)).toBeLessThan(0.01);
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.5);
    for (const name of ["p", "q", "gamma"] as const) expect(Math.abs(fit[name] / PUBLISHED_GG[name] - 1)).toBeLessThan(0.01);
    const row = await store.db.modelFit.findUniqueOrThrow({ where: { id: fit.id } });
    expect(row).toMatchObject({
      teamId,
      unitDays: 7,
      customers: 2357,
      repeatCustomers: 946,
      converged: true,
      ...fitted(),
    });
    expect(row.asOf.toISOString().slice(0, 10)).toBe("1997-09-30");
  });

  it("GET /api/v1/model answers the latest fit with the issue's fields", async () => {
    const res = await api("/api/v1/model");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: fit.id,
      asOf: "1997-09-30",
      unit: "week",
      customers: 2357,
      repeatCustomers: 946,
      ...fitted(),
      failedSince: null,
    });
  });

  it("GET /api/v1/customers/<id>/prediction applies the issue's conventions and the fitted models", async () => {
    // Customer 00004 bought on 1997-01-01, 01-18 and 08-02 before the cut (and 12-12 after it):
    // x = 2, t_x = 213 days / 7, T = 272 days / 7, mean repeat spend = (29.73 + 14.96) / 2.
    const res = await api("/api/v1/customers/00004/prediction?horizon=52");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(body.frequency).toBe(2);
    expect(body.recency).toBeCloseTo(213 / 7, 12);
    expect(body.T).toBeCloseTo(272 / 7, 12);
    const bg = { r: fit.r, alpha: fit.alpha, a: fit.a, b: fit.b };
    const gg = { p: fit.p, q: fit.q, gamma: fit.gamma };
    const history = { frequency: 2, recency: 213 / 7, age: 272 / 7 };
    // P(alive) by hand: 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
    const byHand = 1 / (1 + (bg.a / (bg.b + 1)) * ((bg.alpha + 272 / 7) / (bg.alpha + 213 / 7)) ** (bg.r + 2));
    expect(body.pAlive).toBeCloseTo(byHand, 12);
    expect(body.pAlive).toBeCloseTo(bgNbdProbabilityAlive(bg, history), 12);
    expect(body.expectedPurchases).toBeCloseTo(bgNbdExpectedPurchases(bg, history, 52), 10);
    // E[M] by hand: p(γ + x·m̄)/(px + q − 1).
    const mean = (29.73 + 14.96) / 2;
    expect(body.expectedAverageSpend).toBeCloseTo((gg.p * (gg.gamma + 2 * mean)) / (gg.p * 2 + gg.q - 1), 10);
    expect(body.expectedAverageSpend).toBeCloseTo(gammaGammaExpectedSpend(gg, 2, mean), 10);
    const weekly = 1.1 ** (7 / 365.25) - 1;
    expect(body.clv).toBeCloseTo(
      customerLifetimeValue({ bgNbd: bg, gammaGamma: gg }, { ...history, averageRepeatSpend: mean }, { periods: 52, periodLength: 1, discountRate: weekly }),
      8,
    );
    expect(body).toMatchObject({ horizon: 52, discountRate: 0.1, unit: "week", asOf: "1997-09-30", enoughData: true });
    expect(body.history).toMatchObject({ firstPurchase: "1997-01-01", lastPurchase: "1997-08-02", purchaseDays: 3 });
    expect(body.history.revenue).toBeCloseTo(29.33 + 29.73 + 14.96, 9);
  });

  it("same-day purchases count once and a day's spend is its total", async () => {
    const other = newTeamId();
    const otherToken = await createApiToken({ db: store.db, teamId: other }, { label: "t", createdBy: "U1" });
    // The CDNOW parameters stored as this workspace's fit (as of 2024-09-30), and one customer who bought twice on 2024-02-01.
    await store.db.modelFit.create({
      data: {
        teamId: other,
        asOf: new Date("2024-09-30T00:00:00Z"),
        unitDays: 7,
        customers: 2357,
        repeatCustomers: 946,
        ...fitted(),
        converged: true,
      },
    });
    await seedPurchases(store.db, other, [
      { customer: "twice", at: day("2024-01-10"), amount: 10 },
      { customer: "twice", at: day("2024-02-01", "09:00:00Z"), amount: 20 },
      { customer: "twice", at: day("2024-02-01", "17:00:00Z"), amount: 30 },
    ]);
    const body = (await (await api("/api/v1/customers/twice/prediction?horizon=4", {}, otherToken)).json()) as Record<string, any>;
    expect(body.frequency).toBe(1);
    expect(body.recency).toBeCloseTo(22 / 7, 12);
    expect(body.T).toBeCloseTo(264 / 7, 12);
    expect(body.history).toMatchObject({ purchaseDays: 2, averageRepeatSpend: 50, revenue: 60 });
  });

  it("a customer with one purchase day gets predictions flagged as too little data; unknown ids are 404", async () => {
    const single = cdnowPurchases().filter((p) => p.at < day("1997-10-01"));
    const counts = new Map<string, number>();
    for (const p of single) counts.set(p.customer, (counts.get(p.customer) ?? 0) + 1);
    const oneTimer = [...counts].find(([, n]) => n === 1)![0];
    const res = await api(`/api/v1/customers/${oneTimer}/prediction`);
    const body = (await res.json()) as Record<string, any>;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ frequency: 0, recency: 0, pAlive: 1, enoughData: false, horizon: 52 });
    expect(body.note).toContain("Too little data");
    const missing = await api("/api/v1/customers/nobody/prediction");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toBe("No customer with id nobody.");
  });

  it("rejects a bad date, a bad horizon and a missing token", async () => {
    expect((await api("/api/v1/model/fit?asOf=1997-02-30", { method: "POST" })).status).toBe(400);
    expect((await api("/api/v1/model/fit?asOf=1997-09-30&unit=fortnightly", { method: "POST" })).status).toBe(400);
    expect((await api("/api/v1/customers/00004/prediction?horizon=0")).status).toBe(400);
    expect((await api("/api/v1/model", {}, null)).status).toBe(401);
    expect((await api("/api/v1/model/fit", { method: "GET" })).status).toBe(405);
  });

  it("a fit on too little data answers 422, is stored as failed and the previous fit stays in use", async () => {
    const res = await api("/api/v1/model/fit?asOf=1997-01-03", { method: "POST" });
    expect(res.status).toBe(422);
    const body = (await res.json()) as Record<string, any>;
    expect(body.error).toBe("not_enough_data");
    expect(body.fit).toMatchObject({ asOf: "1997-01-03", converged: false, status: "not_enough_data", r: null });
    expect(body.inUse.id).toBe(fit.id);
    const stored = await store.db.modelFit.findMany({ where: { teamId }, orderBy: { createdAt: "asc" } });
    expect(stored.map((f) => [f.converged, f.status])).toEqual([
      [true, "converged"],
      [false, "not_enough_data"],
    ]);
    const latest = (await (await api("/api/v1/model")).json()) as Record<string, any>;
    expect(latest.id).toBe(fit.id);
    expect(latest.failedSince).toMatchObject({ asOf: "1997-01-03", status: "not_enough_data" });
  });
});
