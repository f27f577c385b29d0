import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlStateOf } from "../../src/db/sql-state.js";
import { writeTransaction } from "../../src/db/write-transaction.js";
import { ingestPurchases } from "../../src/services/ingest/ingest-purchases.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";

const INGEST_TOKEN = "write-retries-token-0123456789abcdef";

// PostgreSQL rolls a transaction back with 40P01 (deadlock), 40001 (serialization failure) or 55P03 (lock wait past
// lock_timeout) when writers collide. These tests make the store raise them on purpose, from inside the purchase
// INSERT, so the retry and 503 paths run on both stores (PGlite has one connection: no real collision there).
describe.each(storeKinds())("write transactions that PostgreSQL rolls back (%s)", (kind) => {
  let store: TestStore;
  let t: TestBot;
  const apiTeam = newTeamId();
  beforeAll(async () => {
    store = await createTestStore(kind);
    // After each purchase INSERT of a planned workspace: count the attempt, and raise the code planned for it.
    // A sequence counts: its nextval survives the rollback of the attempt it failed.
    await store.db.$executeRawUnsafe(`CREATE TABLE rd_test_plan (team TEXT PRIMARY KEY, codes TEXT[] NOT NULL)`);
    await store.db.$executeRawUnsafe(`CREATE SEQUENCE rd_test_attempts`);
    await store.db.$executeRawUnsafe(`
      CREATE FUNCTION rd_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE code TEXT;
      BEGIN
        SELECT codes[nextval('rd_test_attempts')] INTO code FROM rd_test_plan WHERE team = (SELECT "teamId" FROM new_rows LIMIT 1);
        IF code IS NOT NULL THEN
          RAISE EXCEPTION 'injected failure' USING ERRCODE = code;
        END IF;
        RETURN NULL;
      END $$`);
    await store.db.$executeRawUnsafe(`CREATE TRIGGER rd_test_fail AFTER INSERT ON "Purchase" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rd_test_fail()`);
    t = await startTestBot(store, { INGEST_TOKEN, INGEST_TEAM_ID: apiTeam, LOG_LEVEL: "info" });
  });
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  /** Plans the codes raised by the workspace's next purchase INSERTs (null: succeed); returns the attempts counter. */
  async function plan(teamId: string, codes: Array<string | null>) {
    await store.db.$executeRawUnsafe(`SELECT setval('rd_test_attempts', 1, false)`);
    await store.db.$executeRawUnsafe(`INSERT INTO rd_test_plan VALUES ($1, $2::text[])`, teamId, codes);
    return async () => {
      const [r] = await store.db.$queryRawUnsafe<Array<{ n: number; called: boolean }>>(`SELECT last_value::int AS n, is_called AS called FROM rd_test_attempts`);
      return r!.called ? r!.n : 0;
    };
  }
  const records = [
    { id: "r1", customerId: "C1", at: "2024-01-05", amount: 10 },
    { id: "r2", customerId: "C1", at: "2024-01-09", amount: 12 },
  ];

  it("a deadlock, then a serialization failure: the third attempt stores the records once", async () => {
    const teamId = newTeamId();
    const attempts = await plan(teamId, ["40P01", "40001"]);
    expect(await ingestPurchases({ db: store.db, teamId, records })).toEqual({ accepted: 2, duplicates: 0, errors: [], customersCreated: 1, customers: ["C1"] });
    expect(await attempts()).toBe(3);
    expect(await store.db.purchase.count({ where: { teamId } })).toBe(2);
    expect(await store.db.customer.count({ where: { teamId } })).toBe(1);
  });

  it("failing every attempt (lock waits): BUSY after six attempts, nothing stored", async () => {
    const teamId = newTeamId();
    const attempts = await plan(teamId, Array(10).fill("55P03"));
    await expect(ingestPurchases({ db: store.db, teamId, records })).rejects.toMatchObject({ code: "BUSY", params: { retryAfterSeconds: 2 } });
    expect(await attempts()).toBe(6);
    expect(await store.db.purchase.count({ where: { teamId } })).toBe(0);
    expect(await store.db.customer.count({ where: { teamId } })).toBe(0);
  });

  it("any other database error is not retried", async () => {
    const teamId = newTeamId();
    const attempts = await plan(teamId, ["22012"]);
    const failed = await ingestPurchases({ db: store.db, teamId, records }).catch((e: unknown) => e);
    expect(sqlStateOf(failed)).toBe("22012");
    expect(await attempts()).toBe(1);
    expect(await store.db.purchase.count({ where: { teamId } })).toBe(0);
  });

  it("the API answers 503 with Retry-After when every attempt failed; the same request sent again is stored once", async () => {
    await plan(apiTeam, [...Array(8).fill("40P01"), null]);
    const post = () =>
      fetch(`${t.baseUrl}/api/v1/purchases`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${INGEST_TOKEN}` },
        body: JSON.stringify({ records }),
      });
    const busy = await post();
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("2");
    expect(await busy.json()).toEqual({ error: "The database is busy with other updates. Nothing was saved; please try again in 2 seconds." });
    expect(await store.db.purchase.count({ where: { teamId: apiTeam } })).toBe(0);
    const again = await post();
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ accepted: 2, duplicates: 0, errors: [] });
    expect(t.logs.filter((l) => l.msg === "api request failed")).toEqual([]);
  });

  it("reads the SQLSTATE of each way Prisma reports a database error", async () => {
    const raise = (code: string) => store.db.$executeRawUnsafe(`DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '${code}'; END $$`).catch((e: unknown) => e);
    for (const code of ["40001", "40P01", "55P03", "23505", "22012"]) expect(sqlStateOf(await raise(code))).toBe(code);
    const inTransaction = await writeTransaction(store.db, (tx) => tx.$executeRawUnsafe(`DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '23505'; END $$`)).catch(
      (e: unknown) => e,
    );
    expect(sqlStateOf(inTransaction)).toBe("23505");
    expect(sqlStateOf(new Error("no database here"))).toBeUndefined();
  });
});
