import { randomBytes } from "node:crypto";
import { WORK_TABLE_LOCK, type Db, type Store } from "../../db/client.js";
import { writeTransaction } from "../../db/write-transaction.js";
import type { StagedWrite } from "./ingest-result.js";

/** The transaction that writes a whole file. */
const WHOLE_FILE_TRANSACTION = { timeout: 24 * 3600_000, maxWait: 60_000 };

const WORK_TABLE_PREFIX = "rd_import_";
const WORK_TABLE_NAME = /^rd_import_([0-9a-z]+)_[0-9a-f]+$/;

/** `rd_import_<creation time in base 36>_<random>`: unique per import, and its age is in its name. */
function workTableName(now = Date.now()): string {
  return `${WORK_TABLE_PREFIX}${now.toString(36)}_${randomBytes(4).toString("hex")}`;
}

/**
 * Drops the work tables (customer rows) that crashed or killed imports left behind: every `rd_import_*` table whose
 * advisory lock is free. A running import holds its table's lock on a connection of its own
 * (Store.holdWorkTableLock) until it ends, so its table is never dropped; a dead import's lock ended with its
 * connection. (The embedded store is opened by one process at a time: no other import can be running there.)
 * Called at the bot's start and when an import creates its table. Returns the names dropped.
 */
export async function dropLeftoverWorkTables(db: Db): Promise<string[]> {
  const tables = await db.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() AND starts_with(tablename, $1) ORDER BY 1`,
    WORK_TABLE_PREFIX,
  );
  const dropped: string[] = [];
  for (const { name } of tables) {
    // Only names this module makes (they go into the SQL unquoted).
    if (!WORK_TABLE_NAME.test(name)) continue;
    const free = await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRawUnsafe<Array<{ free: boolean }>>(`SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS free`, WORK_TABLE_LOCK, name);
      if (row?.free) await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS ${name}`);
      return row?.free === true;
    });
    if (free) dropped.push(name);
  }
  return dropped;
}

/**
 * The work table of one file import: created on the first batch (dropping work tables of imports that died,
 * and holding the table's advisory lock until it is dropped), appended to batch by batch by the importer, written into the store in one transaction
 * at the end of the file, and dropped in every case.
 */
export class ImportWorkTable<C> {
  private name: string | undefined;
  private lock: { release(): Promise<void> } | undefined;

  constructor(
    private readonly db: Db,
    private readonly staged: StagedWrite<C>,
    private readonly holdLock: Store["holdWorkTableLock"],
  ) {}

  /** The table's name, creating the table on first use. */
  async open(): Promise<string> {
    if (!this.name) {
      await dropLeftoverWorkTables(this.db);
      const name = workTableName();
      this.lock = await this.holdLock(name);
      this.name = name;
      await this.staged.create(this.db, name);
    }
    return this.name;
  }

  /** Whether a batch was ever staged. */
  get opened(): boolean {
    return this.name !== undefined;
  }

  /**
   * Writes the whole table into the store for `teamId`, in one transaction. Concurrent writers of the same
   * customers (the API, another import) are waited for, not timed out; a deadlock or serialization failure
   * applies the table again.
   */
  async apply(teamId: string): Promise<{ written: number; customersCreated: number }> {
    const table = await this.open();
    return writeTransaction(this.db, (tx) => this.staged.apply(tx, teamId, table), WHOLE_FILE_TRANSACTION);
  }

  async drop(): Promise<void> {
    try {
      if (this.name) await this.db.$executeRawUnsafe(`DROP TABLE IF EXISTS ${this.name}`);
    } finally {
      await this.lock?.release();
      this.lock = undefined;
    }
  }
}
