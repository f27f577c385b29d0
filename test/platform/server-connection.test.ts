import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { openStore, type Store } from "../../src/db/client.js";

// A server restart or failover ends the pool's idle connections. pg's Pool reports that as an `error` event,
// which would be an uncaught exception (the bot exits) unless the store listens for it.
describe.runIf(inject("postgresUrl"))("the store on a PostgreSQL server", () => {
  let store: Store | undefined;
  afterAll(async () => store?.close());

  it("survives the server ending its idle connections: reports it and reconnects on the next query", async () => {
    const idleErrors: string[] = [];
    store = await openStore({ databaseUrl: inject("postgresUrl"), dataDir: "unused", onIdleError: (e) => idleErrors.push(e.message) });
    await store.ping();
    const appName = await store.db.$queryRawUnsafe<{ pid: number }[]>("select pg_backend_pid() as pid");
    const admin = new pg.Client({ connectionString: inject("postgresUrl") });
    await admin.connect();
    try {
      await admin.query("select pg_terminate_backend($1)", [appName[0]!.pid]);
    } finally {
      await admin.end();
    }
    for (let i = 0; i < 100 && idleErrors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(idleErrors.join(" ")).toMatch(/terminat/i);
    await store.ping();
    const rows = await store.db.$queryRawUnsafe<{ one: number }[]>("select 1::int as one");
    expect(rows).toEqual([{ one: 1 }]);
  });
});
