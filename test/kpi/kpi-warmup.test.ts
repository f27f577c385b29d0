import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runKpiWarmup } from "../../src/jobs/kpi-warmup.js";
import { computeKpiTrend } from "../../src/services/kpi/compute-kpi-trend.js";
import { updateWorkspace } from "../../src/services/settings/update-workspace.js";
import { captureLog } from "../digest/helpers.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";

// The kpi-warmup job counts the default 12-period trend of workspaces whose KPI data changed, so the closed periods
// are kept before anyone asks; a workspace without changes, or no longer installed, is not counted.

const NOW = new Date("2024-12-05T12:00:00Z"); // default trend: 12 × 4 weeks ending Monday 2024-12-02

describe.each(storeKinds())("kpi warm-up job on %s", (kind) => {
  let store: TestStore;
  const changed = newTeamId();
  const erased = newTeamId();
  const kept = (teamId: string) => store.db.kpiPeriodRollup.count({ where: { teamId, segment: "" } });

  async function seed(teamId: string) {
    await updateWorkspace({ db: store.db, teamId }, { timeZone: "Asia/Tokyo", activityWindowDays: 60 });
    await store.db.customer.createMany({ data: Array.from({ length: 8 }, (_, i) => ({ teamId, externalId: `c${i}` })) });
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
});
