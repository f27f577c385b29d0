import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, startOfDay, type Day } from "../../src/domain/time/calendar.js";
import type { PeriodCounts } from "../../src/domain/kpi/report.js";
import { computeKpis } from "../../src/services/kpi/compute-kpis.js";
import { queryPeriodCounts, queryPeriodCountsBySegment, type PeriodBoundaries } from "../../src/services/kpi/kpi-counts.js";
import { boundariesOf } from "../../src/services/kpi/resolve-period.js";
import { updateWorkspace } from "../../src/services/settings/update-workspace.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { mulberry32 } from "../helpers/seeded-random.js";
import { wrongKpiColumns } from "./fixtures.js";

// The KPI SQL (queryPeriodCounts, behind computeKpis) against a plain TypeScript reading of the definition
// (README, "KPI definitions") computed from the raw Customer and Purchase rows: randomized (seeded) customers and purchases
// around local midnights and DST changes, then deletes, moves, amount-only updates, churn and window changes
// (which also exercise the KpiCustomer rollup triggers the SQL joins).

// Europe/London and America/New_York (DST), America/Santiago (DST ends at midnight: 00:00 back to 23:00),
// Australia/Lord_Howe (30-minute DST), Asia/Kathmandu (+05:45), Asia/Tokyo, UTC.
const ZONES = ["UTC", "America/New_York", "Europe/London", "America/Santiago", "Australia/Lord_Howe", "Asia/Kathmandu", "Asia/Tokyo"];
const FIRST: Day = "2024-01-01";
const DAYS = 500;

/** An instant near a local midnight (often exactly at it or 1 ms before) or anywhere in the day. */
function randomInstant(rnd: () => number, tz: string): Date {
  const day = addDays(FIRST, Math.floor(rnd() * DAYS));
  const start = startOfDay(day, tz).getTime();
  const r = rnd();
  if (r < 0.15) return new Date(start);
  if (r < 0.3) return new Date(start - 1);
  if (r < 0.45) return new Date(start + Math.floor((rnd() - 0.5) * 4 * 3_600_000));
  return new Date(start + Math.floor(rnd() * 86_400_000));
}

/**
 * The counts straight from the definition: active at t_j = a purchase in [windowStarts[j], t_j) and not churned
 * at t_j (churnedAt null or after t_j); acquired = signedUpAt, else the first purchase. No survey responses here.
 */
async function oracle(store: TestStore, teamId: string, segment: string | undefined, b: PeriodBoundaries): Promise<PeriodCounts[]> {
  const customers = await store.db.customer.findMany({ where: { teamId }, select: { id: true, segment: true, signedUpAt: true, churnedAt: true } });
  const purchases = await store.db.purchase.findMany({ where: { teamId }, select: { customerId: true, at: true, amount: true } });
  const t = b.boundaries.map((d) => d.getTime());
  const tw = b.windowStarts.map((d) => d.getTime());
  const byCustomer = new Map<bigint, Array<{ at: number; cents: number }>>();
  for (const p of purchases) {
    const list = byCustomer.get(p.customerId) ?? [];
    list.push({ at: p.at.getTime(), cents: Math.round(Number(p.amount.toString()) * 100) });
    byCustomer.set(p.customerId, list);
  }
  const cs = customers
    .filter((c) => segment === undefined || c.segment === segment)
    .map((c) => {
      const ps = byCustomer.get(c.id) ?? [];
      const first = ps.length ? Math.min(...ps.map((p) => p.at)) : null;
      const churned = c.churnedAt?.getTime() ?? null;
      const active = t.map((tj, j) => ps.some((p) => p.at >= tw[j]! && p.at < tj) && (churned === null || churned > tj));
      return { ps, first, acquired: c.signedUpAt?.getTime() ?? first, active };
    });
  const count = (f: (c: (typeof cs)[number]) => boolean) => cs.filter(f).length;
  const out: PeriodCounts[] = [];
  for (let i = 1; i < t.length; i++) {
    const [lo, hi] = [t[i - 1]!, t[i]!];
    const inPeriod = (c: (typeof cs)[number]) => c.ps.filter((p) => p.at >= lo && p.at < hi);
    const cents = (ps: Array<{ cents: number }>) => ps.reduce((s, p) => s + p.cents, 0);
    out.push({
      activeAtStart: count((c) => c.active[i - 1]!),
      activeAtEnd: count((c) => c.active[i]!),
      retained: count((c) => c.active[i - 1]! && c.active[i]!),
      newCustomers: count((c) => c.acquired !== null && c.acquired >= lo && c.acquired < hi),
      reactivatedCustomers: count((c) => c.acquired !== null && c.acquired < lo && !c.active[i - 1] && c.active[i]!),
      purchasingCustomers: count((c) => inPeriod(c).length > 0),
      repeatCustomers: count((c) => inPeriod(c).length > 0 && c.first! < lo),
      purchases: cs.reduce((s, c) => s + inPeriod(c).length, 0),
      revenue: cs.reduce((s, c) => s + cents(inPeriod(c)), 0) / 100,
      revenueBeforeEnd: cs.reduce((s, c) => s + cents(c.ps.filter((p) => p.at < hi)), 0) / 100,
      acquiredBeforeEnd: count((c) => c.acquired !== null && c.acquired < hi),
      csatResponses: 0,
      csatSatisfied: 0,
      npsResponses: 0,
      npsPromoters: 0,
      npsDetractors: 0,
    });
  }
  return out;
}

describe.each(storeKinds())("KPI counts equal a plain reading of the raw rows on %s", (kind) => {
  let store: TestStore;
  const rnd = mulberry32(20261124);
  const teams = ZONES.map((tz) => ({ teamId: newTeamId(), tz, window: 3 + Math.floor(rnd() * 60), customers: [] as bigint[] }));

  async function seed(team: (typeof teams)[number], customers: number, purchases: number) {
    const segs = ["a", "b", null];
    await store.db.customer.createMany({
      data: Array.from({ length: customers }, (_, i) => ({
        teamId: team.teamId,
        externalId: `c${i}`,
        segment: segs[i % 3]!,
        signedUpAt: rnd() < 0.3 ? randomInstant(rnd, team.tz) : null,
        churnedAt: rnd() < 0.2 ? randomInstant(rnd, team.tz) : null,
      })),
    });
    team.customers = (await store.db.customer.findMany({ where: { teamId: team.teamId }, select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);
    await store.db.purchase.createMany({
      data: Array.from({ length: purchases }, (_, i) => ({
        teamId: team.teamId,
        customerId: team.customers[Math.floor(rnd() * team.customers.length)]!,
        dedupKey: `p${i}`,
        at: randomInstant(rnd, team.tz),
        amount: (1 + Math.floor(rnd() * 10_000) / 100).toFixed(2),
      })),
    });
  }

  /** Random consecutive periods (1–4 of 1–35 days) and segments: the SQL's counts equal the oracle's. */
  async function compare(team: (typeof teams)[number], window: number, rounds: number): Promise<void> {
    for (let r = 0; r < rounds; r++) {
      const K = 1 + Math.floor(rnd() * 4);
      const len = 1 + Math.floor(rnd() * 35);
      const from = addDays(FIRST, Math.floor(rnd() * (DAYS + 60)) - 30);
      const days = Array.from({ length: K + 1 }, (_, j) => addDays(from, j * len));
      const b = boundariesOf(days, window, team.tz);
      const segment = [undefined, "a", "b"][Math.floor(rnd() * 3)];
      const counts = await queryPeriodCounts({ db: store.db, teamId: team.teamId, segment, ...b });
      expect(counts, `${team.tz} window ${window} ${days.join(",")} segment ${segment}`).toEqual(await oracle(store, team.teamId, segment, b));
    }
  }

  beforeAll(async () => {
    store = await createTestStore(kind);
    for (const team of teams) {
      await updateWorkspace({ db: store.db, teamId: team.teamId }, { timeZone: team.tz, activityWindowDays: team.window });
      await seed(team, 40, 300);
    }
  });
  afterAll(async () => {
    await store?.close();
  });

  it("random periods in every time zone: the same counts, and not all zero", async () => {
    for (const team of teams) await compare(team, team.window, 8);
    // The data must make the comparison meaningful: a 4-week period with activity in each zone.
    for (const team of teams) {
      const b = boundariesOf(["2024-06-03", "2024-07-01"], team.window, team.tz);
      const [c] = await oracle(store, team.teamId, undefined, b);
      expect(c!.purchases, team.tz).toBeGreaterThan(0);
      expect(c!.activeAtEnd, team.tz).toBeGreaterThan(0);
    }
  });

  it("deletes, moves to other days and customers, amount-only updates, churn and sign-up changes keep them equal", async () => {
    for (const team of teams.slice(0, 4)) {
      const ids = (await store.db.purchase.findMany({ where: { teamId: team.teamId }, select: { id: true }, orderBy: { id: "asc" } })).map((p) => p.id);
      const pick = (n: number) => Array.from({ length: n }, () => ids[Math.floor(rnd() * ids.length)]!);
      await store.db.purchase.deleteMany({ where: { id: { in: pick(40) } } });
      for (const id of pick(15)) await store.db.purchase.updateMany({ where: { id }, data: { at: randomInstant(rnd, team.tz) } });
      for (const id of pick(10)) await store.db.purchase.updateMany({ where: { id }, data: { customerId: team.customers[Math.floor(rnd() * team.customers.length)]! } });
      await store.db.purchase.updateMany({ where: { id: { in: pick(30) } }, data: { amount: "3.21" } });
      // One statement moving many rows at once, and a second batch of inserts.
      await store.db.$executeRawUnsafe(`update "Purchase" set "at" = "at" + interval '17 days' where "teamId" = $1 and "id" % 7 = 0`, team.teamId);
      await store.db.purchase.createMany({
        data: Array.from({ length: 50 }, (_, i) => ({
          teamId: team.teamId,
          customerId: team.customers[i % team.customers.length]!,
          dedupKey: `q${i}`,
          at: randomInstant(rnd, team.tz),
          amount: "9.99",
        })),
      });
      for (const c of team.customers.slice(0, 8)) {
        await store.db.customer.update({ where: { id: c }, data: { churnedAt: rnd() < 0.5 ? null : randomInstant(rnd, team.tz) } });
      }
      // Sign-up times set, moved and cleared in one statement (acquisition decides "new" versus "reactivated").
      await store.db.$executeRawUnsafe(
        `update "Customer" set "signedUpAt" = case when "id" % 3 = 0 then null else coalesce("signedUpAt", timestamptz '2024-03-01') + interval '40 days' end
         where "teamId" = $1 and "id" % 2 = 0`,
        team.teamId,
      );
      // Segments moved and cleared in one statement: the purchases' copies follow (the segment cut reads them).
      await store.db.$executeRawUnsafe(
        `update "Customer" set "segment" = case when "id" % 3 = 0 then null when "segment" = 'a' then 'b' else 'a' end
         where "teamId" = $1 and "id" % 5 = 0`,
        team.teamId,
      );
      await store.db.customer.delete({ where: { id: team.customers.pop()! } });
      expect(await wrongKpiColumns(store.db, team.teamId)).toBe(0);
      await compare(team, team.window, 5);
    }
  });

  it("every segment at once (a KPI alert's query) has each segment's counts, as one segment at a time", async () => {
    for (const team of teams.slice(0, 3)) {
      for (const [len, K, window] of [
        [28, 2, team.window],
        [7, 12, 90],
        [30, 3, 10],
      ] as const) {
        const days = Array.from({ length: K + 1 }, (_, j) => addDays("2024-03-04", j * len));
        const b = boundariesOf(days, window, team.tz);
        const each = await queryPeriodCountsBySegment({ db: store.db, teamId: team.teamId, ...b });
        expect([...each.keys()].sort(), team.tz).toEqual(["a", "b", null]);
        for (const segment of ["a", "b"]) {
          const oracleCounts = await oracle(store, team.teamId, segment, b);
          expect(each.get(segment), `${team.tz} ${segment} ${days.join(",")}`).toEqual(oracleCounts);
          expect(oracleCounts.some((c) => c.activeAtEnd > 0 && c.purchases > 0)).toBe(true);
        }
      }
    }
  });

  it("computeKpis after a window and a time zone change counts with the new settings", async () => {
    const team = teams[2]!;
    await updateWorkspace({ db: store.db, teamId: team.teamId }, { activityWindowDays: 30, timeZone: "America/Los_Angeles" });
    const report = await computeKpis({ db: store.db, teamId: team.teamId, from: "2024-07-01", to: "2024-07-29" });
    const [prev, cur] = await oracle(store, team.teamId, undefined, boundariesOf(["2024-06-03", "2024-07-01", "2024-07-29"], 30, "America/Los_Angeles"));
    expect([report.window, report.timeZone]).toEqual([30, "America/Los_Angeles"]);
    expect([report.previous.activeAtStart, report.activeAtStart, report.activeAtEnd, report.retained, report.purchases, report.newCustomers]).toEqual([
      prev!.activeAtStart,
      cur!.activeAtStart,
      cur!.activeAtEnd,
      cur!.retained,
      cur!.purchases,
      cur!.newCustomers,
    ]);
    expect(cur!.activeAtStart + cur!.activeAtEnd).toBeGreaterThan(0);
  });

  it("hand-checked: a purchase at 23:30 London (GMT) on 03-30 keeps a 14-day window active through the start of 04-13", async () => {
    const teamId = newTeamId();
    await updateWorkspace({ db: store.db, teamId }, { timeZone: "Europe/London", activityWindowDays: 14 });
    const [c] = await store.db.customer.createManyAndReturn({ data: [{ teamId, externalId: "x" }], select: { id: true } });
    await store.db.purchase.create({ data: { teamId, customerId: c!.id, dedupKey: "hand", at: new Date("2024-03-30T23:30:00Z"), amount: "1.00" } });
    // Boundaries at the starts of 03-30, 03-31, 04-13, 04-14 (BST from 03-31): active at 03-31 and 04-13 only.
    const counts = await queryPeriodCounts({ db: store.db, teamId, ...boundariesOf(["2024-03-30", "2024-03-31", "2024-04-13", "2024-04-14"], 14, "Europe/London") });
    expect(counts.map((p) => [p.activeAtStart, p.activeAtEnd, p.purchases, p.newCustomers])).toEqual([
      [0, 1, 1, 1],
      [1, 1, 0, 0],
      [1, 0, 0, 0],
    ]);
  });
});
