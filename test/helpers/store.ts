import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { storeFromPglite, storeFromPool, type Store } from "../../src/db/client.js";
import { openPgliteThread } from "../../src/db/pglite-thread.js";

export type StoreKind = "pglite" | "postgres";

/** The store kinds this run tests: PGlite always, a PostgreSQL server when the run has one. */
export function storeKinds(): StoreKind[] {
  return inject("postgresUrl") ? ["pglite", "postgres"] : ["pglite"];
}

let templateBlob: Blob | undefined;

export interface TestStore extends Store {
  /** A connection string for code that needs one (PostgreSQL server only). */
  url?: string;
}

/**
 * A fresh migrated database for one test file: a clone of the PGlite template (in memory), or a new
 * database created from the server's template database (dropped on close).
 */
export async function createTestStore(kind: StoreKind): Promise<TestStore> {
  if (kind === "pglite") {
    templateBlob ??= new Blob([readFileSync(inject("pgliteTemplate"))]);
    // The bot's own way of running PGlite: on a worker thread.
    return storeFromPglite(await openPgliteThread("memory://", templateBlob));
  }
  const base = inject("postgresUrl");
  const template = inject("postgresTemplate");
  const name = `${template.replace(/template$/, "")}${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: u.toString(), max: 5 });
  const store = storeFromPool(pool);
  return {
    ...store,
    url: u.toString(),
    close: async () => {
      await store.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** A workspace id no other test uses. */
export const newTeamId = () => `T${randomBytes(5).toString("hex").toUpperCase()}`;
