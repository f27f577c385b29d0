import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { NameAsTextClient } from "./pg-name-fix.js";
import { openPglite } from "./pglite.js";

/**
 * The driver adapter the Prisma CLI (migrate deploy / status) uses: the PostgreSQL server named by
 * DATABASE_URL, else the PGlite data directory DATA_DIR (default ./data). Read from the raw environment
 * because the CLI runs without the app's full configuration.
 */
export async function openCliAdapter(env: NodeJS.ProcessEnv) {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    return new PrismaPg({ connectionString: url, Client: NameAsTextClient } as never);
  }
  const dataDir = path.resolve(env.DATA_DIR?.trim() || "./data", "pglite");
  // Typed against an older @prisma/driver-adapter-utils; the runtime contract is the same.
  return new PrismaPGlite(await openPglite(dataDir)) as unknown as PrismaPg;
}
