import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/** Extensions the schema needs; PGlite loads them in-process (PostgreSQL servers ship them in contrib). */
export const pgliteExtensions = { pg_trgm };

/**
 * Opens the embedded PostgreSQL (PGlite) stored in `dataDir`, or in memory when `dataDir` is "memory://".
 * PGlite allows one connection: only one process may open a data directory at a time.
 */
export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({ dataDir, extensions: pgliteExtensions, ...(loadDataDir ? { loadDataDir } : {}) });
}
