import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { migrateEmbedded, projectRoot } from "../../src/db/migrate.js";
import { readMigrationFiles } from "../../src/db/migrations.js";
import { pgliteExtensions } from "../../src/db/pglite.js";
import { findCustomers } from "../../src/services/capture/find-customers.js";
import { ingestCustomers } from "../../src/services/ingest/ingest-customers.js";
import { eraseCustomer } from "../../src/services/privacy/erase-customer.js";
import { useTestBot } from "../helpers/bot.js";
import { mulberry32 } from "../helpers/seeded-random.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { blockSuggestion } from "../slack/payloads.js";

/**
 * The picker's word dictionary (#16, migration 20261204100000_customer_name_words): the distinct words of a
 * workspace's customer names, which typed words are corrected against. It must follow every write of a name at once,
 * and never keep a word no name holds any more: a deleted or renamed customer's name is not offered back.
 */

/** A name's words as the migration splits them (white space, ASCII and CJK punctuation), numbers left out. */
const wordsOf = (name: string | null) =>
  (name ?? "")
    .toLowerCase()
    .split(/[\s!-/:-@[-`{-~\u3000-\u303f\u30fb\uff01-\uff0f\uff1a-\uff20]+/u)
    .filter((w) => w !== "" && !/^[0-9]+$/.test(w));

/** The dictionary a workspace should hold for these names: each word with the number of names holding it. */
function expectedWords(names: Iterable<string | null>): [string, number][] {
  const counts = new Map<string, number>();
  for (const n of names) for (const w of wordsOf(n)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

type Query = (sql: string, ...params: unknown[]) => Promise<unknown[]>;
const dictionary = async (query: Query, teamId: string) =>
  ((await query(`select "word", "customers" from "CustomerNameWord" where "teamId" = $1 order by "word" collate "C"`, teamId)) as { word: string; customers: number }[]).map(
    (r) => [r.word, r.customers] as [string, number],
  );

describe.each(storeKinds())("customer name words on %s", (kind) => {
  const h = useTestBot(kind);
  const scope = (teamId: string) => ({ db: h.store.db, teamId });
  const query: Query = (sql, ...params) => h.store.db.$queryRawUnsafe(sql, ...params);
  const search = async (teamId: string, typed: string) => (await findCustomers(scope(teamId), { query: typed, limit: 20 })).map((c) => [c.externalId, c.match]);
  const importCustomers = async (teamId: string, records: { id: string; name?: string | null }[]) => {
    const r = await ingestCustomers({ db: h.store.db, teamId, records });
    expect(r.errors).toEqual([]);
  };

  it("a customer imported a moment ago is offered for a typo, through the picker's signed options request", async () => {
    const teamId = newTeamId();
    await importCustomers(teamId, [
      { id: "C-1", name: "Initech Holdings" },
      { id: "C-2", name: "Globex Corporation" },
    ]);
    expect(await dictionary(query, teamId)).toEqual([
      ["corporation", 1],
      ["globex", 1],
      ["holdings", 1],
      ["initech", 1],
    ]);
    await importCustomers(teamId, [{ id: "C-3", name: "Vandelay Industries" }]);
    expect(await search(teamId, "vandeley industries")).toEqual([["C-3", "similar"]]);
    const res = await h.t.interact(
      blockSuggestion({ teamId, userId: "U0WORDS" }, { actionId: "customer", blockId: "customer", value: "vandeley industries", callbackId: "insight_modal" }),
    );
    expect(res.status).toBe(200);
    const options = ((await res.json()) as { options: { text: { text: string } }[] }).options.map((o) => o.text.text);
    expect(options[0]).toBe("Vandelay Industries (C-3)");
  });

  it("a typed number picks that customer out of hundreds of the same name", async () => {
    const teamId = newTeamId();
    // The wanted one stored last, behind 300 names that differ only by their number.
    await importCustomers(teamId, [...Array.from({ length: 300 }, (_, i) => ({ id: `N-${i}`, name: `Acme Corp ${100 + i}` })), { id: "C-42", name: "Acme Corp 42" }]);
    expect((await search(teamId, "acme crp 42"))[0]).toEqual(["C-42", "similar"]);
    expect(await dictionary(query, teamId)).toEqual([
      ["acme", 301],
      ["corp", 301],
    ]);
  });

  it("a typed word the customer's name lacks (another name's word) still finds it by the other words", async () => {
    const teamId = newTeamId();
    await importCustomers(teamId, [
      { id: "C-1", name: "Initech Ltd" },
      { id: "C-2", name: "Acme Corp" },
      { id: "C-3", name: "Acme Foods" },
    ]);
    // Acme Foods and Initech Ltd share one typed word each: below the picker's similarity threshold.
    expect(await search(teamId, "acme crp ltd")).toEqual([["C-2", "similar"]]);
  });

  it("a renamed customer is found by its new name, and its old name's words are no longer kept or offered", async () => {
    const teamId = newTeamId();
    await importCustomers(teamId, [
      { id: "C-1", name: "Zorgon Logistics" },
      { id: "C-2", name: "Hooli Logistics" },
    ]);
    await importCustomers(teamId, [{ id: "C-1", name: "Pendant Publishing" }]);
    expect(await search(teamId, "pendent publishing")).toEqual([["C-1", "similar"]]);
    expect(await search(teamId, "zorgn logistics")).toEqual([["C-2", "similar"]]);
    expect(await dictionary(query, teamId)).toEqual([
      ["hooli", 1],
      ["logistics", 1],
      ["pendant", 1],
      ["publishing", 1],
    ]);
    // A name cleared: its words go too.
    await importCustomers(teamId, [{ id: "C-2", name: null }]);
    expect(await dictionary(query, teamId)).toEqual([
      ["pendant", 1],
      ["publishing", 1],
    ]);
  });

  it("erasing a customer removes the words only its name held; words other names hold stay, counted once less", async () => {
    const teamId = newTeamId();
    await importCustomers(teamId, [
      { id: "E-1", name: "Yamamoto Kobo Trading" },
      { id: "E-2", name: "Stark Trading" },
    ]);
    await eraseCustomer(scope(teamId), { externalId: "E-1" });
    expect(await dictionary(query, teamId)).toEqual([
      ["stark", 1],
      ["trading", 1],
    ]);
    expect(await search(teamId, "yamamto kobo")).toEqual([]);
    // Another workspace's words are its own: the same word there is untouched.
    const other = newTeamId();
    await importCustomers(other, [{ id: "X-1", name: "Yamamoto Kobo" }]);
    await eraseCustomer(scope(teamId), { externalId: "E-2" });
    expect(await dictionary(query, teamId)).toEqual([]);
    expect(await dictionary(query, other)).toEqual([
      ["kobo", 1],
      ["yamamoto", 1],
    ]);
  });

  it("after random imports, renames, cleared names and erasures the dictionary holds exactly the names' words", async () => {
    const teamId = newTeamId();
    const rnd = mulberry32(16);
    const vocabulary = ["acme", "Corp", "corp.", "山田商事", "さくら・ネット", "O'Brien", "&", "Sons", "ltd", "株式会社　さくら", "North-West", "42"];
    const pick = () => vocabulary[Math.floor(rnd() * vocabulary.length)]!;
    const names = new Map<string, string | null>();
    for (let round = 0; round < 12; round++) {
      const records = Array.from({ length: 8 }, () => {
        const id = `R-${Math.floor(rnd() * 20)}`;
        const name = rnd() < 0.15 ? null : Array.from({ length: 1 + Math.floor(rnd() * 3) }, pick).join(" ");
        return { id, name };
      });
      await importCustomers(teamId, records);
      for (const r of records) names.set(r.id, r.name);
      const erased = [...names.keys()][Math.floor(rnd() * names.size)]!;
      if (rnd() < 0.4) {
        await eraseCustomer(scope(teamId), { externalId: erased });
        names.delete(erased);
      }
    }
    expect(names.size).toBeGreaterThan(5);
    expect(await dictionary(query, teamId)).toEqual(expectedWords(names.values()));
  });
});

describe("the migration's backfill", () => {
  it("gives the customers stored before it their words (PGlite)", async () => {
    const files = readMigrationFiles(path.join(projectRoot(), "prisma", "migrations"));
    const at = files.findIndex((f) => f.name === "20261204100000_customer_name_words");
    expect(at).toBeGreaterThan(0);
    const db = await PGlite.create({ extensions: pgliteExtensions });
    try {
      await migrateEmbedded(db, files.slice(0, at));
      const names = ["Acme Corp", "acme  Foods 7", "株式会社　さくら", "O'Brien & Sons, Ltd.", null];
      await db.query(`insert into "Customer" ("teamId", "externalId", "name") select 'T0OLD', 'C-' || i, n from unnest($1::text[]) with ordinality x(n, i)`, [names]);
      await db.query(`insert into "Customer" ("teamId", "externalId", "name") values ('T0OTHER', 'C-1', 'Acme')`);
      await migrateEmbedded(db, files);
      const query: Query = async (sql, ...params) => (await db.query(sql, params)).rows;
      expect(await dictionary(query, "T0OLD")).toEqual(expectedWords(names));
      expect(await dictionary(query, "T0OTHER")).toEqual([["acme", 1]]);
      // The triggers are in place after it: a rename moves the words.
      await db.query(`update "Customer" set "name" = 'Acme Holdings' where "teamId" = 'T0OTHER'`);
      expect(await dictionary(query, "T0OTHER")).toEqual([
        ["acme", 1],
        ["holdings", 1],
      ]);
    } finally {
      await db.close();
    }
  });
});
