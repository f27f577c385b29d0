import pRetry from "p-retry";
import { AppError } from "../errors/app-error.js";
import type { Prisma } from "../generated/prisma/client.js";
import type { Db } from "./client.js";
import { RETRYABLE_SQLSTATES, sqlStateOf } from "./sql-state.js";

export interface WriteTransactionOptions {
  /**
   * The longest one statement waits for one lock (PostgreSQL's lock_timeout), e.g. for a customer another writer
   * holds; past it the attempt fails and is retried. Unset: wait as long as the transaction may run.
   */
  lockWaitMs?: number | undefined;
  /** Attempts after the first (default 5). */
  retries?: number | undefined;
  /** Prisma's interactive-transaction limits: the whole attempt, and the wait for a connection. */
  timeout?: number | undefined;
  maxWait?: number | undefined;
}

/** Seconds a client is asked to wait (Retry-After) when the store stayed busy through every attempt. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/**
 * Runs `work` in a transaction, and runs it again in a fresh one when PostgreSQL rolled it back for a reason that
 * goes away on its own: a serialization failure (40001), a deadlock (40P01), a lock wait past `lockWaitMs` (55P03).
 * Attempts are spaced by exponential backoff with jitter (p-retry: 25 ms doubling up to 1 s, each times 1-2), so
 * writers that collided do not collide again in step. `work` must be safe to run twice: everything it did in a
 * failed attempt was rolled back.
 *
 * Throws AppError BUSY (with `retryAfterSeconds`) when every attempt failed that way; other errors at once.
 */
export async function writeTransaction<T>(db: Db, work: (tx: Prisma.TransactionClient) => Promise<T>, opts: WriteTransactionOptions = {}): Promise<T> {
  const attempt = () =>
    db.$transaction(
      async (tx) => {
        if (opts.lockWaitMs !== undefined) await tx.$queryRawUnsafe(`SELECT set_config('lock_timeout', $1, true)`, `${Math.max(1, Math.round(opts.lockWaitMs))}ms`);
        return work(tx);
      },
      { timeout: opts.timeout ?? 120_000, maxWait: opts.maxWait ?? 30_000 },
    );
  try {
    return await pRetry(attempt, {
      retries: opts.retries ?? 5,
      minTimeout: 25,
      factor: 2,
      maxTimeout: 1_000,
      randomize: true,
      shouldRetry: ({ error }) => isRetryable(error),
    });
  } catch (e) {
    if (isRetryable(e)) throw new AppError("BUSY", "error.busy", { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS });
    throw e;
  }
}

const isRetryable = (e: unknown) => RETRYABLE_SQLSTATES.has(sqlStateOf(e) ?? "") || e instanceof ConcurrentWriteError;

/**
 * Thrown inside a write transaction when a concurrent writer changed what this attempt computed from (e.g. it stored
 * one of the same keys first): the attempt is rolled back and run again, like a serialization failure.
 */
export class ConcurrentWriteError extends Error {
  constructor(what: string) {
    super(`concurrent write: ${what}`);
    this.name = "ConcurrentWriteError";
  }
}
