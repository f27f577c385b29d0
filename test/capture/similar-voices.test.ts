import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSimilarInsights } from "../../src/services/capture/find-similar-insights.js";
import { insightSearchText } from "../../src/services/capture/log-insight.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { seedPurchases } from "../prediction/seed.js";

/** The ranking of duplicates offered at capture (#16): closest words first, the same customer and shared themes count. */
describe.each(storeKinds())("similar voices offered at capture on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  /** Stores voices oldest first, one second apart, as the capture would. */
  async function voices(teamId: string, list: { customer: string; quote: string; themes: string[]; customerId?: bigint }[]) {
    const start = Date.parse("2026-11-01T09:00:00Z");
    await store.db.insight.createMany({
      data: list.map((v, i) => ({
        teamId,
        sourceKey: `test:${i}`,
        customer: v.customer,
        customerId: v.customerId ?? null,
        source: "call",
        sentiment: "negative",
        themes: v.themes,
        quote: v.quote,
        teams: ["product"],
        authorId: "U0AUTHOR",
        searchText: insightSearchText({ ...v, context: null }),
        createdAt: new Date(start + i * 1000),
      })),
    });
    const rows = await store.db.insight.findMany({ where: { teamId }, select: { id: true, quote: true } });
    return new Map(rows.map((r) => [r.quote, r.id]));
  }

  it("the closest words come first, then the same customer's voice; a shared theme alone or unrelated words are not offered", async () => {
    const teamId = newTeamId();
    await seedPurchases(store.db, teamId, [], [{ externalId: "C-1", name: "Initech" }]);
    const initech = (await store.db.customer.findFirstOrThrow({ where: { teamId } })).id;
    const ids = await voices(teamId, [
      { customer: "Globex", quote: "Exporting to CSV drops the accents in customer names", themes: ["export"] },
      { customer: "Initech", customerId: initech, quote: "The mobile app logs us out every day", themes: ["mobile"] },
      { customer: "Hooli", quote: "Invoices arrive in the wrong currency", themes: ["billing"] },
      { customer: "Umbrella", quote: "We would like a dark mode", themes: ["export"] },
      { customer: "Acme", quote: "CSV export loses accented letters", themes: ["export"] },
    ]);
    const found = await findSimilarInsights(
      { db: store.db, teamId },
      { customer: "Initech", customerId: String(initech), quote: "Exporting to CSV drops the accents in names", themes: ["export"] },
    );
    expect(found.map((f) => f.quote)).toEqual([
      "Exporting to CSV drops the accents in customer names",
      "The mobile app logs us out every day",
      "CSV export loses accented letters",
    ]);
    expect(found.map((f) => f.sameCustomer)).toEqual([false, true, false]);
    expect(found[0]!.id).toBe(ids.get("Exporting to CSV drops the accents in customer names"));
  });

  it("among hundreds of voices sharing the draft's words, the closest recent one ranks first", async () => {
    const teamId = newTeamId();
    const crowd = Array.from({ length: 400 }, (_, i) => ({
      customer: `Customer ${i}`,
      quote: `The CSV export of the report is slow, case ${i}`,
      themes: ["export"],
    }));
    await voices(teamId, [...crowd, { customer: "Stark", quote: "The CSV export of the invoice report times out", themes: ["export"] }]);
    const found = await findSimilarInsights({ db: store.db, teamId }, { customer: "Wayne", quote: "CSV export of the invoice report times out", themes: ["export"] });
    expect(found[0]!.quote).toBe("The CSV export of the invoice report times out");
    expect(found).toHaveLength(3);
    expect(found.slice(1).every((f) => f.quote.startsWith("The CSV export of the report is slow"))).toBe(true);
  });
  it("the same customer's voices are offered whatever their age: their closest words first, even under hundreds of newer similar voices", async () => {
    const teamId = newTeamId();
    await seedPurchases(store.db, teamId, [], [{ externalId: "C-1", name: "Initech" }]);
    const initech = (await store.db.customer.findFirstOrThrow({ where: { teamId } })).id;
    const own = (quote: string) => ({ customer: "Initech", customerId: initech, quote, themes: ["mobile"] });
    await voices(teamId, [
      own("The CSV export of the invoice report times out"),
      ...Array.from({ length: 25 }, (_, i) => own(`Mobile login fails on device ${i}`)),
      ...Array.from({ length: 400 }, (_, i) => ({ customer: `Customer ${i}`, quote: `The CSV export of the report is slow, case ${i}`, themes: ["export"] })),
    ]);
    const found = await findSimilarInsights(
      { db: store.db, teamId },
      { customer: "Initech", customerId: String(initech), quote: "CSV export of the invoice report times out", themes: ["export"] },
    );
    expect(found[0]).toMatchObject({ quote: "The CSV export of the invoice report times out", sameCustomer: true });
    expect(found).toHaveLength(3);
  });

  it("the same customer's closest voice takes the last place when other customers' voices say it better", async () => {
    const teamId = newTeamId();
    await seedPurchases(store.db, teamId, [], [{ externalId: "C-1", name: "Initech" }]);
    const initech = (await store.db.customer.findFirstOrThrow({ where: { teamId } })).id;
    await voices(teamId, [
      { customer: "Initech", customerId: initech, quote: "The mobile app logs us out every day", themes: ["mobile"] },
      ...Array.from({ length: 400 }, (_, i) => ({ customer: `Customer ${i}`, quote: `The CSV export of the invoice report is slow, case ${i}`, themes: ["export"] })),
    ]);
    const draft = { customer: "Initech", customerId: String(initech), quote: "CSV export of the invoice report is slow", themes: ["export"] };
    const found = await findSimilarInsights({ db: store.db, teamId }, draft);
    expect(found.map((f) => f.sameCustomer)).toEqual([false, false, true]);
    expect(found[2]!.quote).toBe("The mobile app logs us out every day");
    // Without the customer, nothing of theirs is offered: the slot is kept for the named customer only.
    const anonymous = await findSimilarInsights({ db: store.db, teamId }, { ...draft, customerId: null });
    expect(anonymous.every((f) => f.quote.startsWith("The CSV export of the invoice report is slow"))).toBe(true);
    expect(anonymous).toHaveLength(3);
  });
});
