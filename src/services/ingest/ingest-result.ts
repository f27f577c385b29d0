import type { Db, Store } from "../../db/client.js";
import { writeTransaction } from "../../db/write-transaction.js";

/** A record that could not be ingested: its position in the request (or batch) and why. */
export interface RecordError {
  index: number;
  message: string;
}

/** What one ingestion call did. `duplicates` are valid records that were already stored (or unchanged customers). */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  errors: RecordError[];
  /** Customers created because a record named an unknown customer id (customers import: new customers). */
  customersCreated: number;
  /** External ids of the customers the valid records name, once each (the API's path; alerts judge only them). */
  customers?: readonly string[];
}

/** Where the bulk statements run: the client itself or an open transaction. */
export type Sql = Pick<Db, "$executeRawUnsafe" | "$queryRawUnsafe">;

/** Validated records of one batch, in columns ready for `unnest(...)`, plus the invalid ones. */
export interface PreparedBatch<C> {
  columns: C;
  /** Valid records in the batch (before merging or dedup). */
  valid: number;
  errors: RecordError[];
}

/** One kind of record: validation into columns, and the bulk write of those columns. */
export interface Ingester<C> {
  /** `fieldName` renames record fields in error messages (CSV reports its own column names). */
  prepare(records: readonly unknown[], dedup: import("./dedup-key.js").DedupKeys, fieldName?: (field: string) => string): PreparedBatch<C>;
  /** External ids of the customers the prepared records name (with repeats; nulls for records naming none). */
  customersOf(columns: C): readonly (string | null)[];
  write(sql: Sql, teamId: string, columns: C): Promise<{ written: number; customersCreated: number }>;
  /** A file import's way in: batches appended to a work table as they are read, the table applied at the end. */
  staged: StagedWrite<C>;
}

/** A work table for one file import (`table` is its name): created, appended to batch by batch, applied once. */
export interface StagedWrite<C> {
  create(sql: Sql, table: string): Promise<void>;
  /**
   * Appends a batch with COPY. Its rows get positions (`ord`) from `firstOrd` + 1 on, in file order; `firstOrd` is
   * at least the previous batch's last position.
   */
  append(copy: Store["copyCsv"], table: string, columns: C, firstOrd: number): Promise<unknown>;
  /** Writes what the table holds into the store (in the caller's transaction). */
  apply(sql: Sql, teamId: string, table: string): Promise<{ written: number; customersCreated: number }>;
}

/** The maximum number of records per API request (and a sensible upper bound for a CSV batch). */
export const MAX_RECORDS_PER_REQUEST = 10_000;

/** What an ingestion call gets: the store, the workspace, the records as received. */
export interface IngestOptions {
  db: Db;
  teamId: string;
  records: readonly unknown[];
  /** The longest wait for one customer another writer holds before the attempt is retried (default 5 s). */
  lockWaitMs?: number | undefined;
}

/** How long an ingestion request waits for a customer another writer holds, per attempt, unless told otherwise. */
export const DEFAULT_LOCK_WAIT_MS = 5_000;

/**
 * Validates and writes one batch in a transaction of its own (the API's path). Invalid records are reported with
 * their index; valid ones are written (or counted as duplicates). A transaction PostgreSQL rolled back for a deadlock,
 * a serialization failure or a lock wait past `lockWaitMs` runs again (writeTransaction); throws AppError BUSY when it
 * never got through.
 */
export async function ingestBatch<C>(ingester: Ingester<C>, opts: IngestOptions & { dedup: import("./dedup-key.js").DedupKeys }): Promise<IngestResult> {
  const prepared = ingester.prepare(opts.records, opts.dedup);
  if (prepared.valid === 0) return { accepted: 0, duplicates: 0, errors: prepared.errors, customersCreated: 0 };
  const { written, customersCreated } = await writeTransaction(opts.db, (tx) => ingester.write(tx, opts.teamId, prepared.columns), {
    lockWaitMs: opts.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
  });
  const customers = [...new Set(ingester.customersOf(prepared.columns))].filter((c): c is string => c !== null);
  return { accepted: written, duplicates: prepared.valid - written, errors: prepared.errors, customersCreated, customers };
}
