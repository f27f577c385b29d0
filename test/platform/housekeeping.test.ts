import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHousekeeping } from "../../src/jobs/housekeeping.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";

describe.each(storeKinds())("housekeeping on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("forgets Slack event ids older than two days and keeps the recent ones", async () => {
    const teamId = newTeamId();
    const now = new Date("2026-11-20T04:17:00Z");
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    await store.db.processedEvent.createMany({
      data: [
        { eventId: `${teamId}-old`, teamId, receivedAt: hoursAgo(49) },
        { eventId: `${teamId}-edge`, teamId, receivedAt: hoursAgo(47.9) },
        { eventId: `${teamId}-new`, teamId, receivedAt: hoursAgo(1) },
      ],
    });
    expect(await runHousekeeping({ db: store.db, now })).toMatchObject({ processedEventsDeleted: 1, workspacesErased: 0 });
    const left = await store.db.processedEvent.findMany({ where: { teamId }, orderBy: { eventId: "asc" } });
    expect(left.map((e) => e.eventId)).toEqual([`${teamId}-edge`, `${teamId}-new`]);
    expect(await runHousekeeping({ db: store.db, now })).toMatchObject({ processedEventsDeleted: 0, workspacesErased: 0 });
  });

  it("forgets KPI trends last asked for more than 35 days ago and period rollups ending more than 400 days ago", async () => {
    const teamId = newTeamId();
    const now = new Date("2026-11-20T04:17:00Z");
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    await store.db.kpiTrendAsk.createMany({
      data: [
        { teamId, segment: "", timeZone: "UTC", periodDays: 28, askedAt: daysAgo(36) },
        { teamId, segment: "vip", timeZone: "UTC", periodDays: 28, askedAt: daysAgo(34) },
      ],
    });
    // Periods of 28 days; 400 days before now is 2025-10-16. How old the row is does not matter.
    const rollup = (periodTo: string) => ({
      teamId,
      segment: "",
      periodFrom: new Date(new Date(periodTo).getTime() - 28 * 86_400_000),
      periodTo: new Date(periodTo),
      windowFrom: new Date("2025-06-01T00:00:00Z"),
      windowTo: new Date("2025-07-01T00:00:00Z"),
      counts: {},
      createdAt: daysAgo(300),
    });
    await store.db.kpiPeriodRollup.createMany({ data: [rollup("2025-10-15T00:00:00Z"), rollup("2025-10-17T00:00:00Z")] });
    const result = await runHousekeeping({ db: store.db, now });
    expect(result).toMatchObject({ trendAsksForgotten: 1, rollupsForgotten: 1 });
    expect((await store.db.kpiTrendAsk.findMany({ where: { teamId } })).map((a) => a.segment)).toEqual(["vip"]);
    expect((await store.db.kpiPeriodRollup.findMany({ where: { teamId } })).map((r) => r.periodTo.toISOString())).toEqual(["2025-10-17T00:00:00.000Z"]);
  });
});
