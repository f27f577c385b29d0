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
    expect(await runHousekeeping({ db: store.db, now })).toEqual({ processedEventsDeleted: 1, workspacesErased: 0 });
    const left = await store.db.processedEvent.findMany({ where: { teamId }, orderBy: { eventId: "asc" } });
    expect(left.map((e) => e.eventId)).toEqual([`${teamId}-edge`, `${teamId}-new`]);
    expect(await runHousekeeping({ db: store.db, now })).toEqual({ processedEventsDeleted: 0, workspacesErased: 0 });
  });
});
