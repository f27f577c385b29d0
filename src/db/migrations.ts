import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** One committed migration: prisma/migrations/<name>/migration.sql. */
export interface MigrationFile {
  name: string;
  sql: string;
  /** What Prisma records in `_prisma_migrations.checksum`: the SHA-256 of the file, in hex. */
  checksum: string;
}

/** A row of Prisma's `_prisma_migrations` table, the fields that say whether a migration is applied. */
export interface AppliedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * What the database needs: nothing, these migrations applied in order, or Prisma's own judgement ("unusual":
 * a failed or unfinished migration, one rolled back, edited or not committed here), which only `prisma migrate
 * deploy` gives exactly (it refuses a failed migration with P3009, for one).
 */
export type MigrationPlan = { kind: "up-to-date" } | { kind: "pending"; pending: MigrationFile[] } | { kind: "unusual"; reason: string };

/** The committed migrations in the order Prisma applies them (by directory name). */
export function readMigrationFiles(migrationsDir: string): MigrationFile[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Compares the committed migrations with the rows of `_prisma_migrations` (none when the table does not exist). */
export function planMigrations(files: readonly MigrationFile[], rows: readonly AppliedMigration[]): MigrationPlan {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const row of rows) {
    const file = byName.get(row.migration_name);
    if (row.rolled_back_at) return { kind: "unusual", reason: `${row.migration_name} was rolled back` };
    if (!row.finished_at) return { kind: "unusual", reason: `${row.migration_name} failed or is still being applied` };
    if (!file) return { kind: "unusual", reason: `${row.migration_name} is applied but not committed here` };
    if (file.checksum !== row.checksum) return { kind: "unusual", reason: `${row.migration_name} was edited after it was applied` };
  }
  const applied = new Set(rows.map((r) => r.migration_name));
  const pending = files.filter((f) => !applied.has(f.name));
  return pending.length ? { kind: "pending", pending } : { kind: "up-to-date" };
}

/** Prisma's bookkeeping table, exactly as `prisma migrate deploy` creates it on PostgreSQL. */
export const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Whether `_prisma_migrations` exists (on the search path, as Prisma looks it up): without it nothing is applied. */
export const MIGRATIONS_TABLE_EXISTS = `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`;

export const SELECT_APPLIED_MIGRATIONS = `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`;
