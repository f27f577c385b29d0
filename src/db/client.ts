import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { PrismaClient } from "../generated/prisma/client.js";
import { withPostgresErrorKinds } from "./pglite-errors.js";
import { openPgliteThread } from "./pglite-thread.js";

export type Db = PrismaClient;

/** The first key of the advisory locks that file imports hold on their work tables (the second: hashtext(name)). */
export const WORK_TABLE_LOCK = 7410;

/** The store the bot runs on, with its lifecycle. */
export interface Store {
  db: Db;
  kind: "pglite" | "postgres";
  /** One round trip; throws when the database is unreachable. */
  ping(): Promise<void>;
  /**
   * Loads CSV text (no header; an unquoted empty field is NULL) into `table`'s `columns` with COPY, outside any
   * transaction, and returns the number of rows. For work tables only: `table` and `columns` go into the SQL as
   * given.
   */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<number>;
  /**
   * Holds the session advisory lock of `name` (WORK_TABLE_LOCK class) until `release`: a server keeps one pooled
   * connection for it; the embedded store, which one process alone opens, needs none. A crashed holder's lock ends
   * with its connection.
   */
  holdWorkTableLock(name: string): Promise<{ release(): Promise<void> }>;
  close(): Promise<void>;
}

export interface StoreOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Told when the server drops an idle pooled connection (restart, failover, idle timeout); the pool reconnects. */
  onIdleError?: ((e: Error) => void) | undefined;
  /** Told when the embedded database's thread ends on its own: the store is unusable from then on. */
  onLost?: ((e: Error) => void) | undefined;
}

/** Where the embedded store keeps its files inside DATA_DIR. */
export function pgliteDir(dataDir: string): string {
  return path.resolve(dataDir, "pglite");
}

/**
 * The one Prisma client factory: a PostgreSQL server when `databaseUrl` is set, else embedded PGlite.
 * Migrations are not applied here (see migrate.ts).
 */
export async function openStore(opts: StoreOptions): Promise<Store> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    return storeFromPool(pool, opts.onIdleError);
  }
  // On its own thread: statements never hold up the thread that acks Slack (see pglite-thread.ts).
  return storeFromPglite(await openPgliteThread(pgliteDir(opts.dataDir), undefined, opts.onLost));
}

/**
 * A store on a PostgreSQL server pool. An idle pooled connection that the server ends emits `error` on the
 * pool; without a listener Node treats that as an uncaught exception and the whole bot exits. The pool has
 * already dropped that connection and opens a new one on the next query, so it is reported, not fatal.
 */
export function storeFromPool(pool: pg.Pool, onIdleError: (e: Error) => void = () => {}): Store {
  pool.on("error", onIdleError);
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    db,
    kind: "postgres",
    ping: async () => {
      await db.$queryRawUnsafe("select 1");
    },
    copyCsv: async (table, columns, csv) => {
      const client = await pool.connect();
      try {
        const copy = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN WITH (FORMAT csv)`));
        await pipeline(Readable.from([csv]), copy);
        return copy.rowCount;
      } finally {
        client.release();
      }
    },
    holdWorkTableLock: async (name) => {
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1, hashtext($2))", [WORK_TABLE_LOCK, name]);
      } catch (e) {
        client.release();
        throw e;
      }
      return {
        release: async () => {
          try {
            await client.query("select pg_advisory_unlock($1, hashtext($2))", [WORK_TABLE_LOCK, name]);
            client.release();
          } catch (e) {
            client.release(e as Error);
          }
        },
      };
    },
    close: async () => {
      await db.$disconnect();
      await pool.end();
    },
  };
}

export function storeFromPglite(pglite: PGlite): Store {
  // pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils; the runtime contract is the same.
  const adapter = withPostgresErrorKinds(new PrismaPGlite(pglite) as unknown as SqlDriverAdapterFactory);
  const db = new PrismaClient({ adapter: adapter as unknown as PrismaPg });
  return {
    db,
    kind: "pglite",
    ping: async () => {
      if (pglite.closed) throw new Error("database closed");
      await db.$queryRawUnsafe("select 1");
    },
    copyCsv: async (table, columns, csv) => {
      const r = await pglite.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) });
      return r.affectedRows ?? 0;
    },
    holdWorkTableLock: async () => ({ release: async () => {} }),
    close: async () => {
      await db.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}
