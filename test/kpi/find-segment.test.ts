import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSegment } from "../../src/services/kpi/find-segment.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";

// findSegment reads the workspace's segments one index probe at a time (a loose index scan): the same list, in the
// same order, as `select distinct ... order by 1 limit 200`, and only this workspace's.
describe.each(storeKinds())("findSegment on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(() => store?.close());

  it("lists the workspace's segments in order (at most 200) and matches a typed one exactly, else ignoring case", async () => {
    const teamId = newTeamId();
    const other = newTeamId();
    const names = [...Array.from({ length: 230 }, (_, i) => `seg-${String(i).padStart(3, "0")}`), "Pro", "pro", "ベーシック", "a b"];
    await store.db.customer.createMany({
      data: [
        ...names.flatMap((segment, i) => [0, 1].map((k) => ({ teamId, externalId: `c${i}-${k}`, segment }))),
        { teamId, externalId: "none" },
        { teamId: other, externalId: "x", segment: "aaa-other" },
      ],
    });
    const reference = await store.db.$queryRawUnsafe<Array<{ segment: string }>>(
      `select distinct "segment" from "KpiCustomer" where "teamId" = $1 and "segment" is not null order by 1 limit 200`,
      teamId,
    );
    const { known, segment } = await findSegment({ db: store.db, teamId, name: "PRO" });
    expect(known).toEqual(reference.map((r) => r.segment));
    expect(known).toHaveLength(200);
    expect(known).not.toContain("aaa-other");
    expect(segment === "Pro" || segment === "pro").toBe(true);
    expect((await findSegment({ db: store.db, teamId, name: "pro" })).segment).toBe("pro");
    expect(await findSegment({ db: store.db, teamId: newTeamId(), name: "pro" })).toEqual({ segment: null, known: [] });
  });
});
