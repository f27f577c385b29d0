import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodBefore } from "../../src/domain/digest/schedule.js";
import { translator } from "../../src/i18n/index.js";
import { gatherDigestData } from "../../src/services/digest/gather-digest-data.js";
import { composeDigest } from "../../src/views/digest/compose-digest.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";

const d = (iso: string) => new Date(iso);

describe.each(storeKinds())("loop-closure figures in the digest on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  // A weekly digest run on Monday Nov 23, 2026, 09:00 UTC: the period is Nov 16-22 (UTC).
  const period = periodBefore("weekly", "UTC", d("2026-11-23T09:00:00Z"));

  it("per team: voices of the period done or won't do over all, median days logged → done, share of done voices whose customer was told", async () => {
    const teamId = newTeamId();
    let n = 0;
    const voice = async (teams: string[], createdAt: string, status = "new", closedAt: string | null = null) =>
      store.db.insight.create({
        data: {
          teamId,
          sourceKey: `k${++n}`,
          customer: `Customer ${n}`,
          source: "call",
          sentiment: "negative",
          themes: [],
          quote: "words",
          teams,
          authorId: "U0AUTHOR",
          searchText: "x",
          status,
          createdAt: d(createdAt),
          closedAt: closedAt ? d(closedAt) : null,
        },
      });
    const a = await voice(["product"], "2026-11-16T00:00:00Z", "done", "2026-11-18T00:00:00Z"); // 2 days
    await voice(["product"], "2026-11-17T00:00:00Z", "done", "2026-11-21T00:00:00Z"); // 4 days
    await voice(["product"], "2026-11-18T00:00:00Z", "wont_do", "2026-11-19T00:00:00Z");
    await voice(["product"], "2026-11-19T12:00:00Z");
    // Done only after the period ended: still open as the digest reports it.
    await voice(["product"], "2026-11-20T00:00:00Z", "done", "2026-11-24T00:00:00Z");
    // Logged in the previous period: not counted.
    await voice(["product"], "2026-11-10T00:00:00Z", "done", "2026-11-17T00:00:00Z");
    await voice(["support"], "2026-11-21T00:00:00Z");
    const hidden = await voice(["support"], "2026-11-21T00:00:00Z", "done", "2026-11-21T10:00:00Z");
    await store.db.insight.update({ where: { id: hidden.id }, data: { hiddenAt: d("2026-11-22T00:00:00Z") } });
    await store.db.loopClosure.create({
      data: {
        teamId,
        resolutionKey: `insight:${a.id}:x`,
        recipientId: "U0AUTHOR",
        role: "author",
        insightIds: [a.id],
        status: "sent",
        toldAt: d("2026-11-19T00:00:00Z"),
        toldBy: "U0AUTHOR",
      },
    });

    const data = await gatherDigestData({ db: store.db, teamId, period, segment: null });
    expect(data.loop).toEqual([
      { team: "product", total: 5, closed: 3, done: 2, rate: 0.6, medianDaysToDone: 3, told: 1, toldRate: 0.5 },
      { team: "support", total: 1, closed: 0, done: 0, rate: 0, medianDaysToDone: null, told: 0, toldRate: null },
    ]);

    const en = JSON.stringify(composeDigest(data, translator("en"), { locale: "en" }).blocks);
    expect(en).toContain("*Closing the loop*");
    expect(en).toContain("*Product:* loop-closure rate 60% (3 of 5) · median 3 days to close · customer told 50%");
    expect(en).toContain("*Support:* loop-closure rate 0% (0 of 1) · median — to close · customer told —");
    const ja = JSON.stringify(composeDigest(data, translator("ja"), { locale: "ja" }).blocks);
    expect(ja).toContain("*プロダクト:* クローズ率 60%（5件中3件） ・ クローズまでの日数（中央値） 3日 ・ 顧客への報告済み 50%");
  });
});
