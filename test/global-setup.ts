import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { deployMigrations } from "../src/db/migrate.js";
import { openPglite } from "../src/db/pglite.js";

/**
 * Applies the committed migrations once, as the bot does at start (deployMigrations: in this process on PGlite,
 * with the real `prisma migrate deploy` on the server): to a file-backed PGlite whose dump every test file clones,
 * and (when TEST_DATABASE_URL is set) to a template database on the server.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, "..");
  const work = path.join(root, ".tmp", `test-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  await deployMigrations({ DATA_DIR: work });
  const pglite = await openPglite(path.join(work, "pglite"));
  const dump = await pglite.dumpDataDir("none");
  await pglite.close();
  const dumpPath = path.join(work, "template.tar");
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", dumpPath);

  const url = process.env.TEST_DATABASE_URL;
  if (!url && (process.env.CI === "true" || process.env.REQUIRE_POSTGRES_TESTS === "1")) {
    throw new Error("TEST_DATABASE_URL is required here: the store tests must also run against a PostgreSQL server (use scripts/test.sh).");
  }
  project.provide("postgresUrl", url ?? "");
  // Databases of this run are named rd_<pid>_...: several runs can share one server without touching each other.
  const prefix = `rd_${process.pid}_`;
  const template = `${prefix}template`;
  project.provide("postgresTemplate", template);
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await dropDatabases(admin, (name) => {
      const pid = Number(/^rd_(\d+)_/.exec(name)?.[1]);
      return Number.isFinite(pid) && !isRunning(pid); // left behind by a run that was killed
    });
    await admin.query(`create database ${template}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${template}`;
    await deployMigrations({ DATA_DIR: work, DATABASE_URL: u.toString() });
  }
  return async () => {
    rmSync(work, { recursive: true, force: true });
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await dropDatabases(admin, (name) => name.startsWith(prefix));
      await admin.end();
    }
  };
}

async function dropDatabases(admin: pg.Client, which: (name: string) => boolean) {
  const rows = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'rd\\_%'`);
  for (const { datname } of rows.rows.filter((r) => which(r.datname))) {
    await admin.query(`drop database if exists "${datname}" with (force)`);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string;
    postgresTemplate: string;
  }
}
