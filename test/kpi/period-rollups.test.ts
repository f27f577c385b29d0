import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { computeKpiTrend } from "../../src/services/kpi/compute-kpi-trend.js";
import { queryPeriodCounts } from "../../src/services/kpi/kpi-counts.js";
import { readPeriodRollups } from "../../src/services/kpi/period-rollups.js";
import { noCounts } from "../../src/domain/kpi/report.js";
import { boundariesOf } from "../../src/services/kpi/resolve-period.js";
import { updateWorkspace } from "../../src/services/settings/update-workspace.js";
import { addDays } from "../../src/domain/time/calendar.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { mulberry32 } from "../helpers/seeded-random.js";

// Closed periods' counts are kept (KpiPeriodRollup) and dropped by the database's triggers when a change reaches them.
// Each case: a 12 × 4-week trend computed (rollups stored), a change, then the trend read through the rollups equals
// the trend computed with the rollup table emptied, for every customer and for one segment; and the rows a change
// could not reach are still there (the invalidation is exact, not "drop everything").

const NOW = new Date("2024-12-05T12:00:00Z"); // the trend ends Monday 2024-12-02, its 12 periods start 2024-01-08
const TO = "2024-12-02";
const START = new Date("2024-01-08T00:00:00Z");
const SPAN = new Date("2024-12-02T00:00:00Z").getTime() - START.getTime();

describe.each(storeKinds())("KPI period rollups on %s", (kind) => {
  let store: TestStore;
  const rnd = mulberry32(20261204);
  const teamId = newTeamId();
  let customers: bigint[] = [];
  let n = 0;
  /** An instant in the trend's range (or `days` days of it from its start), at a random time of day. */
  const instant = (from = 0, days = SPAN / 86_400_000) => new Date(START.getTime() + from * 86_400_000 + Math.floor(rnd() * days * 86_400_000));
  const someCustomer = () => customers[Math.floor(rnd() * customers.length)]!;

  const trend = (segment?: string) => computeKpiTrend({ db: store.db, teamId, now: NOW, segment, timeZone: "UTC" });
  const rollups = async (segment = "") =>
    (await store.db.kpiPeriodRollup.findMany({ where: { teamId, segment }, select: { periodTo: true }, orderBy: { periodTo: "asc" } })).map((r) =>
      r.periodTo.toISOString().slice(0, 10),
    );
  const clear = () => store.db.kpiPeriodRollup.deleteMany({ where: { teamId } });
  /** The 12 period ends, as days. */
  const ends = Array.from({ length: 12 }, (_, k) => addDays(TO, -28 * (11 - k)));

  /** Kept for both keys; after `change`, what is still kept ends at or before `keptUpTo`; the kept trend is exact. */
  async function expectExactAfter(change: () => Promise<unknown>, keptUpTo: Date | null) {
    for (const segment of [undefined, "a"]) await trend(segment);
    expect(await rollups()).toEqual(ends);
    expect(await rollups("a")).toEqual(ends);
    await change();
    const stillKept = ends.filter((d) => keptUpTo !== null && new Date(`${d}T00:00:00Z`) <= keptUpTo);
    expect(await rollups()).toEqual(stillKept);
    expect(await rollups("a")).toEqual(stillKept);
    for (const segment of [undefined, "a"]) {
      const kept = await trend(segment);
      expect(await rollups(segment)).toEqual(ends);
      await clear();
      expect(kept, `segment ${segment}`).toEqual(await trend(segment));
    }
  }

  async function addPurchases(list: Array<{ customerId: bigint; at: Date }>) {
    await store.db.purchase.createMany({
      data: list.map((p) => ({ teamId, customerId: p.customerId, dedupKey: `p${n++}`, at: p.at, amount: (1 + Math.floor(rnd() * 50_000) / 100).toFixed(2) })),
    });
  }

  beforeAll(async () => {
    store = await createTestStore(kind);
    await updateWorkspace({ db: store.db, teamId }, { timeZone: "UTC", activityWindowDays: 45 });
    await store.db.customer.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        teamId,
        externalId: `c${i}`,
        segment: ["a", "b", null][i % 3]!,
        signedUpAt: rnd() < 0.3 ? instant(-60) : null,
        churnedAt: rnd() < 0.2 ? instant(0) : null,
      })),
    });
    customers = (await store.db.customer.findMany({ where: { teamId }, select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);
    await addPurchases(Array.from({ length: 700 }, () => ({ customerId: someCustomer(), at: instant(-90, SPAN / 86_400_000 + 120) })));
    await store.db.surveyResponse.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        teamId,
        customerId: i % 10 === 0 ? null : someCustomer(),
        dedupKey: `s${i}`,
        kind: i % 2 ? "nps" : "csat",
        score: i % 2 ? Math.floor(rnd() * 11) : 1 + Math.floor(rnd() * 5),
        at: instant(),
      })),
    });
  });
  afterAll(async () => {
    await store?.close();
  });
  beforeEach(clear);

  it("a kept period is read back instead of counted again, and the data makes the comparisons meaningful", async () => {
    const first = await trend();
    expect(first).toHaveLength(12);
    expect(first.every((p) => p.activeAtEnd > 0 && p.purchases > 0)).toBe(true);
    expect(first.every((p) => p.nps !== null && p.csat !== null)).toBe(true);
    expect(await rollups()).toEqual(ends);
    // Tamper with one kept row: the next trend shows it, so it was read, not counted.
    await store.db.$executeRawUnsafe(
      `update "KpiPeriodRollup" set "counts" = jsonb_set("counts", '{purchases}', '-7') where "teamId" = $1 and "segment" = '' and "periodTo" = $2::timestamptz`,
      teamId,
      `${ends[4]}T00:00:00Z`,
    );
    expect((await trend())[4]!.purchases).toBe(-7);
    await clear();
    expect(await trend()).toEqual(first);
  });

  it("a backdated purchase drops the periods ending after it, and only those", async () => {
    const at = new Date(`${ends[5]}T00:00:00Z`); // the first instant of period 6 (index 6)
    await expectExactAfter(
      () =>
        addPurchases([
          { customerId: someCustomer(), at },
          { customerId: someCustomer(), at: new Date(at.getTime() + 86_400_000) },
        ]),
      at,
    );
  });

  it("purchases in the current week (after the trend's end) keep every period", async () => {
    await expectExactAfter(
      () => addPurchases(Array.from({ length: 30 }, () => ({ customerId: someCustomer(), at: new Date("2024-12-03T10:00:00Z") }))),
      new Date("2024-12-03T00:00:00Z"),
    );
  });

  it("deleted purchases and purchases moved to another day or customer", async () => {
    const ps = await store.db.purchase.findMany({
      where: { teamId, at: { gte: new Date(`${ends[3]}T00:00:00Z`) } },
      select: { id: true, at: true },
      orderBy: { id: "asc" },
      take: 20,
    });
    const earliest = new Date(Math.min(...ps.slice(0, 5).map((p) => p.at.getTime()), new Date(`${ends[8]}T00:00:00Z`).getTime()));
    await expectExactAfter(async () => {
      await store.db.purchase.deleteMany({ where: { id: { in: ps.slice(0, 3).map((p) => p.id) } } });
      await store.db.purchase.update({ where: { id: ps[3]!.id }, data: { at: new Date(`${ends[8]}T12:00:00Z`) } });
      await store.db.purchase.update({ where: { id: ps[4]!.id }, data: { customerId: someCustomer() } });
    }, earliest);
  });

  it("a churn time set or moved, and a sign-up time set", async () => {
    const churn = new Date(`${ends[7]}T05:00:00Z`);
    const signUp = new Date(`${ends[9]}T05:00:00Z`);
    const customer = (await store.db.customer.findFirst({ where: { teamId, churnedAt: null, signedUpAt: null, segment: "a" }, select: { id: true } }))!;
    const first = (await store.db.purchase.findFirst({ where: { customerId: customer.id }, orderBy: { at: "asc" }, select: { at: true } }))?.at;
    await expectExactAfter(() => store.db.customer.update({ where: { id: customer.id }, data: { churnedAt: churn } }), churn);
    await expectExactAfter(() => store.db.customer.update({ where: { id: customer.id }, data: { churnedAt: new Date(`${ends[2]}T05:00:00Z`) } }), new Date(`${ends[2]}T05:00:00Z`));
    // A sign-up time also moves acquisition from the first purchase: periods from the earlier of the two.
    const from = first && first < signUp ? first : signUp;
    await expectExactAfter(() => store.db.customer.update({ where: { id: customer.id }, data: { signedUpAt: signUp } }), from);
  });

  it("a customer moved to another segment drops every period of the workspace", async () => {
    const customer = (await store.db.customer.findFirst({ where: { teamId, segment: "b" }, select: { id: true } }))!;
    await expectExactAfter(() => store.db.customer.update({ where: { id: customer.id }, data: { segment: "a" } }), null);
  });

  it("a survey response, added and removed, drops its period and the later ones", async () => {
    const at = new Date(`${ends[9]}T08:00:00Z`);
    await expectExactAfter(() => store.db.surveyResponse.create({ data: { teamId, customerId: someCustomer(), dedupKey: `late${n++}`, kind: "nps", score: 2, at } }), at);
    await expectExactAfter(() => store.db.surveyResponse.deleteMany({ where: { teamId, dedupKey: { startsWith: "late" } } }), at);
  });

  it("a customer erased with its purchases and responses", async () => {
    const customer = customers.pop()!;
    const c = (await store.db.customer.findUnique({ where: { id: customer }, select: { signedUpAt: true, churnedAt: true } }))!;
    const times = [
      c.signedUpAt,
      c.churnedAt,
      ...(await store.db.purchase.findMany({ where: { customerId: customer }, select: { at: true } })).map((p) => p.at),
      ...(await store.db.surveyResponse.findMany({ where: { customerId: customer }, select: { at: true } })).map((r) => r.at),
    ].flatMap((d) => (d ? [d.getTime()] : []));
    expect(times.length).toBeGreaterThan(0);
    await expectExactAfter(() => store.db.customer.delete({ where: { id: customer } }), new Date(Math.min(...times)));
  });

  it("random changes of every kind, then the kept trend equals the counted one", async () => {
    for (let round = 0; round < 3; round++) {
      for (const segment of [undefined, "a", "b"]) await trend(segment);
      await addPurchases(Array.from({ length: 10 }, () => ({ customerId: someCustomer(), at: instant() })));
      const ids = (await store.db.purchase.findMany({ where: { teamId }, select: { id: true } })).map((p) => p.id);
      await store.db.purchase.deleteMany({ where: { id: { in: [ids[Math.floor(rnd() * ids.length)]!, ids[Math.floor(rnd() * ids.length)]!] } } });
      await store.db.purchase.updateMany({ where: { id: ids[Math.floor(rnd() * ids.length)]! }, data: { at: instant() } });
      await store.db.customer.update({ where: { id: someCustomer() }, data: { churnedAt: rnd() < 0.3 ? null : instant() } });
      await store.db.surveyResponse.create({ data: { teamId, customerId: someCustomer(), dedupKey: `r${n++}`, kind: "csat", score: 5, at: instant() } });
      for (const segment of [undefined, "a", "b"]) {
        const kept = await trend(segment);
        await clear();
        expect(kept, `round ${round} segment ${segment}`).toEqual(await trend(segment));
      }
    }
  });

  it("a purchase committed between the counting and the keeping leaves no stale period", async () => {
    const b = boundariesOf(ends.map((d) => addDays(d, -28)).concat(TO), 45, "UTC");
    const at = new Date(`${ends[6]}T09:00:00Z`);
    const raced = await queryPeriodCounts({
      db: store.db,
      teamId,
      ...b,
      afterRead: () => addPurchases([{ customerId: someCustomer(), at }]),
    });
    // Kept: the periods ending before the purchase, whose counts it cannot change.
    expect(await rollups()).toEqual(ends.filter((d) => new Date(`${d}T00:00:00Z`) <= at));
    const kept = await queryPeriodCounts({ db: store.db, teamId, ...b });
    await clear();
    const counted = await queryPeriodCounts({ db: store.db, teamId, ...b });
    expect(kept).toEqual(counted);
    expect(raced.slice(0, 7)).toEqual(counted.slice(0, 7));
    expect(raced[7]!.purchases + 1).toBe(counted[7]!.purchases);
  });

  it("a period not yet over is never kept", async () => {
    const b = boundariesOf(["2024-11-04", "2024-12-02", addDays(new Date().toISOString().slice(0, 10), 2)], 45, "UTC");
    await queryPeriodCounts({ db: store.db, teamId, ...b });
    expect(await rollups()).toEqual(["2024-12-02"]);
  });

  it("the store keeps nothing inside a REPEATABLE READ transaction (its snapshot would be older than the lock)", async () => {
    const period = {
      from: new Date("2024-01-08T00:00:00Z"),
      to: new Date("2024-02-05T00:00:00Z"),
      windowFrom: new Date("2023-11-24T00:00:00Z"),
      windowTo: new Date("2023-12-22T00:00:00Z"),
    };
    const read = await readPeriodRollups({ db: store.db, teamId, segmentKey: "", periods: [period] });
    const storeIn = (isolation: string) =>
      store.db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`set transaction isolation level ${isolation}`);
        const [row] = await tx.$queryRawUnsafe<Array<{ n: number }>>(
          `select kpi_rollup_store($1, '', $2, $3::timestamptz, $4::jsonb)::int as n`,
          teamId,
          read.snapshot,
          read.started.toISOString(),
          JSON.stringify([{ ...period, counts: noCounts(1)[0] }]),
        );
        return row!.n;
      });
    expect(await storeIn("repeatable read")).toBe(0);
    expect(await rollups()).toEqual([]);
    expect(await storeIn("read committed")).toBe(1);
    expect(await rollups()).toEqual(["2024-02-05"]);
  });

  // Two connections: the PostgreSQL server only (PGlite has one).
  if (kind === "postgres")
    it("a writer between its change and its commit on another connection: nothing is kept until it commits", async () => {
      const other = new pg.Client({ connectionString: store.url });
      await other.connect();
      try {
        await other.query("begin");
        await other.query(`insert into "Purchase" ("teamId", "customerId", "dedupKey", "at", "amount") values ($1, $2, 'uncommitted', $3, 12.5)`, [
          teamId,
          someCustomer().toString(),
          new Date(`${ends[1]}T09:00:00Z`),
        ]);
        const during = await trend();
        expect(await rollups()).toEqual([]);
        await other.query("commit");
        const after = await trend();
        expect(after[2]!.purchases).toBe(during[2]!.purchases + 1);
        expect(await rollups()).toEqual(ends);
        await clear();
        expect(await trend()).toEqual(after);
      } finally {
        await other.end();
      }
    });
});
