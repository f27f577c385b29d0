/**
 * The PostgreSQL SQLSTATE behind an error from either store, or undefined. Prisma wraps database errors in several
 * ways: a raw query's failure is P2010 with the driver adapter's error in `meta.driverAdapterError` (its cause holds
 * `originalCode`, or `code` for kinds the adapter does not name), a model query's write conflict is P2034, and the
 * adapter's own DriverAdapterError or a pg error can reach us unwrapped (COPY, the PGlite wrapper).
 */
export function sqlStateOf(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const err = e as { name?: string; code?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };
  if (err.name?.startsWith("PrismaClient")) {
    if (err.code === "P2034") return "40001";
    return err.meta?.driverAdapterError ? sqlStateOf(err.meta.driverAdapterError) : undefined;
  }
  if (err.name === "DriverAdapterError") {
    const cause = err.cause as { originalCode?: unknown; code?: unknown } | undefined;
    const code = cause?.originalCode ?? cause?.code;
    return typeof code === "string" ? code : undefined;
  }
  return typeof err.code === "string" && /^[0-9A-Z]{5}$/.test(err.code) ? err.code : undefined;
}

/**
 * SQLSTATEs after which the whole transaction can simply run again: a serialization failure, a deadlock (PostgreSQL
 * rolled back one of the two), and a lock wait longer than the transaction's lock_timeout.
 */
export const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(["40001", "40P01", "55P03"]);
