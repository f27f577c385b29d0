import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PGliteInterface } from "@electric-sql/pglite";
import pg from "pg";
import { openStore, pgliteDir, type Store, type StoreOptions, storeFromPglite } from "./client.js";
import {
  type AppliedMigration,
  CREATE_MIGRATIONS_TABLE,
  MIGRATIONS_TABLE_EXISTS,
  type MigrationFile,
  type MigrationPlan,
  planMigrations,
  readMigrationFiles,
  SELECT_APPLIED_MIGRATIONS,
} from "./migrations.js";
import { openPglite } from "./pglite.js";
import { openPgliteThread } from "./pglite-thread.js";

/** The repository root, whether running from src/ (tsx) or dist/src/ (built). */
export function projectRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return here.includes(`${path.sep}dist${path.sep}`) ? path.resolve(here, "..", "..", "..") : path.resolve(here, "..", "..");
}

const migrationFiles = () => readMigrationFiles(path.join(projectRoot(), "prisma", "migrations"));

/**
 * Brings the database up to the committed migrations, leaving `_prisma_migrations` as `prisma migrate deploy`
 * does, so `prisma migrate status` always tells the truth. Resolves with the names of the migrations applied
 * (none when it was up to date, which costs one query).
 *
 * - Embedded PGlite: pending migrations are applied in this process, each in one transaction with its bookkeeping
 *   row (the Prisma CLI takes about 15 s to start, open PGlite twice and introspect; this takes well under one).
 *   Must run before the app opens the store: one process at a time.
 * - PostgreSQL server: pending migrations go through `prisma migrate deploy`, whose advisory lock lets replicas
 *   start together.
 * - Anything unusual (a failed or rolled-back migration, an edited one): `prisma migrate deploy`, so its checks
 *   and its error messages stay exactly Prisma's.
 *
 * Throws with the failing migration's name and the database's error, or with the CLI's output.
 */
export async function deployMigrations(env: { DATABASE_URL?: string | undefined; DATA_DIR: string }): Promise<string[]> {
  const files = migrationFiles();
  if (env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    let plan: MigrationPlan;
    try {
      plan = planMigrations(files, await appliedMigrations(async (sql) => (await client.query(sql)).rows));
    } finally {
      await client.end();
    }
    if (plan.kind === "up-to-date") return [];
    await runPrismaMigrateDeploy(env);
    return plan.kind === "pending" ? plan.pending.map((m) => m.name) : [];
  }
  const pglite = await openPglite(pgliteDir(env.DATA_DIR));
  let plan: MigrationPlan;
  try {
    plan = await migrateEmbedded(pglite, files);
  } finally {
    await pglite.close();
  }
  if (plan.kind !== "unusual") return plan.kind === "pending" ? plan.pending.map((m) => m.name) : [];
  await runPrismaMigrateDeploy(env);
  return [];
}

/**
 * Opens the store the bot runs on with every migration applied (see deployMigrations): the embedded store is
 * opened once, on its thread, and migrated there.
 */
export async function openMigratedStore(opts: StoreOptions): Promise<{ store: Store; applied: string[] }> {
  if (opts.databaseUrl) {
    const applied = await deployMigrations({ DATABASE_URL: opts.databaseUrl, DATA_DIR: opts.dataDir });
    return { store: await openStore(opts), applied };
  }
  const open = () => openPgliteThread(pgliteDir(opts.dataDir), undefined, opts.onLost);
  let pglite = await open();
  let plan: MigrationPlan;
  try {
    plan = await migrateEmbedded(pglite, migrationFiles());
  } catch (e) {
    await pglite.close();
    throw e;
  }
  if (plan.kind === "unusual") {
    await pglite.close();
    await runPrismaMigrateDeploy({ DATA_DIR: opts.dataDir });
    pglite = await open();
  }
  return { store: storeFromPglite(pglite), applied: plan.kind === "pending" ? plan.pending.map((m) => m.name) : [] };
}

/** Thrown when a migration's SQL fails; the database is left as before it, and `_prisma_migrations` says it failed. */
export class MigrationFailedError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`Migration ${migration} failed to apply, nothing of it was kept: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "MigrationFailedError";
  }
}

async function appliedMigrations(query: (sql: string) => Promise<unknown[]>): Promise<AppliedMigration[]> {
  const [present] = (await query(MIGRATIONS_TABLE_EXISTS)) as { exists: boolean }[];
  return present?.exists ? ((await query(SELECT_APPLIED_MIGRATIONS)) as AppliedMigration[]) : [];
}

/**
 * Applies the pending migrations to an embedded store as `prisma migrate deploy` records them: a row started before
 * the script, finished (applied_steps_count 1) in the script's transaction, or left unfinished with the error in
 * `logs` when the script fails (Prisma then refuses to go on until the failure is resolved, P3009).
 */
export async function migrateEmbedded(db: PGliteInterface, files: readonly MigrationFile[]): Promise<MigrationPlan> {
  const plan = planMigrations(files, await appliedMigrations(async (sql) => (await db.query(sql)).rows));
  if (plan.kind !== "pending") return plan;
  await db.exec(CREATE_MIGRATIONS_TABLE);
  for (const m of plan.pending) {
    const id = randomUUID();
    await db.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, clock_timestamp(), 0)`, [
      id,
      m.checksum,
      m.name,
    ]);
    try {
      await db.transaction(async (tx) => {
        await tx.exec(m.sql);
        await tx.query(`UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`, [id]);
      });
    } catch (e) {
      await db.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, e instanceof Error ? e.message : String(e)]);
      throw new MigrationFailedError(m.name, e);
    }
  }
  return plan;
}

/** `prisma migrate deploy` (the real CLI, in a child process). Throws with the CLI's output when it fails. */
function runPrismaMigrateDeploy(env: { DATABASE_URL?: string | undefined; DATA_DIR: string }): Promise<string> {
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
