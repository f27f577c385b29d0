import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { deployMigrations } from "../src/db/migrate.js";
import { openPglite } from "../src/db/pglite.js";

export const TEMPLATE_DB = "rd_test_template";

/**
 * Applies the committed migrations once with the real `prisma migrate deploy`: to a file-backed PGlite whose
 * dump every test file clones, and (when TEST_DATABASE_URL is set) to a template database on the server.
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
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname like 'rd_t_%' or datname = '${TEMPLATE_DB}'`);
    const old = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'rd_t_%'`);
    for (const r of old.rows) await admin.query(`drop database if exists "${r.datname}"`);
    await admin.query(`drop database if exists ${TEMPLATE_DB}`);
    await admin.query(`create database ${TEMPLATE_DB}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${TEMPLATE_DB}`;
    await deployMigrations({ DATA_DIR: work, DATABASE_URL: u.toString() });
  }
  return async () => {
    rmSync(work, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string;
  }
}
