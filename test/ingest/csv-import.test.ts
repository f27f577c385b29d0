import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CsvLayoutError } from "../../src/ingest/csv-columns.js";
import { dropLeftoverWorkTables } from "../../src/services/ingest/import-work-table.js";
import { importCsvFile } from "../../src/ingest/import-csv.js";
import { CDNOW_SAMPLE } from "../helpers/fixtures.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { wrongKpiColumns } from "../kpi/fixtures.js";
import { csvFolder } from "./files.js";

const CDNOW = CDNOW_SAMPLE;

describe.each(storeKinds())("CSV import on %s", (kind) => {
  let store: TestStore;
  const files = csvFolder();
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
    files.remove();
  });

  const purchasesOf = (teamId: string) => store.db.purchase.findMany({ where: { teamId }, include: { customer: true }, orderBy: [{ at: "asc" }, { amount: "asc" }] });
  const brief = (rows: Awaited<ReturnType<typeof purchasesOf>>) =>
    rows.map((p) => `${p.customer.externalId} ${p.at.toISOString()} ${p.amount.toFixed(2)} ${p.currency ?? "-"} ${p.externalId ?? "-"}`);

  it("imports the good rows, reports each bad row with its line and reason, creates unknown customers", async () => {
    const teamId = newTeamId();
    const file = files.write([
      "purchase_id,customer_id,purchased_at,amount,currency",
      "P1,C1,2024-03-01,19.90,usd", // 2
      "P2,C1,2024-03-05T10:30:00+09:00,5,", // 3
      "P3,C2,2024-02-30,10.00,USD", // 4: no such day
      "P4,,2024-03-02,10.00,USD", // 5: no customer
      "P5,C2,2024-03-02,-3,USD", // 6: negative
      "P6,C2,2024-03-02,1.999,USD", // 7: three decimals
      "P7,C3,20240310,7.5,EUR", // 8
      "P8,C3,2024-03-11", // 9: too few columns
    ]);
    const s = await importCsvFile({ store, teamId, kind: "purchases", file });
    expect(s).toMatchObject({ rows: 8, accepted: 3, duplicates: 0, customersCreated: 2, applied: true, interrupted: false });
    expect(s.badRows).toEqual([
      { line: 4, message: "purchased_at: must be a date in ISO 8601 (2024-03-01, 2024-03-01T10:00:00Z) or YYYYMMDD" },
      { line: 5, message: "customer_id: is required" },
      { line: 6, message: "amount: must be a number of 0 or more with at most 2 decimals, below 1,000,000,000,000" },
      { line: 7, message: "amount: must be a number of 0 or more with at most 2 decimals, below 1,000,000,000,000" },
      { line: 9, message: "expected 5 columns, found 3" },
    ]);
    expect(brief(await purchasesOf(teamId))).toEqual([
      "C1 2024-03-01T00:00:00.000Z 19.90 USD P1",
      "C1 2024-03-05T01:30:00.000Z 5.00 - P2",
      "C3 2024-03-10T00:00:00.000Z 7.50 EUR P7",
    ]);
    // C2 only appeared on bad rows: not created.
    expect((await store.db.customer.findMany({ where: { teamId }, orderBy: { externalId: "asc" } })).map((c) => c.externalId)).toEqual(["C1", "C3"]);
  });

  it("--strict applies nothing when a row is bad, and everything when all are good", async () => {
    const teamId = newTeamId();
    const bad = files.write(["customer_id,purchased_at,amount", "C1,2024-01-01,10", "C2,2024-01-02,ten", "C3,2024-01-03,30"]);
    const rejected = await importCsvFile({ store, teamId, kind: "purchases", file: bad, strict: true, batchSize: 1 });
    expect(rejected).toMatchObject({ applied: false, accepted: 0, rows: 3, badRows: [{ line: 3, message: expect.stringContaining("amount:") }] });
    expect(await store.db.purchase.count({ where: { teamId } })).toBe(0);
    expect(await store.db.customer.count({ where: { teamId } })).toBe(0);

    const good = files.write(["customer_id,purchased_at,amount", "C1,2024-01-01,10", "C3,2024-01-03,30"]);
    const applied = await importCsvFile({ store, teamId, kind: "purchases", file: good, strict: true, batchSize: 1 });
    expect(applied).toMatchObject({ applied: true, accepted: 2, badRows: [] });
    expect(await store.db.purchase.count({ where: { teamId } })).toBe(2);
  });

  it("--map reads the file's own headers; dates in YYYYMMDD; other delimiters; unused columns are named", async () => {
    const teamId = newTeamId();
    const file = files.write(["Cust;When;Total;Notes", "A-1;19970101;29.33;x", "A-2;19971231;0.5;y"]);
    const s = await importCsvFile({ store, teamId, kind: "purchases", file, delimiter: ";", map: { customer_id: "cust", purchased_at: "When", amount: "Total" } });
    expect(s).toMatchObject({ accepted: 2, badRows: [], ignoredColumns: ["Notes"] });
    expect(brief(await purchasesOf(teamId))).toEqual(["A-1 1997-01-01T00:00:00.000Z 29.33 - -", "A-2 1997-12-31T00:00:00.000Z 0.50 - -"]);
  });

  it("a file without the required columns is refused before anything is written", async () => {
    const teamId = newTeamId();
    const file = files.write(["cust,when,total", "A,2024-01-01,1"]);
    await expect(importCsvFile({ store, teamId, kind: "purchases", file })).rejects.toThrow(CsvLayoutError);
    await expect(importCsvFile({ store, teamId, kind: "purchases", file })).rejects.toThrow(/missing column\(s\) customer_id, purchased_at, amount/);
    await expect(importCsvFile({ store, teamId, kind: "purchases", file, map: { customer_id: "nope" } })).rejects.toThrow(/the file has no column "nope"/);
    expect(await store.db.customer.count({ where: { teamId } })).toBe(0);
  });

  it("re-importing the same file changes nothing; identical rows in one file are separate purchases", async () => {
    const teamId = newTeamId();
    const file = files.write([
      "customer_id,purchased_at,amount",
      "C1,2024-05-01,10.00",
      "C1,2024-05-01,10.00", // same day, same amount: a second purchase
      "C1,2024-05-01,10",
      "C2,2024-05-02,4.00",
    ]);
    const first = await importCsvFile({ store, teamId, kind: "purchases", file, batchSize: 2 });
    expect(first).toMatchObject({ accepted: 4, duplicates: 0, customersCreated: 2 });
    const again = await importCsvFile({ store, teamId, kind: "purchases", file });
    expect(again).toMatchObject({ accepted: 0, duplicates: 4, customersCreated: 0 });
    expect(brief(await purchasesOf(teamId))).toEqual([
      "C1 2024-05-01T00:00:00.000Z 10.00 - -",
      "C1 2024-05-01T00:00:00.000Z 10.00 - -",
      "C1 2024-05-01T00:00:00.000Z 10.00 - -",
      "C2 2024-05-02T00:00:00.000Z 4.00 - -",
    ]);
    // A later file with one more identical row adds exactly that one.
    const more = files.write(["customer_id,purchased_at,amount", "C1,2024-05-01,10.00", "C1,2024-05-01,10.00", "C1,2024-05-01,10.00", "C1,2024-05-01,10.00"]);
    expect(await importCsvFile({ store, teamId, kind: "purchases", file: more })).toMatchObject({ accepted: 1, duplicates: 3 });
    expect(await store.db.purchase.count({ where: { teamId } })).toBe(5);
  });

  it("an interrupted import writes nothing, and the re-run imports the whole file once", async () => {
    const teamId = newTeamId();
    const lines = ["customer_id,purchased_at,amount"];
    for (let i = 0; i < 20; i++) lines.push(`C${i % 3},2024-06-${String(1 + (i % 4)).padStart(2, "0")},${i % 2 ? "5.00" : "7.00"}`);
    const file = files.write(lines); // 20 rows, many identical
    const cutAfterTwoBatches = () => {
      const abort = new AbortController();
      let batches = 0;
      return { signal: abort.signal, onProgress: () => void (++batches === 2 && abort.abort()) };
    };
    const cut = await importCsvFile({ store, teamId, kind: "purchases", file, batchSize: 4, ...cutAfterTwoBatches() });
    expect(cut).toMatchObject({ interrupted: true, rows: 8, accepted: 0, applied: false });
    expect(await store.db.purchase.count({ where: { teamId } })).toBe(0);
    expect(await store.db.customer.count({ where: { teamId } })).toBe(0);
    const rest = await importCsvFile({ store, teamId, kind: "purchases", file, batchSize: 4 });
    expect(rest).toMatchObject({ interrupted: false, rows: 20, accepted: 20, duplicates: 0, applied: true });
    expect(await store.db.purchase.count({ where: { teamId } })).toBe(20);
    expect(await wrongKpiColumns(store.db, teamId)).toBe(0);
    // The work tables are gone.
    const work = await store.db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM pg_tables WHERE starts_with(tablename, 'rd_import_')`);
    expect(work).toEqual([]);

    // Every kind works this way.
    const survey = ["kind,score,responded_at", ...Array.from({ length: 20 }, (_, i) => `csat,${1 + (i % 5)},2024-06-${String(1 + (i % 4)).padStart(2, "0")}`)];
    const surveyFile = files.write(survey);
    const surveyCut = await importCsvFile({ store, teamId, kind: "survey-responses", file: surveyFile, batchSize: 4, ...cutAfterTwoBatches() });
    expect(surveyCut).toMatchObject({ interrupted: true, rows: 8, accepted: 0, applied: false });
    expect(await store.db.surveyResponse.count({ where: { teamId } })).toBe(0);
    const surveyRest = await importCsvFile({ store, teamId, kind: "survey-responses", file: surveyFile, batchSize: 4 });
    expect(surveyRest).toMatchObject({ interrupted: false, rows: 20, accepted: 20, duplicates: 0 });
    expect(await importCsvFile({ store, teamId, kind: "survey-responses", file: surveyFile, batchSize: 7 })).toMatchObject({ accepted: 0, duplicates: 20 });
    expect(await store.db.surveyResponse.count({ where: { teamId } })).toBe(20);
  });

  it("leftover work tables are dropped at the next start (bot or import) unless an import still holds them", async () => {
    const teamId = newTeamId();
    const dead = `rd_import_${(Date.now() - 60_000).toString(36)}_deadbeef`;
    const running = `rd_import_${(Date.now() - 3600_000).toString(36)}_0badcafe`;
    for (const t of [dead, running]) await store.db.$executeRawUnsafe(`CREATE UNLOGGED TABLE ${t} (x int)`);
    // A running import holds its table's lock on a connection of its own (on a server; PGlite has one process).
    const held = kind === "postgres" ? await store.holdWorkTableLock(running) : undefined;
    const left = async () =>
      (await store.db.$queryRawUnsafe<Array<{ name: string }>>(`SELECT tablename::text AS name FROM pg_tables WHERE starts_with(tablename, 'rd_import_') ORDER BY 1`)).map(
        (r) => r.name,
      );
    const file = files.write(["customer_id,purchased_at,amount", "C1,2024-01-01,1.00"]);
    expect(await importCsvFile({ store, teamId, kind: "purchases", file })).toMatchObject({ accepted: 1 });
    expect(await left()).toEqual(held ? [running] : []);
    await held?.release();
    // The bot's start does the same (main.ts): the table of the import that ended is dropped now.
    expect(await dropLeftoverWorkTables(store.db)).toEqual(held ? [running] : []);
    expect(await left()).toEqual([]);
  });

  it("customers: later values overwrite, empty cells keep, `null` clears; survey responses check their scale", async () => {
    const teamId = newTeamId();
    const first = files.write([
      "customer_id,name,segment,signed_up_at,churned_at",
      "C1,Acme,smb,2023-01-15,2024-02-01",
      "C2,Globex,enterprise,2023-03-01,",
      "C2,,mid-market,,", // same id later in the file: segment changes, name kept
    ]);
    // One row per batch: rows of one customer merge across batches, in file order.
    expect(await importCsvFile({ store, teamId, kind: "customers", file: first, batchSize: 1 })).toMatchObject({ accepted: 2, duplicates: 1, customersCreated: 2 });
    const back = files.write(["customer_id,name,churned_at", "C1,,null", "C2,Globex,"]);
    expect(await importCsvFile({ store, teamId, kind: "customers", file: back })).toMatchObject({ accepted: 1, duplicates: 1, customersCreated: 0 });
    const rows = await store.db.customer.findMany({ where: { teamId }, orderBy: { externalId: "asc" } });
    expect(rows.map((c) => [c.externalId, c.name, c.segment, c.signedUpAt?.toISOString().slice(0, 10) ?? null, c.churnedAt])).toEqual([
      ["C1", "Acme", "smb", "2023-01-15", null],
      ["C2", "Globex", "mid-market", "2023-03-01", null],
    ]);

    const survey = files.write([
      "response_id,customer_id,kind,score,responded_at,comment",
      "R1,C1,nps,9,2024-04-01T09:00:00Z,Great support",
      "R2,,CSAT,5,2024-04-02,", // anonymous
      "R3,C9,csat,6,2024-04-02,", // out of range
      "R4,C9,ces,3,2024-04-02,",
      "R5,C9,nps,10,2024-04-03,",
    ]);
    const s = await importCsvFile({ store, teamId, kind: "survey-responses", file: survey });
    expect(s).toMatchObject({ accepted: 3, customersCreated: 1 });
    expect(s.badRows).toEqual([
      { line: 4, message: "score: must be 1-5 for csat" },
      { line: 5, message: 'kind: must be "csat" or "nps"' },
    ]);
    const responses = await store.db.surveyResponse.findMany({ where: { teamId }, include: { customer: true }, orderBy: { at: "asc" } });
    expect(responses.map((r) => [r.externalId, r.customer?.externalId ?? null, r.kind, r.score, r.comment])).toEqual([
      ["R1", "C1", "nps", 9, "Great support"],
      ["R2", null, "csat", 5, null],
      ["R5", "C9", "nps", 10, null],
    ]);
    expect(await importCsvFile({ store, teamId, kind: "survey-responses", file: survey })).toMatchObject({ accepted: 0, duplicates: 3 });
  });

  it("the CDNOW sample imports 6,919 purchases of 2,357 customers; importing it again adds none", async () => {
    const teamId = newTeamId();
    const s = await importCsvFile({ store, teamId, kind: "purchases", file: CDNOW, format: "cdnow" });
    expect(s).toMatchObject({ rows: 6919, accepted: 6919, duplicates: 0, customersCreated: 2357, badRows: [] });
    const [totals] = await store.db.$queryRawUnsafe<{ purchases: number; customers: number; revenue: string; first: Date; last: Date }[]>(
      `SELECT count(*)::int AS purchases, count(DISTINCT "customerId")::int AS customers, sum(amount)::text AS revenue, min("at") AS first, max("at") AS last
       FROM "Purchase" WHERE "teamId" = $1`,
      teamId,
    );
    expect(totals).toEqual({ purchases: 6919, customers: 2357, revenue: "244091.94", first: new Date("1997-01-01T00:00:00Z"), last: new Date("1998-06-30T00:00:00Z") });
    const again = await importCsvFile({ store, teamId, kind: "purchases", file: CDNOW, format: "cdnow" });
    expect(again).toMatchObject({ accepted: 0, duplicates: 6919, customersCreated: 0 });
    expect(await store.db.purchase.count({ where: { teamId } })).toBe(6919);
    // CDNOW has same-day purchases (equal times): each still has exactly one predecessor.
    expect(await wrongKpiColumns(store.db, teamId)).toBe(0);
  });

  it("purchases arriving out of order, across batches and files, keep each purchase's predecessor exact", async () => {
    const teamId = newTeamId();
    const day = (i: number) => `2024-0${1 + (i % 9)}-${String(1 + ((i * 7) % 28)).padStart(2, "0")}`;
    const late = ["customer_id,purchased_at,amount", ...Array.from({ length: 30 }, (_, i) => `C${i % 4},${day(i)},${(i + 1).toFixed(2)}`)];
    const early = [
      "customer_id,purchased_at,amount",
      ...Array.from({ length: 30 }, (_, i) => `C${i % 5},${day(i + 3)},${(i + 2).toFixed(2)}`),
      "C1,2024-01-01,1.00",
      "C1,2024-01-01,1.00",
    ];
    expect(await importCsvFile({ store, teamId, kind: "purchases", file: files.write(late), batchSize: 7 })).toMatchObject({ accepted: 30 });
    expect(await importCsvFile({ store, teamId, kind: "purchases", file: files.write(early), batchSize: 4 })).toMatchObject({ accepted: 32 });
    expect(await wrongKpiColumns(store.db, teamId)).toBe(0);
    const firsts = await store.db.purchase.count({ where: { teamId, prevAt: null } });
    expect(firsts).toBe(5); // one first purchase per customer C0..C4
    // One id twice in a file with other data: only the first is stored, and nothing counts the second as a purchase
    // of the new customer C7 (2024-01-02 would otherwise be the predecessor of C7's first purchase).
    const sameId = ["purchase_id,customer_id,purchased_at,amount", "P9,C2,2024-03-03,5.00", "P9,C7,2024-01-02,6.00", "P10,C7,2024-01-03,7.00"];
    expect(await importCsvFile({ store, teamId, kind: "purchases", file: files.write(sameId) })).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(await wrongKpiColumns(store.db, teamId)).toBe(0);
  });
});
