import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client.js";
import { writeTransaction } from "../../db/write-transaction.js";
import type { StagedWrite } from "./ingest-result.js";

/** The transaction that writes a whole file. */
const WHOLE_FILE_TRANSACTION = { timeout: 24 * 3600_000, maxWait: 60_000 };

const WORK_TABLE_PREFIX = "rd_import_";
const WORK_TABLE_NAME = /^rd_import_([0-9a-z]+)_[0-9a-f]+$/;
/** A work table older than this belongs to an import that died (killed, lost its connection): it is dropped. */
const WORK_TABLE_MAX_AGE_MS = 24 * 3600_000;

/** `rd_import_<creation time in base 36>_<random>`: unique per import, and its age is in its name. */
function workTableName(now = Date.now()): string {
  return `${WORK_TABLE_PREFIX}${now.toString(36)}_${randomBytes(4).toString("hex")}`;
}

async function dropStaleWorkTables(db: Db, now = Date.now()): Promise<void> {
  const tables = await db.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() AND starts_with(tablename, $1)`,
    WORK_TABLE_PREFIX,
  );
  for (const { name } of tables) {
    // Only names this module makes (they go into the SQL unquoted).
    const m = WORK_TABLE_NAME.exec(name);
    if (m && now - parseInt(m[1]!, 36) > WORK_TABLE_MAX_AGE_MS) await db.$executeRawUnsafe(`DROP TABLE IF EXISTS ${name}`);
  }
}

/**
 * The work table of one file import: created on the first batch (dropping work tables of imports that died
 * more than a day ago), appended to batch by batch by the importer, written into the store in one transaction
 * at the end of the file, and dropped in every case.
 */
export class ImportWorkTable<C> {
  private name: string | undefined;

  constructor(
    private readonly db: Db,
    private readonly staged: StagedWrite<C>,
  ) {}

  /** The table's name, creating the table on first use. */
  async open(): Promise<string> {
    if (!this.name) {
      await dropStaleWorkTables(this.db);
      const name = workTableName();
      await this.staged.create(this.db, name);
      this.name = name;
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
    if (this.name) await this.db.$executeRawUnsafe(`DROP TABLE IF EXISTS ${this.name}`);
  }
}
