import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyCsv } from "../../src/services/ingest/copy-csv.js";
import { createTestStore, storeKinds, type TestStore } from "../helpers/store.js";

const tricky = ["plain", 'with "quotes"', "comma, inside", "line\nbreak", "", "  spaces  ", "ünïcödé 日本語", "\\N", "back\\slash"];

describe.each(storeKinds())("COPY rows into a work table on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("keeps every text as it is (quotes, commas, line breaks, empty text), NULLs, numbers and flags", async () => {
    const table = `rd_import_copytest_${kind}`;
    await store.db.$executeRawUnsafe(`CREATE UNLOGGED TABLE ${table} (ord BIGINT, t TEXT, n INT, b BOOLEAN, at TIMESTAMPTZ(3))`);
    const texts = [...tricky, null];
    const numbers = texts.map((_, i) => (i % 3 === 0 ? null : i * 7));
    const flags = texts.map((_, i) => (i % 4 === 3 ? null : i % 2 === 0));
    const times = texts.map((_, i) => (i % 5 === 4 ? null : new Date(Date.UTC(2024, 0, 1 + i, 9, 30)).toISOString()));
    const added = await store.copyCsv(table, ["ord", "t", "n", "b", "at"], copyCsv(40, [texts, numbers, flags, times]));
    expect(added).toBe(texts.length);
    const rows = await store.db.$queryRawUnsafe<Array<{ ord: bigint; t: string | null; n: number | null; b: boolean | null; at: Date | null }>>(
      `SELECT ord, t, n, b, at FROM ${table} ORDER BY ord`,
    );
    expect(rows.map((r) => Number(r.ord))).toEqual(texts.map((_, i) => 41 + i));
    expect(rows.map((r) => r.t)).toEqual(texts);
    expect(rows.map((r) => r.n)).toEqual(numbers);
    expect(rows.map((r) => r.b)).toEqual(flags);
    expect(rows.map((r) => r.at?.toISOString() ?? null)).toEqual(times);
    expect(await store.copyCsv(table, ["ord"], copyCsv(0, [[]]))).toBe(0);
    await store.db.$executeRawUnsafe(`DROP TABLE ${table}`);
  });
});
