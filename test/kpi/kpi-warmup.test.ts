import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runKpiWarmup } from "../../src/jobs/kpi-warmup.js";
import { computeKpiTrend } from "../../src/services/kpi/compute-kpi-trend.js";
import { TREND_ASK_DAYS } from "../../src/services/kpi/trend-asks.js";
import { updateWorkspace } from "../../src/services/settings/update-workspace.js";
import { captureLog } from "../digest/helpers.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";

// The kpi-warmup job counts the default 12-period trend of workspaces whose KPI data changed, and every current trend
// asked for within 35 days, so the closed periods are kept before anyone asks; a workspace without changes or asks,
// or no longer installed, is not counted.

const NOW = new Date("2024-12-05T12:00:00Z"); // default trend: 12 × 4 weeks ending Monday 2024-12-02

describe.each(storeKinds())("kpi warm-up job on %s", (kind) => {
  let store: TestStore;
  const changed = newTeamId();
  const erased = newTeamId();
  const kept = (teamId: string) => store.db.kpiPeriodRollup.count({ where: { teamId, segment: "" } });

  async function seed(teamId: string) {
    await updateWorkspace({ db: store.db, teamId }, { timeZone: "Asia/Tokyo", activityWindowDays: 60 });
    await store.db.customer.createMany({ data: Array.from({ length: 8 }, (_, i) => ({ teamId, externalId: `c${i}`, segment: i % 2 ? null : "vip" })) });
    const ids = (await store.db.customer.findMany({ where: { teamId }, select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);
    await store.db.purchase.createMany({
      data: Array.from({ length: 80 }, (_, i) => ({
        teamId,
        customerId: ids[i % ids.length]!,
        dedupKey: `p${i}`,
        at: new Date(Date.UTC(2024, 0, 3) + i * 4 * 86_400_000 + (i % 7) * 3_600_000),
        amount: (10 + i).toFixed(2),
      })),
    });
  }

  beforeAll(async () => {
    store = await createTestStore(kind);
    await seed(changed);
    await seed(erased);
    await store.db.workspace.delete({ where: { teamId: erased } });
  });
  afterAll(() => store?.close());

  it("keeps the changed workspace's 12 closed periods, as counted from scratch; skips a workspace no longer installed", async () => {
    const log = captureLog();
    expect(await kept(changed)).toBe(0);
    const result = await runKpiWarmup({ db: store.db, log: log.log, now: NOW });
    expect(result.failed).toBe(0);
    expect(await kept(changed)).toBe(12);
    expect(await store.db.kpiPeriodRollup.count({ where: { teamId: erased } })).toBe(0);
    // The default trend now reads what the job kept, and it is what a count from scratch gives.
    const warm = await computeKpiTrend({ db: store.db, teamId: changed, now: NOW });
    await store.db.kpiPeriodRollup.deleteMany({ where: { teamId: changed } });
    expect(warm).toEqual(await computeKpiTrend({ db: store.db, teamId: changed, now: NOW }));
    expect(warm.at(-1)!.to).toBe("2024-12-02");
  });

  it("counts nothing for a workspace whose data did not change within the hour", async () => {
    const quiet = newTeamId();
    await updateWorkspace({ db: store.db, teamId: quiet }, { timeZone: "UTC" });
    await runKpiWarmup({ db: store.db, log: captureLog().log, now: NOW });
    expect(await store.db.kpiPeriodRollup.count({ where: { teamId: quiet } })).toBe(0);
  });

  it("keeps the current trends people asked for counted: the next week's periods are kept before anyone asks again", async () => {
    const team = newTeamId();
    await seed(team);
    const rows = (segment: string) => store.db.kpiPeriodRollup.count({ where: { teamId: team, segment } });
    const asks = async () =>
      (await store.db.kpiTrendAsk.findMany({ where: { teamId: team }, orderBy: [{ segment: "asc" }, { timeZone: "asc" }] })).map(
        (a) => `${a.segment}|${a.timeZone}|${a.periodDays}|${a.askedAt.toISOString()}`,
      );
    // `/kpi vip` from someone in New York, a weekly digest in UTC, and a past period's trend (not current: not asked for).
    await computeKpiTrend({ db: store.db, teamId: team, segment: "vip", timeZone: "America/New_York", now: NOW });
    await computeKpiTrend({ db: store.db, teamId: team, periodDays: 7, timeZone: "UTC", to: "2024-12-02", now: NOW });
    await computeKpiTrend({ db: store.db, teamId: team, to: "2024-06-03", now: NOW });
    expect(await asks()).toEqual([`|UTC|7|${NOW.toISOString()}`, `vip|America/New_York|28|${NOW.toISOString()}`]);
    // Asked again within the hour: not written again; two hours later: refreshed.
    await computeKpiTrend({ db: store.db, teamId: team, segment: "vip", timeZone: "America/New_York", now: new Date(NOW.getTime() + 1_800_000) });
    expect((await asks())[1]).toBe(`vip|America/New_York|28|${NOW.toISOString()}`);
    const twoHours = new Date(NOW.getTime() + 7_200_000);
    await computeKpiTrend({ db: store.db, teamId: team, segment: "vip", timeZone: "America/New_York", now: twoHours });
    expect((await asks())[1]).toBe(`vip|America/New_York|28|${twoHours.toISOString()}`);

    // A week later the 4-week periods have all moved (12 new ones) and the weekly trend has one new week.
    const vipBefore = await rows("vip");
    const allBefore = await rows("");
    const nextWeek = new Date(NOW.getTime() + 7 * 86_400_000);
    expect((await runKpiWarmup({ db: store.db, log: captureLog().log, now: nextWeek })).failed).toBe(0);
    expect(await rows("vip")).toBe(vipBefore + 12);
    expect(await rows("")).toBeGreaterThanOrEqual(allBefore + 1);
    // Asking now reads what the job kept (nothing new is stored) and it is what a count from scratch gives.
    const warm = await computeKpiTrend({ db: store.db, teamId: team, segment: "vip", timeZone: "America/New_York", now: nextWeek });
    const weekly = await computeKpiTrend({ db: store.db, teamId: team, periodDays: 7, timeZone: "UTC", now: nextWeek });
    expect(await rows("vip")).toBe(vipBefore + 12);
    expect(warm.at(-1)!.to).toBe("2024-12-09");
    await store.db.kpiPeriodRollup.deleteMany({ where: { teamId: team } });
    expect(warm).toEqual(await computeKpiTrend({ db: store.db, teamId: team, segment: "vip", timeZone: "America/New_York", now: nextWeek, remember: false }));
    expect(weekly).toEqual(await computeKpiTrend({ db: store.db, teamId: team, periodDays: 7, timeZone: "UTC", now: nextWeek, remember: false }));
  });

  it("four weeks later the trend shares 11 of its 12 periods: the job counts only the newest", async () => {
    const team = newTeamId();
    await seed(team);
    const vip = () => store.db.kpiPeriodRollup.count({ where: { teamId: team, segment: "vip" } });
    await computeKpiTrend({ db: store.db, teamId: team, segment: "vip", timeZone: "UTC", now: NOW });
    expect(await vip()).toBe(12);
    const fourWeeks = new Date(NOW.getTime() + 28 * 86_400_000);
    expect((await runKpiWarmup({ db: store.db, log: captureLog().log, now: fourWeeks })).failed).toBe(0);
    expect(await vip()).toBe(13);
  });

  it("does not count a trend last asked for more than 35 days ago, nor one of a workspace no longer installed", async () => {
    const team = newTeamId();
    await seed(team);
    const later = new Date(NOW.getTime() + 14 * 86_400_000);
    await store.db.kpiTrendAsk.createMany({
      data: [
        { teamId: team, segment: "vip", timeZone: "UTC", periodDays: 28, askedAt: new Date(later.getTime() - (TREND_ASK_DAYS + 1) * 86_400_000) },
        { teamId: erased, segment: "vip", timeZone: "UTC", periodDays: 28, askedAt: later },
      ],
    });
    await runKpiWarmup({ db: store.db, log: captureLog().log, now: later });
    expect(await store.db.kpiPeriodRollup.count({ where: { teamId: team, segment: "vip" } })).toBe(0);
    expect(await store.db.kpiPeriodRollup.count({ where: { teamId: erased } })).toBe(0);
  });
});
