import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { pgliteDir } from "../../src/db/client.js";
import { deployMigrations, MigrationFailedError, migrateEmbedded } from "../../src/db/migrate.js";
import { type AppliedMigration, type MigrationFile, planMigrations, readMigrationFiles } from "../../src/db/migrations.js";
import { openPglite } from "../../src/db/pglite.js";

const migrationsDir = path.resolve(import.meta.dirname, "../../prisma/migrations");
const file = (name: string, sql: string): MigrationFile => ({ name, sql, checksum: createHash("sha256").update(sql).digest("hex") });
const row = (m: MigrationFile, over: Partial<AppliedMigration> = {}): AppliedMigration => ({
  migration_name: m.name,
  checksum: m.checksum,
  finished_at: new Date("2026-12-01T10:00:00Z"),
  rolled_back_at: null,
  ...over,
});

describe("which migrations a database needs", () => {
  const a = file("20260101000000_a", "CREATE TABLE a (id int);");
  const b = file("20260102000000_b", "CREATE TABLE b (id int);");
  const c = file("20260103000000_c", "CREATE TABLE c (id int);");

  it("reads every committed migration in directory order, with Prisma's checksum (SHA-256 of the file)", () => {
    const files = readMigrationFiles(migrationsDir);
    const dirs = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(files.map((f) => f.name)).toEqual(dirs);
    const init = files[0]!;
    const bytes = readFileSync(path.join(migrationsDir, init.name, "migration.sql"));
    expect(init.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(init.sql).toBe(bytes.toString("utf8"));
  });

  it("an empty database needs all of them, in order; a partly migrated one the rest", () => {
    expect(planMigrations([a, b, c], [])).toEqual({ kind: "pending", pending: [a, b, c] });
    expect(planMigrations([a, b, c], [row(a)])).toEqual({ kind: "pending", pending: [b, c] });
    // A migration merged later with an older timestamp is still applied (as Prisma does).
    expect(planMigrations([a, b, c], [row(a), row(c)])).toEqual({ kind: "pending", pending: [b] });
  });

  it("a database with every migration finished needs nothing", () => {
    expect(planMigrations([a, b], [row(a), row(b)])).toEqual({ kind: "up-to-date" });
  });

  it("leaves anything unusual to the Prisma CLI: failed, rolled back, edited, or not committed here", () => {
    expect(planMigrations([a, b], [row(a), row(b, { finished_at: null })])).toEqual({ kind: "unusual", reason: `${b.name} failed or is still being applied` });
    expect(planMigrations([a, b], [row(a, { rolled_back_at: new Date() })])).toEqual({ kind: "unusual", reason: `${a.name} was rolled back` });
    expect(planMigrations([a, b], [row(a, { checksum: "0".repeat(64) })])).toEqual({ kind: "unusual", reason: `${a.name} was edited after it was applied` });
    expect(planMigrations([a], [row(a), row(b)])).toEqual({ kind: "unusual", reason: `${b.name} is applied but not committed here` });
  });
});

describe("applying migrations to the embedded store", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("migrates an empty data directory as prisma migrate deploy records it, and the next start applies nothing", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "rd-migrate-"));
    dirs.push(dataDir);
    const committed = readMigrationFiles(migrationsDir);
    expect(await deployMigrations({ DATA_DIR: dataDir })).toEqual(committed.map((m) => m.name));
    expect(await deployMigrations({ DATA_DIR: dataDir })).toEqual([]);

    const db = await openPglite(pgliteDir(dataDir));
    try {
      const rows = await db.query<{ migration_name: string; checksum: string; finished: boolean; logs: string | null; rolled_back_at: Date | null; applied_steps_count: number }>(
        `select migration_name, checksum, finished_at >= started_at as finished, logs, rolled_back_at, applied_steps_count from "_prisma_migrations" order by migration_name`,
      );
      expect(rows.rows).toEqual(committed.map((m) => ({ migration_name: m.name, checksum: m.checksum, finished: true, logs: null, rolled_back_at: null, applied_steps_count: 1 })));
      // The schema is there: the bot's tables and the trigram extension the first migration creates.
      const tables = await db.query<{ n: number }>(`select count(*)::int as n from pg_tables where schemaname = 'public' and tablename in ('Insight', 'Story', 'Workspace')`);
      expect(tables.rows[0]!.n).toBe(3);
      expect((await db.query(`select 1 from pg_extension where extname = 'pg_trgm'`)).rows).toHaveLength(1);
    } finally {
      await db.close();
    }
  }, 180_000);

  it("a failing migration keeps nothing of itself, is recorded as failed with the database's error, and stops the ones after it", async () => {
    const db = await openPglite("memory://");
    try {
      const good = file("20260101000000_good", `CREATE TABLE "Good" (id int);`);
      const bad = file("20260102000000_bad", `CREATE TABLE "Half" (id int);\nALTER TABLE "Missing" ADD COLUMN x int;`);
      const after = file("20260103000000_after", `CREATE TABLE "After" (id int);`);
      const failed = await migrateEmbedded(db, [good, bad, after]).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(MigrationFailedError);
      expect((failed as MigrationFailedError).migration).toBe(bad.name);
      expect((failed as Error).message).toContain('relation "Missing" does not exist');

      const tables = await db.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public' order by 1`);
      expect(tables.rows.map((r) => r.tablename)).toEqual(["Good", "_prisma_migrations"]);
      const rows = await db.query<AppliedMigration & { logs: string | null; applied_steps_count: number }>(
        `select migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count from "_prisma_migrations" order by migration_name`,
      );
      expect(rows.rows.map((r) => [r.migration_name, r.finished_at !== null, r.applied_steps_count])).toEqual([
        [good.name, true, 1],
        [bad.name, false, 0],
      ]);
      expect(rows.rows[1]!.logs).toContain('relation "Missing" does not exist');
      // From now on only the Prisma CLI decides (it refuses until the failure is resolved).
      expect(planMigrations([good, bad, after], rows.rows)).toEqual({ kind: "unusual", reason: `${bad.name} failed or is still being applied` });
    } finally {
      await db.close();
    }
  });
});

describe.runIf(inject("postgresUrl"))("migrations on the PostgreSQL server", () => {
  it("an empty database gets every migration through prisma migrate deploy; then it needs nothing", async () => {
    const base = inject("postgresUrl");
    // Named like the run's other databases, so the run drops it even if this test is killed.
    const name = `${inject("postgresTemplate").replace(/template$/, "")}${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const db = new pg.Client({ connectionString: url.toString() });
    try {
      const env = { DATABASE_URL: url.toString(), DATA_DIR: tmpdir() };
      const committed = readMigrationFiles(migrationsDir);
      expect(await deployMigrations(env)).toEqual(committed.map((m) => m.name));
      expect(await deployMigrations(env)).toEqual([]);
      await db.connect();
      const rows = await db.query(`select migration_name, checksum from "_prisma_migrations" where finished_at is not null order by migration_name`);
      expect(rows.rows).toEqual(committed.map((m) => ({ migration_name: m.name, checksum: m.checksum })));
    } finally {
      await db.end().catch(() => {});
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 300_000);
});
