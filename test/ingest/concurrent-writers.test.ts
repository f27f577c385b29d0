import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { DedupKeys } from "../../src/services/ingest/dedup-key.js";
import { ingestCustomers } from "../../src/services/ingest/ingest-customers.js";
import { ingestPurchases } from "../../src/services/ingest/ingest-purchases.js";
import { ingesters, type IngestKind } from "../../src/services/ingest/ingesters.js";
import { eraseCustomer } from "../../src/services/privacy/erase-customer.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { mulberry32 } from "../helpers/seeded-random.js";
import { createTestStore, newTeamId, type TestStore } from "../helpers/store.js";
import { wrongKpiColumns } from "../kpi/fixtures.js";

// Interleavings of writers on a PostgreSQL server: two connections, one transaction held open by the test (the real
// write code inside it, paused before commit) while the other writer runs. PGlite has one connection, so nothing
// there can interleave; the retry and 503 paths on both stores are in write-retries.test.ts.

const INGEST_TOKEN = "concurrent-writers-token-0123456789";

/** A promise the test opens by hand: the held transaction commits when it is opened. */
function gate() {
  let open!: () => void;
  const closed = new Promise<void>((r) => (open = r));
  return { closed, open };
}

/** Runs the write of `records` in a transaction that stays open until `hold` opens; resolves `written` once it wrote. */
function heldWrite(db: Db, teamId: string, kind: IngestKind, records: unknown[], hold: Promise<void>) {
  const wrote = gate();
  const ingester = ingesters[kind];
  const prepared = ingester.prepare(records, new DedupKeys());
  const done = db.$transaction(
    async (tx) => {
      const r = await ingester.write(tx, teamId, prepared.columns);
      wrote.open();
      await hold;
      return r;
    },
    { timeout: 60_000 },
  );
  // A failure before the write resolves `wrote` too, so the test reaches its assertions instead of hanging.
  done.catch(() => wrote.open());
  return { wrote: wrote.closed, done };
}

describe.runIf(inject("postgresUrl"))("concurrent writers on a PostgreSQL server", () => {
  let store: TestStore;
  let admin: pg.Client;
  let database: string;
  beforeAll(async () => {
    store = await createTestStore("postgres");
    admin = new pg.Client({ connectionString: store.url });
    await admin.connect();
    database = new URL(store.url!).pathname.slice(1);
  });
  afterAll(async () => {
    await admin?.end();
    await store?.close();
  });

  /** Resolves when `other` settled, or when a backend of this database waits for a lock: whichever comes first. */
  async function blockedOrDone(other: Promise<unknown>): Promise<"blocked" | "done"> {
    let settled = false;
    void other.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      if (settled) return "done";
      const { rows } = await admin.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`, [database]);
      if (rows[0]!.n > 0) return "blocked";
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  const purchasesOf = async (teamId: string) =>
    (await store.db.purchase.findMany({ where: { teamId }, orderBy: [{ at: "asc" }], select: { at: true, prevAt: true, customerSignedUpAt: true, customerChurnedAt: true } })).map(
      (p) => [
        p.at.toISOString().slice(0, 10),
        p.prevAt?.toISOString().slice(0, 10) ?? null,
        p.customerSignedUpAt?.toISOString().slice(0, 10) ?? null,
        p.customerChurnedAt?.toISOString().slice(0, 10) ?? null,
      ],
    );

  it("two writers of one customer's purchases: the second waits for the first and links its purchase to the first's", async () => {
    const teamId = newTeamId();
    await ingestPurchases({ db: store.db, teamId, records: [{ customerId: "C1", at: "2024-01-10", amount: 10 }] });
    const hold = gate();
    const first = heldWrite(store.db, teamId, "purchases", [{ customerId: "C1", at: "2024-01-20", amount: 20 }], hold.closed);
    await first.wrote;
    const second = ingestPurchases({ db: store.db, teamId, records: [{ customerId: "C1", at: "2024-01-25", amount: 25 }] });
    // Before the fix the second wrote at once, its predecessor computed without the first's uncommitted purchase.
    expect(await blockedOrDone(second)).toBe("blocked");
    hold.open();
    expect((await first.done).written).toBe(1);
    expect(await second).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await purchasesOf(teamId)).toEqual([
      ["2024-01-10", null, null, null],
      ["2024-01-20", "2024-01-10", null, null],
      ["2024-01-25", "2024-01-20", null, null],
    ]);
    expect(await wrongKpiColumns(store.db, teamId)).toBe(0);
  });

  it("a purchase written while its customer's sign-up and churn times change carries the new times", async () => {
    const teamId = newTeamId();
    await ingestCustomers({ db: store.db, teamId, records: [{ id: "C1", signedUpAt: "2023-01-01" }] });
    await ingestPurchases({ db: store.db, teamId, records: [{ customerId: "C1", at: "2024-01-10", amount: 10 }] });
    const hold = gate();
    const update = heldWrite(store.db, teamId, "customers", [{ id: "C1", signedUpAt: "2022-06-01", churnedAt: "2024-06-01" }], hold.closed);
    await update.wrote;
    const purchase = ingestPurchases({ db: store.db, teamId, records: [{ customerId: "C1", at: "2024-02-01", amount: 5 }] });
    expect(await blockedOrDone(purchase)).toBe("blocked");
    hold.open();
    await update.done;
    expect(await purchase).toMatchObject({ accepted: 1 });
    expect(await purchasesOf(teamId)).toEqual([
      ["2024-01-10", null, "2022-06-01", "2024-06-01"],
      ["2024-02-01", "2024-01-10", "2022-06-01", "2024-06-01"],
    ]);
    expect(await wrongKpiColumns(store.db, teamId)).toBe(0);
  });

  it("a customer's new times reach a purchase whose transaction was still open when they were sent", async () => {
    const teamId = newTeamId();
    await ingestCustomers({ db: store.db, teamId, records: [{ id: "C1", signedUpAt: "2023-01-01" }] });
    const hold = gate();
    const purchase = heldWrite(store.db, teamId, "purchases", [{ customerId: "C1", at: "2024-03-01", amount: 5 }], hold.closed);
    await purchase.wrote;
    const update = ingestCustomers({ db: store.db, teamId, records: [{ id: "C1", signedUpAt: "2021-01-01", churnedAt: "2024-12-01" }] });
    expect(await blockedOrDone(update)).toBe("blocked");
    hold.open();
    await purchase.done;
    expect(await update).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await purchasesOf(teamId)).toEqual([["2024-03-01", null, "2021-01-01", "2024-12-01"]]);
    expect(await wrongKpiColumns(store.db, teamId)).toBe(0);
  });

  it("two upserts of the same new customer with different fields: the later one wins, neither is reported as a duplicate", async () => {
    const teamId = newTeamId();
    const hold = gate();
    const first = heldWrite(store.db, teamId, "customers", [{ id: "N1", name: "Acme", segment: "smb" }], hold.closed);
    await first.wrote;
    const second = ingestCustomers({ db: store.db, teamId, records: [{ id: "N1", name: "Acme Corp", signedUpAt: "2024-05-01" }] });
    expect(await blockedOrDone(second)).toBe("blocked");
    hold.open();
    expect(await first.done).toEqual({ written: 1, customersCreated: 1 });
    // Before the fix: { accepted: 0, duplicates: 1 } and the second's name and sign-up time were lost.
    expect(await second).toEqual({ accepted: 1, duplicates: 0, errors: [], customersCreated: 0, customers: ["N1"] });
    const rows = await store.db.customer.findMany({ where: { teamId } });
    expect(rows.map((c) => [c.externalId, c.name, c.segment, c.signedUpAt?.toISOString() ?? null])).toEqual([["N1", "Acme Corp", "smb", "2024-05-01T00:00:00.000Z"]]);
  });

  it("purchases and customer updates of overlapping customers, 12 at once in random orders: KPI columns equal a recomputation", async () => {
    const teamId = newTeamId();
    const random = mulberry32(13);
    const ids = Array.from({ length: 30 }, (_, i) => `K${i}`);
    const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const writes = Array.from({ length: 12 }, (_, w) => {
      const picked = ids.filter(() => random() < 0.5).sort(() => random() - 0.5);
      if (w % 3 === 2) {
        return ingestCustomers({
          db: store.db,
          teamId,
          records: picked.map((id) => ({ id, signedUpAt: day(Math.floor(random() * 30)), churnedAt: random() < 0.5 ? null : day(200) })),
        });
      }
      return ingestPurchases({ db: store.db, teamId, records: picked.map((id, i) => ({ id: `w${w}-${i}`, customerId: id, at: day(Math.floor(random() * 180)), amount: 1 })) });
    });
    const results = await Promise.all(writes);
    const sent = results.filter((_, w) => w % 3 !== 2).reduce((n, r) => n + r.accepted, 0);
    expect(await store.db.purchase.count({ where: { teamId } })).toBe(sent);
    expect(await wrongKpiColumns(store.db, teamId)).toBe(0);
  });

  it("erasing a customer while a request writes its survey responses: the erase waits, and nothing of the customer is left", async () => {
    const teamId = newTeamId();
    await ingestPurchases({ db: store.db, teamId, records: [{ customerId: "E1", at: "2024-01-10", amount: 10 }] });
    const hold = gate();
    const response = heldWrite(store.db, teamId, "survey-responses", [{ customerId: "E1", kind: "nps", score: 3, at: "2024-02-01", comment: "Too slow" }], hold.closed);
    await response.wrote;
    const erase = eraseCustomer({ db: store.db, teamId }, { externalId: "E1" });
    // Before the fix the erase deleted the responses it could see and then waited only to delete the customer: the
    // response committed meanwhile outlived it, detached (customerId set to NULL).
    expect(await blockedOrDone(erase)).toBe("blocked");
    hold.open();
    await response.done;
    expect(await erase).toMatchObject({ customer: true, purchases: 1, surveyResponses: 1 });
    expect(await store.db.surveyResponse.count({ where: { teamId } })).toBe(0);
    expect(await store.db.purchase.count({ where: { teamId } })).toBe(0);
    expect(await store.db.customer.count({ where: { teamId } })).toBe(0);
  });

  describe("through the real app", () => {
    let t: TestBot;
    const teamId = newTeamId();
    beforeAll(async () => {
      t = await startTestBot(store, { INGEST_TOKEN, INGEST_TEAM_ID: teamId, INGEST_LOCK_WAIT_MS: "200", LOG_LEVEL: "info" });
    });
    afterAll(async () => {
      await t?.stop();
    });
    const post = (kind: string, records: unknown[]) =>
      fetch(`${t.baseUrl}/api/v1/${kind}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${INGEST_TOKEN}` },
        body: JSON.stringify({ records }),
      });

    it("10 requests naming the same new customers in different orders all answer 200 (no deadlock), each purchase stored once", async () => {
      const random = mulberry32(7);
      const customers = Array.from({ length: 40 }, (_, i) => `D${String(i).padStart(2, "0")}`);
      const bodies = Array.from({ length: 10 }, (_, r) =>
        [...customers].sort(() => random() - 0.5).map((c, i) => ({ id: `d${r}-${i}`, customerId: c, at: `2024-02-${String(1 + (i % 28)).padStart(2, "0")}`, amount: 3 })),
      );
      const responses = await Promise.all(bodies.map((records) => post("purchases", records)));
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
      const bodiesBack = (await Promise.all(responses.map((r) => r.json()))) as Array<{ accepted: number }>;
      expect(bodiesBack.reduce((n, b) => n + b.accepted, 0)).toBe(400);
      expect(await store.db.customer.count({ where: { teamId, externalId: { startsWith: "D" } } })).toBe(40);
      expect(await store.db.purchase.count({ where: { teamId, externalId: { startsWith: "d" } } })).toBe(400);
      expect(await wrongKpiColumns(store.db, teamId)).toBe(0);
      expect(t.logs.filter((l) => l.msg === "api request failed")).toEqual([]);
    });

    it("a customer held by another writer past every retry: 503 with Retry-After and nothing stored; sent again later, 200", async () => {
      await post("customers", [{ id: "B1" }]);
      const holder = new pg.Client({ connectionString: store.url });
      await holder.connect();
      try {
        await holder.query("begin");
        await holder.query(`select 1 from "Customer" where "teamId" = $1 and "externalId" = 'B1' for update`, [teamId]);
        const busy = await post("purchases", [{ id: "b1", customerId: "B1", at: "2024-03-01", amount: 9 }]);
        expect(busy.status).toBe(503);
        expect(busy.headers.get("retry-after")).toBe("2");
        expect(await busy.json()).toEqual({ error: "The database is busy with other updates. Nothing was saved; please try again in 2 seconds." });
      } finally {
        await holder.query("rollback");
        await holder.end();
      }
      expect(await store.db.purchase.count({ where: { teamId, externalId: "b1" } })).toBe(0);
      const later = await post("purchases", [{ id: "b1", customerId: "B1", at: "2024-03-01", amount: 9 }]);
      expect(later.status).toBe(200);
      expect(await later.json()).toEqual({ accepted: 1, duplicates: 0, errors: [] });
    });
  });
});
