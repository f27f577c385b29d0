import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { messages, Mutex, type PGlite } from "@electric-sql/pglite";
import { PGliteWorker } from "@electric-sql/pglite/worker";

/**
 * Embedded PostgreSQL (PGlite) on a worker thread. PGlite runs PostgreSQL compiled to WebAssembly, and in-process
 * every statement runs on the thread that also answers Slack: a 30 ms vote batch delays every ack queued behind
 * it. Here the database runs on its own thread; this thread only encodes and decodes wire-protocol messages.
 *
 * The client is PGlite's own client class (the base class of its browser `PGliteWorker`: query, exec, transaction,
 * parsers, serializers, array types), given the handful of methods it needs from an engine, each one message to
 * the worker. Queries and transactions are serialised here with PGlite's own mutexes, as in-process PGlite does.
 * Database errors come back as PGlite `DatabaseError`s with their SQLSTATE code, so Prisma maps them as before.
 */

/** PGlite's client base class (not exported by name: it is the parent of PGliteWorker). */
interface BasePGliteMethods {
  _initArrayTypes(): Promise<void>;
}
const BasePGlite = Object.getPrototypeOf(PGliteWorker) as new () => BasePGliteMethods;

/** Runs in the worker (CommonJS, evaluated from this string): opens PGlite and answers method calls. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { PGlite, messages } = require(workerData.pglite);
const { pg_trgm } = require(workerData.pgTrgm);
// Results must own their memory: a view into PGlite's WebAssembly heap cannot be sent.
const own = (u8) => (u8 && u8.byteLength !== u8.buffer.byteLength ? u8.slice() : u8);
(async () => {
  let db;
  try {
    db = await PGlite.create({ dataDir: workerData.dataDir, extensions: { pg_trgm }, ...(workerData.loadDataDir ? { loadDataDir: workerData.loadDataDir } : {}) });
  } catch (e) {
    parentPort.postMessage({ ready: false, error: { message: String(e && e.message || e), stack: e && e.stack } });
    return;
  }
  const methods = {
    execProtocolStream: (m, o) => db.execProtocolStream(m, o),
    execProtocol: async (m, o) => { const r = await db.execProtocol(m, o); return { messages: r.messages, data: own(r.data) }; },
    execProtocolRaw: async (m, o) => own(await db.execProtocolRaw(m, o)),
    syncToFs: () => db.syncToFs(),
    _handleBlob: (b) => db._handleBlob(b),
    _getWrittenBlob: () => db._getWrittenBlob(),
    _cleanupBlob: () => db._cleanupBlob(),
    dumpDataDir: (c) => db.dumpDataDir(c),
    close: () => db.close(),
  };
  parentPort.on("message", async ({ id, method, args }) => {
    try {
      parentPort.postMessage({ id, result: await methods[method](...args) });
    } catch (e) {
      const database = e instanceof messages.DatabaseError;
      parentPort.postMessage({ id, error: { ...e, message: String(e && e.message || e), name: e && e.name, stack: e && e.stack, database } });
    }
  });
  parentPort.postMessage({ ready: true });
})();
`;

interface Reply {
  id: number;
  result?: unknown;
  error?: Record<string, unknown> & { message: string; database?: boolean; length?: number; name?: string };
}

class PGliteThread extends BasePGlite {
  readonly debug = 0;
  #worker: Worker;
  #calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  #next = 0;
  #closed = false;
  #queryMutex = new Mutex();
  #transactionMutex = new Mutex();

  constructor(worker: Worker, onLost?: (e: Error) => void) {
    super();
    this.#worker = worker;
    worker.on("message", (m: Reply) => {
      const call = this.#calls.get(m.id);
      if (!call) return;
      this.#calls.delete(m.id);
      if (this.#calls.size === 0) worker.unref();
      if (m.error) call.reject(toError(m.error));
      else call.resolve(m.result);
    });
    worker.on("error", (e) => this.#failAll(e));
    worker.on("exit", (code) => {
      const lost = !this.#closed;
      this.#closed = true;
      const e = new Error(`the database thread stopped (exit code ${code})`);
      this.#failAll(e);
      // Not closed by us: the database is gone for good (e.g. out of memory in the thread).
      if (lost) onLost?.(e);
    });
  }

  get closed(): boolean {
    return this.#closed;
  }
  get ready(): boolean {
    return !this.#closed;
  }

  #call<T>(method: string, ...args: unknown[]): Promise<T> {
    if (this.#closed) return Promise.reject(new Error("PGlite is closed"));
    const id = ++this.#next;
    return new Promise<T>((resolve, reject) => {
      // Like a socket: the thread keeps the process alive only while a call is waiting for it.
      if (this.#calls.size === 0) this.#worker.ref();
      this.#calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ id, method, args });
    });
  }

  #failAll(e: unknown) {
    for (const call of this.#calls.values()) call.reject(e);
    this.#calls.clear();
  }

  execProtocolStream(message: Uint8Array, options?: ExecOptions) {
    return this.#call("execProtocolStream", message, flags(options));
  }
  execProtocol(message: Uint8Array, options?: ExecOptions) {
    return this.#call("execProtocol", message, flags(options));
  }
  execProtocolRaw(message: Uint8Array, options?: ExecOptions) {
    return this.#call("execProtocolRaw", message, flags(options));
  }
  syncToFs() {
    return this.#call<void>("syncToFs");
  }
  // PGlite asks for these around every query; only queries given a blob (COPY FROM '/dev/blob') need the thread.
  // COPY TO '/dev/blob' without an input blob is therefore not supported here (nothing in the bot uses it).
  #blobQuery = false;
  async _handleBlob(blob?: Blob) {
    this.#blobQuery = blob !== undefined;
    if (this.#blobQuery) await this.#call<void>("_handleBlob", blob);
  }
  async _getWrittenBlob() {
    return this.#blobQuery ? this.#call<Blob | undefined>("_getWrittenBlob") : undefined;
  }
  async _cleanupBlob() {
    if (this.#blobQuery) await this.#call<void>("_cleanupBlob");
  }
  async _checkReady() {
    if (this.#closed) throw new Error("PGlite is closed");
  }
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T> {
    return this.#queryMutex.runExclusive(fn);
  }
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.#transactionMutex.runExclusive(fn);
  }
  dumpDataDir(compression?: "auto" | "gzip" | "none") {
    return this.#call<Blob>("dumpDataDir", compression);
  }
  async listen(): Promise<never> {
    throw new Error("LISTEN is not supported on the PGlite thread");
  }
  async unlisten(): Promise<void> {}
  onNotification(): () => void {
    return () => {};
  }
  offNotification(): void {}

  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.#call("close");
    } finally {
      this.#closed = true;
      await this.#worker.terminate();
    }
  }

  /** For tests: ends the thread as a crash would. */
  async _crashForTest(): Promise<void> {
    await this.#worker.terminate();
  }
}

interface ExecOptions {
  syncToFs?: boolean;
  throwOnError?: boolean;
}

/** Query options also carry parsers and callbacks, which cannot cross threads (and are applied here): flags only. */
function flags(o: ExecOptions | undefined): ExecOptions {
  return { ...(o?.syncToFs !== undefined ? { syncToFs: o.syncToFs } : {}), ...(o?.throwOnError !== undefined ? { throwOnError: o.throwOnError } : {}) };
}

/** A database error keeps its class and fields (code, detail, constraint, …): Prisma maps it by its SQLSTATE. */
function toError(e: NonNullable<Reply["error"]>): Error {
  const { database, stack, ...fields } = e;
  const err = database ? new messages.DatabaseError(e.message, Number(e.length ?? 0), "error") : new Error(e.message);
  Object.assign(err, fields);
  if (stack && !database) err.stack = String(stack);
  return err;
}

/**
 * Opens the PGlite data directory `dataDir` (or "memory://") on a worker thread, optionally starting from a
 * dumped data directory. The result is used exactly like an in-process PGlite (query, exec, transaction,
 * dumpDataDir, close). One process only may open a data directory, as with in-process PGlite. `onLost` is told when
 * the thread ends without close() (every pending and later call fails).
 */
export async function openPgliteThread(dataDir: string, loadDataDir?: Blob, onLost?: (e: Error) => void): Promise<PGlite> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const require = createRequire(import.meta.url);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { dataDir, loadDataDir, pglite: require.resolve("@electric-sql/pglite"), pgTrgm: require.resolve("@electric-sql/pglite/contrib/pg_trgm") },
  });
  const ready = await new Promise<{ ready: boolean; error?: { message: string } }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  if (!ready.ready) {
    await worker.terminate();
    throw new Error(`PGlite could not open ${dataDir}: ${ready.error?.message}`);
  }
  const db = new PGliteThread(worker, onLost);
  worker.unref();
  await db._initArrayTypes();
  return db as unknown as PGlite;
}
