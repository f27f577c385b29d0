import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../src/generated/prisma/client.js";
import { storeFromPglite, type Store } from "../../src/db/client.js";
import { openPgliteThread } from "../../src/db/pglite-thread.js";
import { createTestStore, newTeamId, storeKinds } from "../helpers/store.js";

describe("PGlite on a worker thread", () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore("pglite");
  });
  afterAll(async () => {
    await store?.close();
  });

  it("answers Prisma queries with typed values: arrays, bigints, decimals, times", async () => {
    const [row] = await store.db.$queryRawUnsafe<Array<{ a: string[]; b: bigint; d: Prisma.Decimal; t: Date }>>(
      "select $1::text[] as a, 9007199254740993::int8 as b, 12.34::numeric as d, timestamptz '2024-02-29T23:30:00Z' as t",
      ["x", "ジ"],
    );
    expect(row!.a).toEqual(["x", "ジ"]);
    expect(row!.b).toBe(9007199254740993n);
    expect(String(row!.d)).toBe("12.34");
    expect(row!.t).toEqual(new Date("2024-02-29T23:30:00Z"));
  });

  it("rolls back a failed interactive transaction and commits a good one", async () => {
    const teamId = newTeamId();
    await expect(
      store.db.$transaction(async (tx) => {
        await tx.customer.create({ data: { teamId, externalId: "A" } });
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    await store.db.$transaction(async (tx) => {
      await tx.customer.create({ data: { teamId, externalId: "B" } });
    });
    expect((await store.db.customer.findMany({ where: { teamId }, select: { externalId: true } })).map((c) => c.externalId)).toEqual(["B"]);
  });

  it("leaves this thread free while a statement runs: timers fire during a long query", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    await store.db.$queryRawUnsafe("select count(*) from generate_series(1, 3000000) g where g % 7 = 3");
    const took = performance.now() - started;
    clearInterval(timer);
    // In-process PGlite runs the whole statement without yielding: no timer could fire while it ran.
    expect(took).toBeGreaterThan(20);
    expect(ticks).toBeGreaterThan(2);
  });

  it("tells its owner when the thread ends on its own (not when closed), and every call then fails", async () => {
    const lost: Error[] = [];
    const closedNormally = await openPgliteThread("memory://", undefined, (e) => lost.push(e));
    await closedNormally.close();
    expect(lost).toEqual([]);
    const crashing = await openPgliteThread("memory://", undefined, (e) => lost.push(e));
    await (crashing as unknown as { _crashForTest(): Promise<void> })._crashForTest();
    await new Promise((r) => setTimeout(r, 50));
    expect(lost.map((e) => e.message)).toEqual([expect.stringMatching(/database thread stopped/)]);
    expect(crashing.closed).toBe(true);
    await expect(crashing.query("select 1")).rejects.toThrow(/closed/);
  });

  it("loads CSV from a blob, dumps its data directory, and a thread started from that dump has the same rows; closed means closed", async () => {
    const pglite = await openPgliteThread("memory://");
    await pglite.exec("create table t (v text); insert into t values ('kept')");
    // COPY FROM a blob (what a bulk load uses) crosses the thread too.
    await pglite.query("copy t from '/dev/blob' with (format csv)", [], { blob: new Blob(["also\n"]) });
    expect((await pglite.query<{ v: string }>("select v from t order by v")).rows.map((r) => r.v)).toEqual(["also", "kept"]);
    await pglite.exec("delete from t where v = 'also'");
    const dump = await pglite.dumpDataDir("none");
    await pglite.close();
    expect(pglite.closed).toBe(true);
    await expect(pglite.query("select 1")).rejects.toThrow(/closed/);
    const copy = storeFromPglite(await openPgliteThread("memory://", dump));
    expect(await copy.db.$queryRawUnsafe("select v from t")).toEqual([{ v: "kept" }]);
    await copy.close();
  });
});

describe.each(storeKinds())("Prisma reports database errors the same way on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  // pglite-prisma-adapter alone raised a bare DriverAdapterError here, so code catching P2002 (insights and stories
  // re-submitted by a Slack retry) failed on PGlite only.
  it("a unique violation is P2002, a missing parent row P2003", async () => {
    const teamId = newTeamId();
    await store.db.customer.create({ data: { teamId, externalId: "C1" } });
    const dup = await store.db.customer.create({ data: { teamId, externalId: "C1" } }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((dup as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
    const orphan = await store.db.purchase.create({ data: { teamId, customerId: 999_999_999n, dedupKey: "x", at: new Date(), amount: "1.00" } }).catch((e: unknown) => e);
    expect(orphan).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((orphan as Prisma.PrismaClientKnownRequestError).code).toBe("P2003");
  });
});
