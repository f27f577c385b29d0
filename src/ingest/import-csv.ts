import { randomBytes } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { parse, type CsvError, type Options as CsvOptions } from "csv-parse";
import type { Db } from "../db/client.js";
import { DedupKeys } from "../services/ingest/dedup-key.js";
import { ingesters, type IngestKind } from "../services/ingest/ingesters.js";
import type { Sql } from "../services/ingest/ingest-result.js";
import { CsvLayoutError, layoutFromHeader, layoutFromPreset, recordFromRow, type CsvPreset, type RowLayout } from "./csv-columns.js";

/** A row that was not imported: its line in the file (1-based, header included) and why. */
export interface BadRow {
  line: number;
  message: string;
}

export interface ImportProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
  batches: number;
  /** "applying": the whole file is read and its rows (`rows` of them valid) are being written in one statement. */
  phase: "reading" | "applying";
}

export interface ImportSummary {
  kind: IngestKind;
  /** Data rows read (header excluded). */
  rows: number;
  /** Rows written: new purchases/responses, customers created or changed. */
  accepted: number;
  /** Valid rows already stored (or customers unchanged). */
  duplicates: number;
  customersCreated: number;
  badRows: BadRow[];
  /**
   * False when nothing was written: --strict found bad rows, or the import was interrupted under --strict or
   * before a staged kind (purchases) reached the end of the file.
   */
  applied: boolean;
  /** True when `signal` stopped the import before the end of the file. */
  interrupted: boolean;
  batches: number;
  ignoredColumns: string[];
}

export interface ImportOptions {
  db: Db;
  teamId: string;
  kind: IngestKind;
  file: string;
  /** canonical column -> header in the file (`--map customer_id=cust`). */
  map?: Record<string, string>;
  /** Apply nothing when any row is bad (one transaction for the whole file). */
  strict?: boolean;
  delimiter?: string;
  format?: "csv" | CsvPreset;
  /** Rows per bulk statement and per transaction (default 20,000). */
  batchSize?: number;
  /**
   * Checked between batches: an aborted import stops after the batch in progress (re-run it to finish). Purchases
   * are applied only at the end of the file, so an aborted purchase import writes nothing.
   */
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

class StrictRollback extends Error {}

/** A transaction for a whole file (--strict, or applying a staged import). */
const WHOLE_FILE_TRANSACTION = { timeout: 24 * 3600_000, maxWait: 60_000 };

const WORK_TABLE_PREFIX = "rd_import_";
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
    const created = parseInt(name.slice(WORK_TABLE_PREFIX.length).split("_")[0] ?? "", 36);
    if (Number.isFinite(created) && now - created > WORK_TABLE_MAX_AGE_MS) await db.$executeRawUnsafe(`DROP TABLE IF EXISTS ${name}`);
  }
}

const DEFAULT_BATCH = 20_000;
/** Prisma ends interactive transactions after 5 s by default; a large batch on a busy server can take longer. */
export const BATCH_TRANSACTION = { timeout: 120_000, maxWait: 30_000 };

/**
 * Imports one CSV (or preset) file through the same services as the HTTP API: streams it, validates each
 * row, writes valid rows in bulk batches that commit independently (all in one transaction with `strict`).
 * Purchases (an ingester with `staged`) go to a work table batch by batch instead and are written in one
 * statement at the end of the file: a purchase's predecessor can be anywhere in the file, and one statement
 * computes it for all rows at once instead of correcting stored rows batch after batch (and maintains the KPI
 * rollup once per customer, not once per batch).
 * Re-running the same file changes nothing, so an interrupted import can simply be run again.
 * Throws CsvLayoutError when the header does not fit (nothing written), and database errors.
 */
export async function importCsvFile(opts: ImportOptions): Promise<ImportSummary> {
  const ingester = ingesters[opts.kind];
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const preset = opts.format && opts.format !== "csv" ? opts.format : undefined;
  const totalBytes = statSync(opts.file).size;
  const summary: ImportSummary = {
    kind: opts.kind, rows: 0, accepted: 0, duplicates: 0, customersCreated: 0, badRows: [], applied: true, interrupted: false, batches: 0, ignoredColumns: [],
  };
  let layout: RowLayout | undefined = preset ? layoutFromPreset(opts.kind, preset) : undefined;
  const dedup = new DedupKeys();
  const staged = ingester.staged;
  /** The staged kind's work table, created with the first batch. */
  let table: string | undefined;
  let stagedRows = 0;

  const csvOptions: CsvOptions = {
    bom: true,
    delimiter: preset ? [" ", "\t"] : (opts.delimiter ?? ","),
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // Keep only what we need per row (cells and the line it ends on), not csv-parse's whole info object.
    on_record: ((cells: string[], ctx: { lines: number }) => ({ cells, line: ctx.lines })) as unknown as CsvOptions["on_record"],
    on_skip: (err: CsvError | undefined) => {
      if (err) summary.badRows.push({ line: Number(err.lines ?? 0), message: `unreadable CSV: ${err.message}` });
      return undefined;
    },
  };
  const parser = parse(csvOptions);
  const input = createReadStream(opts.file, { highWaterMark: 1 << 20 });
  input.on("error", (e) => parser.destroy(e));
  input.pipe(parser);

  let pending: { record: Record<string, string | null>; line: number }[] = [];

  // One batch is written while the next is read and validated, so this process and the database work at the
  // same time. Writes stay one at a time and in file order (a batch's customers exist before the next batch).
  let writing: Promise<void> = Promise.resolve();
  const flush = async (sql: Sql | null) => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const fieldName = (field: string) => layout!.sources.find((s) => s.field === field)?.header ?? field;
    const prepared = ingester.prepare(batch.map((b) => b.record), dedup, fieldName);
    const rowsRead = summary.rows;
    const bytesRead = parser.info.bytes;
    await writing;
    // Stopped while the previous batch was written: this one is not written, nor counted.
    if (opts.signal?.aborted) {
      summary.rows -= batch.length;
      summary.interrupted = true;
      return;
    }
    for (const e of prepared.errors) summary.badRows.push({ line: batch[e.index]!.line, message: e.message });
    const batches = ++summary.batches;
    // Under --strict a bad row anywhere means nothing is kept: stop writing, keep validating to list them all.
    const writable = sql && prepared.valid > 0 && !(opts.strict && summary.badRows.length > 0);
    const write = async () => {
      if (writable && staged) {
        if (!table) {
          await dropStaleWorkTables(opts.db);
          table = workTableName();
          await staged.create(opts.db, table);
        }
        stagedRows += await staged.append(opts.db, table, prepared.columns, stagedRows);
      } else if (writable) {
        const { written, customersCreated } = opts.strict
          ? await ingester.write(sql, opts.teamId, prepared.columns)
          : await opts.db.$transaction((tx) => ingester.write(tx, opts.teamId, prepared.columns), BATCH_TRANSACTION);
        summary.accepted += written;
        summary.duplicates += prepared.valid - written;
        summary.customersCreated += customersCreated;
      }
      opts.onProgress?.({ rows: rowsRead, bytes: bytesRead, totalBytes, batches, phase: "reading" });
    };
    writing = write();
    // Its failure is thrown by the next `await writing`; until then it must not count as unhandled.
    writing.catch(() => undefined);
  };

  const run = async (sql: Sql) => {
    try {
      for await (const { cells, line } of parser as AsyncIterable<{ cells: string[]; line: number }>) {
        const row = preset ? cells.filter((c) => c !== "") : cells;
        if (!layout) {
          layout = layoutFromHeader(opts.kind, row, opts.map);
          summary.ignoredColumns = layout.ignoredHeaders;
          continue;
        }
        summary.rows++;
        const start = line - countNewlines(row);
        if (row.length !== layout.width) {
          summary.badRows.push({ line: start, message: `expected ${layout.width} columns, found ${row.length}` });
          continue;
        }
        pending.push({ record: recordFromRow(layout, row), line: start });
        if (pending.length >= batchSize) {
          await flush(sql);
          if (opts.signal?.aborted) {
            summary.interrupted = true;
            break;
          }
        }
      }
      if (!summary.interrupted) await flush(sql);
      await writing;
    } finally {
      // A failed read must not leave a write running in a transaction that is about to end.
      await writing.catch(() => undefined);
      input.destroy();
      parser.destroy();
    }
    if (!layout) throw new CsvLayoutError("the file is empty: no header row");
  };

  if (staged) {
    try {
      await run(opts.db);
      if (summary.interrupted || (opts.strict && summary.badRows.length > 0)) summary.applied = false;
      else if (table) {
        opts.onProgress?.({ rows: stagedRows, bytes: totalBytes, totalBytes, batches: summary.batches, phase: "applying" });
        const work = table;
        const { written, customersCreated } = await opts.db.$transaction((tx) => staged.apply(tx, opts.teamId, work), WHOLE_FILE_TRANSACTION);
        summary.accepted = written;
        summary.duplicates = stagedRows - written;
        summary.customersCreated = customersCreated;
      }
    } finally {
      if (table) await opts.db.$executeRawUnsafe(`DROP TABLE IF EXISTS ${table}`);
    }
  } else if (!opts.strict) {
    await run(opts.db);
  } else {
    try {
      await opts.db.$transaction(
        async (tx) => {
          await run(tx);
          if (summary.badRows.length > 0 || summary.interrupted) throw new StrictRollback();
        },
        WHOLE_FILE_TRANSACTION,
      );
    } catch (e) {
      if (!(e instanceof StrictRollback)) throw e;
      summary.applied = false;
      summary.accepted = 0;
      summary.duplicates = 0;
      summary.customersCreated = 0;
    }
  }
  summary.badRows.sort((a, b) => a.line - b.line);
  return summary;
}

function countNewlines(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (c.includes("\n")) n += c.split("\n").length - 1;
  return n;
}
