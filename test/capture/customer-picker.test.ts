import { describe, expect, it } from "vitest";
import { findCustomers } from "../../src/services/capture/find-customers.js";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { blockSuggestion } from "../slack/payloads.js";
import { seedPurchases, type SeedCustomer } from "../prediction/seed.js";

/** The ranking the customer picker promises (#16): exact id, exact name, prefixes, then similar names. */
describe.each(storeKinds())("customer picker ranking on %s", (kind) => {
  const h = useTestBot(kind);

  /** A workspace holding `customers`, stored in the given order (the order the trigram index yields them). */
  async function workspace(customers: SeedCustomer[]) {
    const teamId = newTeamId();
    await seedPurchases(h.store.db, teamId, [], customers);
    return { teamId, userId: "U0PICKER" };
  }
  const search = async (teamId: string, query: string, limit = 20) => (await findCustomers({ db: h.store.db, teamId }, { query, limit })).map((c) => [c.externalId, c.match]);
  /** The picker's answer to a signed options request, as Slack receives it. */
  const options = async (w: { teamId: string; userId: string }, value: string) => {
    const res = await h.t.interact(blockSuggestion(w, { actionId: "customer", blockId: "customer", value, callbackId: "insight_modal" }));
    expect(res.status).toBe(200);
    return ((await res.json()) as { options: { text: { text: string }; value: string }[] }).options.map((o) => o.text.text);
  };

  it("an exact external id comes first, then ids and names starting with it; a near-miss id is not offered", async () => {
    const w = await workspace([
      { externalId: "C-700", name: "Northwind" },
      { externalId: "X-1", name: "C-7 Partners" },
      { externalId: "C-70", name: "Contoso" },
      { externalId: "C-7", name: "Zeta Foods" },
      { externalId: "C-8", name: "Fabrikam" },
    ]);
    expect(await search(w.teamId, "c-7")).toEqual([
      ["C-7", "externalId"],
      ["X-1", "prefix"],
      ["C-70", "prefix"],
      ["C-700", "prefix"],
    ]);
    expect(await options(w, "C-7")).toEqual(["Zeta Foods (C-7)", "C-7 Partners (X-1)", "Contoso (C-70)", "Northwind (C-700)"]);
  });

  it("the exact name comes before longer names starting with it, and those before names merely containing it", async () => {
    const w = await workspace([
      { externalId: "C-1", name: "Big Acme" },
      { externalId: "C-2", name: "Acmeworks" },
      { externalId: "C-3", name: "Acme Corp" },
      { externalId: "C-4", name: "ACME" },
      { externalId: "C-5", name: "Initech" },
    ]);
    expect(await search(w.teamId, "  Acme ")).toEqual([
      ["C-4", "name"],
      ["C-3", "prefix"],
      ["C-2", "prefix"],
      ["C-1", "similar"],
    ]);
    expect(await search(w.teamId, "acme", 2)).toEqual([
      ["C-4", "name"],
      ["C-3", "prefix"],
    ]);
  });

  it("a typo finds the customer, even behind hundreds of loosely similar names found first", async () => {
    const crowd = Array.from({ length: 300 }, (_, i) => ({ externalId: `N-${i}`, name: `Acme Foods ${i}` }));
    const w = await workspace([...crowd, { externalId: "C-1", name: "Acme Corp" }, { externalId: "C-2", name: "Globex Corporation" }]);
    expect((await search(w.teamId, "acme crp"))[0]).toEqual(["C-1", "similar"]);
    expect(await search(w.teamId, "globx corporation")).toEqual([["C-2", "similar"]]);
    expect((await options(w, "acme crp"))[0]).toBe("Acme Corp (C-1)");
  });

  it("Japanese names are found by their start, by a word inside them and with a typo", async () => {
    const w = await workspace([
      { externalId: "J-1", name: "山田商事" },
      { externalId: "J-2", name: "株式会社さくら" },
      { externalId: "J-3", name: "山田運輸" },
      { externalId: "J-4", name: "田中製作所" },
    ]);
    expect(await search(w.teamId, "山田")).toEqual([
      ["J-1", "prefix"],
      ["J-3", "prefix"],
    ]);
    expect(await search(w.teamId, "さくら")).toEqual([["J-2", "similar"]]);
    expect((await search(w.teamId, "山田商時"))[0]).toEqual(["J-1", "similar"]);
    expect(await options(w, "さくら")).toEqual(["株式会社さくら (J-2)", "Use “さくら” as written"]);
  });

  it("one character lists the names and ids starting with it, nothing merely containing it; wildcards are literal", async () => {
    const w = await workspace([
      { externalId: "C-1", name: "Big Acme" },
      { externalId: "C-2", name: "apex" },
      { externalId: "C-3", name: "Acme" },
      { externalId: "A-9", name: "Initech" },
      { externalId: "C-4", name: "100% Juice" },
    ]);
    expect(await search(w.teamId, "a")).toEqual([
      ["C-3", "prefix"],
      ["C-2", "prefix"],
      ["A-9", "prefix"],
    ]);
    expect(await options(w, "A")).toEqual(["Acme (C-3)", "apex (C-2)", "Initech (A-9)", "Use “A” as written"]);
    expect(await search(w.teamId, "%")).toEqual([]);
    expect(await search(w.teamId, "100%")).toEqual([["C-4", "prefix"]]);
    expect(await search(w.teamId, "_")).toEqual([]);
  });
});
