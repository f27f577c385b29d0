import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, whether running from src/ (tsx) or dist/src/ (built). */
export function projectRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return here.includes(`${path.sep}dist${path.sep}`) ? path.resolve(here, "..", "..", "..") : path.resolve(here, "..", "..");
}

/**
 * Applies pending migrations with the real Prisma CLI (`prisma migrate deploy`), so `prisma migrate status`
 * always tells the truth. Must run before the app opens an embedded PGlite store (one process at a time).
 * Throws with the CLI's output when a migration fails.
 */
export async function deployMigrations(env: { DATABASE_URL?: string | undefined; DATA_DIR: string }): Promise<string> {
  const cwd = projectRoot();
  const require = createRequire(import.meta.url);
  const cli = require.resolve("prisma/build/index.js");
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PRISMA_QUERY_ENGINE_LIBRARY: "/dev/null",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    DATA_DIR: path.resolve(env.DATA_DIR),
    ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {}),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], { cwd, env: childEnv, stdio: "pipe" });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${out}`))));
  });
}
