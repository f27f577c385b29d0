import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.js";
import { openPglite } from "./pglite.js";

export type Db = PrismaClient;

/** The store the bot runs on, with its lifecycle. */
export interface Store {
  db: Db;
  kind: "pglite" | "postgres";
  /** One round trip; throws when the database is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
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
    return storeFromPool(pool);
  }
  return storeFromPglite(await openPglite(pgliteDir(opts.dataDir)));
}

export function storeFromPool(pool: pg.Pool): Store {
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    db,
    kind: "postgres",
    ping: async () => {
      await db.$queryRawUnsafe("select 1");
    },
    close: async () => {
      await db.$disconnect();
      await pool.end();
    },
  };
}

export function storeFromPglite(pglite: PGlite): Store {
  // pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils; the runtime contract is the same.
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) as unknown as PrismaPg });
  return {
    db,
    kind: "pglite",
    ping: async () => {
      if (pglite.closed) throw new Error("database closed");
      await db.$queryRawUnsafe("select 1");
    },
    close: async () => {
      await db.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}
