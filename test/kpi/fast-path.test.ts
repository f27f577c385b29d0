import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, startOfDay, type Day } from "../../src/domain/kpi/calendar.js";
import { computeKpis } from "../../src/services/kpi/compute-kpis.js";
import { queryPeriodCounts, spellsUsable } from "../../src/services/kpi/kpi-counts.js";
import { boundariesOf } from "../../src/services/kpi/resolve-period.js";
import { updateWorkspace } from "../../src/services/settings/get-workspace.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";

// The spells fast path must give exactly the exact path's counts: randomized (seeded) customers and purchases
// around local midnights and DST changes, then deletes, moves, amount-only updates, churn and window changes.

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

describe.each(storeKinds())("KPI fast path (activity spells) equals the exact path on %s", (kind) => {
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

  /** Compares both readings on random periods (and trends); returns how many comparisons used the spells. */
  async function compare(team: (typeof teams)[number], window: number, rounds: number): Promise<number> {
    let spells = 0;
    for (let r = 0; r < rounds; r++) {
      const K = 1 + Math.floor(rnd() * 4);
      const len = 1 + Math.floor(rnd() * 35);
      const from = addDays(FIRST, Math.floor(rnd() * (DAYS + 60)) - 30);
      const days = Array.from({ length: K + 1 }, (_, j) => addDays(from, j * len));
      const b = boundariesOf(days, window, team.tz);
      const segment = [undefined, "a", "b"][Math.floor(rnd() * 3)];
      const exact = await queryPeriodCounts({ db: store.db, teamId: team.teamId, segment, path: "exact", ...b });
      const auto = await queryPeriodCounts({ db: store.db, teamId: team.teamId, segment, ...b });
      expect(auto, `${team.tz} window ${window} ${days.join(",")} segment ${segment}`).toEqual(exact);
      if (await spellsUsable({ db: store.db, teamId: team.teamId, ...b })) {
        spells++;
        const fast = await queryPeriodCounts({ db: store.db, teamId: team.teamId, segment, path: "spells", ...b });
        expect(fast, `${team.tz} window ${window} ${days.join(",")} segment ${segment}`).toEqual(exact);
      }
    }
    return spells;
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

  it("random periods in every time zone: same counts, and the spells do answer", async () => {
    for (const team of teams) {
      const used = await compare(team, team.window, 8);
      expect(used, team.tz).toBe(8);
    }
  });

  it("a request for another window counts from the purchases (exact path), with the same numbers", async () => {
    const team = teams[1]!;
    const b = boundariesOf(["2024-03-04", "2024-03-11", "2024-03-18"], team.window + 1, team.tz);
    expect(await spellsUsable({ db: store.db, teamId: team.teamId, ...b })).toBe(false);
    await compare(team, team.window + 1, 3);
  });

  it("deletes, moves to other days and customers, amount-only updates and churn keep them equal", async () => {
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
        data: Array.from({ length: 50 }, (_, i) => ({ teamId: team.teamId, customerId: team.customers[i % team.customers.length]!, dedupKey: `q${i}`, at: randomInstant(rnd, team.tz), amount: "9.99" })),
      });
      for (const c of team.customers.slice(0, 8)) {
        await store.db.customer.update({ where: { id: c }, data: { churnedAt: rnd() < 0.5 ? null : randomInstant(rnd, team.tz) } });
      }
      await store.db.customer.delete({ where: { id: team.customers.pop()! } });
      expect(await compare(team, team.window, 5)).toBeGreaterThan(0);
    }
  });

  it("a window or time zone change rebuilds the spells; a change made behind the service's back falls back to exact", async () => {
    const team = teams[2]!;
    team.window = 30;
    await updateWorkspace({ db: store.db, teamId: team.teamId }, { activityWindowDays: 30 });
    expect(await compare(team, 30, 8)).toBe(8);
    team.tz = "America/Los_Angeles";
    await updateWorkspace({ db: store.db, teamId: team.teamId }, { timeZone: team.tz });
    expect(await compare(team, 30, 8)).toBe(8);
    // Raw SQL change: spells still for 30 days, the workspace now says 45: computeKpis must not use them.
    await store.db.$executeRawUnsafe(`update "Workspace" set "activityWindowDays" = 45 where "teamId" = $1`, team.teamId);
    const b = boundariesOf(["2024-06-03", "2024-07-01", "2024-07-29"], 45, team.tz);
    expect(await spellsUsable({ db: store.db, teamId: team.teamId, ...b })).toBe(false);
    const report = await computeKpis({ db: store.db, teamId: team.teamId, from: "2024-07-01", to: "2024-07-29" });
    const exact = await queryPeriodCounts({ db: store.db, teamId: team.teamId, path: "exact", ...b });
    expect([report.previous.activeAtStart, report.activeAtStart, report.activeAtEnd, report.retained]).toEqual([
      exact[0]!.activeAtStart,
      exact[1]!.activeAtStart,
      exact[1]!.activeAtEnd,
      exact[1]!.retained,
    ]);
  });

  it("a new team's first purchases create its spells with the workspace settings", async () => {
    const team = { teamId: newTeamId(), tz: "Europe/London", window: 14, customers: [] as bigint[] };
    await store.db.workspace.create({ data: { teamId: team.teamId, timeZone: team.tz, activityWindowDays: 14 } });
    await seed(team, 20, 120);
    expect(await compare(team, 14, 6)).toBe(6);
    // Hand-checked: one purchase at 2024-03-30 23:30 London (GMT) is day 03-30, so active at the starts of 03-31 .. 04-13.
    const c = team.customers[0]!;
    await store.db.purchase.deleteMany({ where: { customerId: c } });
    await store.db.customer.update({ where: { id: c }, data: { churnedAt: null } });
    await store.db.purchase.create({ data: { teamId: team.teamId, customerId: c, dedupKey: "hand", at: new Date("2024-03-30T23:30:00Z"), amount: "1.00" } });
    const spells = await store.db.$queryRawUnsafe<Array<{ s: string; e: string }>>(
      `select "startDay"::text as s, "endDay"::text as e from "KpiSpell" where "customerId" = $1`,
      c,
    );
    expect(spells).toEqual([{ s: "2024-03-31", e: "2024-04-14" }]);
  });
});
