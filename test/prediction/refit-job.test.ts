import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWeeklyRefit } from "../../src/jobs/refit-models.js";
import { createLogger } from "../../src/log.js";
import { getLatestFit } from "../../src/services/prediction/index.js";
import { updateWorkspace } from "../../src/services/settings/update-workspace.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { day, seedPurchases, simulatedPurchases } from "./seed.js";

describe.each(storeKinds())("weekly refit job on %s", (kind) => {
  let store: TestStore;
  const lines: Record<string, unknown>[] = [];
  const log = createLogger(
    "info",
    new Writable({
      write: (c, _e, cb) => (
        lines.push(
          ...String(c)
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l)),
        ),
        cb()
      ),
    }),
  );
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("fits every workspace with purchases as of its previous local day, keeps the previous fit when one fails, and does not redo a day", async () => {
    const utcTeam = newTeamId();
    const tokyoTeam = newTeamId();
    const tinyTeam = newTeamId();
    await seedPurchases(store.db, utcTeam, simulatedPurchases({ customers: 200, seed: 3, asOf: "2024-06-30" }));
    await seedPurchases(store.db, tokyoTeam, simulatedPurchases({ customers: 200, seed: 4, asOf: "2024-06-30" }));
    await updateWorkspace({ db: store.db, teamId: tokyoTeam }, { timeZone: "Asia/Tokyo" });
    await seedPurchases(store.db, tinyTeam, [{ customer: "x", at: day("2024-05-01"), amount: 5 }]);
    // The tiny workspace had a good fit before: it must stay in use.
    const previous = await store.db.modelFit.create({
      data: {
        teamId: tinyTeam,
        asOf: new Date("2024-06-23T00:00:00Z"),
        unitDays: 7,
        customers: 50,
        repeatCustomers: 20,
        r: 1,
        alpha: 2,
        a: 0.5,
        b: 2,
        logLikelihood: -100,
        p: 5,
        q: 3,
        gamma: 10,
        converged: true,
      },
    });

    // Sunday 2024-06-30 20:00 UTC is already Monday 2024-07-01 05:00 in Tokyo: the previous local day is
    // 2024-06-29 in UTC and 2024-06-30 in Tokyo.
    const now = new Date("2024-06-30T20:00:00Z");
    const results = await runWeeklyRefit({ db: store.db, now, log });
    const mine = results.filter((r) => [utcTeam, tokyoTeam, tinyTeam].includes(r.teamId));
    expect(mine.map(({ teamId, asOf, status }) => ({ teamId, asOf, status })).sort((u, v) => u.teamId.localeCompare(v.teamId))).toEqual(
      [
        { teamId: utcTeam, asOf: "2024-06-29", status: "converged" },
        { teamId: tokyoTeam, asOf: "2024-06-30", status: "converged" },
        { teamId: tinyTeam, asOf: "2024-06-29", status: "not_enough_data" },
      ].sort((u, v) => u.teamId.localeCompare(v.teamId)),
    );
    const tokyoFit = await getLatestFit({ db: store.db, teamId: tokyoTeam });
    expect(tokyoFit).toMatchObject({ asOf: "2024-06-30", timeZone: "Asia/Tokyo", converged: true });
    expect((await getLatestFit({ db: store.db, teamId: tinyTeam }))?.id).toBe(previous.id);
    expect(lines.some((l) => l.msg === "prediction fit failed; previous fit kept" && l.teamId === tinyTeam)).toBe(true);

    // Run again (a restart, a second replica): converged days are not refitted; the failed one is retried.
    const again = await runWeeklyRefit({ db: store.db, now, log });
    const byTeam = new Map(again.map((r) => [r.teamId, r.status]));
    expect([byTeam.get(utcTeam), byTeam.get(tokyoTeam), byTeam.get(tinyTeam)]).toEqual(["skipped", "skipped", "not_enough_data"]);
    expect(await store.db.modelFit.count({ where: { teamId: utcTeam } })).toBe(1);
  });
});
