import { DriverAdapterError, type SqlDriverAdapter, type SqlDriverAdapterFactory, type SqlQueryable, type Transaction } from "@prisma/driver-adapter-utils";

/**
 * pglite-prisma-adapter reports every database error as `{ kind: "postgres", code }`, which Prisma 6.19 passes through
 * as a raw DriverAdapterError: a unique violation on PGlite was not Prisma's P2002, so "create, or return the row a
 * concurrent retry just created" failed on PGlite while it worked on a server. This wrapper maps the SQLSTATEs the
 * way Prisma's own adapter-pg does, so both stores raise the same Prisma errors.
 */
export function withPostgresErrorKinds(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrapAdapter(await factory.connect()),
  };
}

function wrapAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return Object.assign(Object.create(adapter) as SqlDriverAdapter, wrapQueryable(adapter), {
    executeScript: (script: string) => mapped(() => adapter.executeScript(script)),
    startTransaction: async (isolationLevel?: Parameters<SqlDriverAdapter["startTransaction"]>[0]) => wrapTransaction(await mapped(() => adapter.startTransaction(isolationLevel))),
  });
}

function wrapTransaction(tx: Transaction): Transaction {
  return Object.assign(Object.create(tx) as Transaction, wrapQueryable(tx));
}

function wrapQueryable(q: SqlQueryable): Pick<SqlQueryable, "queryRaw" | "executeRaw"> {
  return {
    queryRaw: (query) => mapped(() => q.queryRaw(query)),
    executeRaw: (query) => mapped(() => q.executeRaw(query)),
  };
}

async function mapped<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw mapError(e);
  }
}

interface PostgresCause {
  kind: "postgres";
  code: string;
  message: string;
  detail?: string;
  column?: string;
}

/** The SQLSTATE → error kind table of @prisma/adapter-pg 6.19 (the kinds Prisma turns into P2000/P2002/P2011/P2003/P2020/P2034). */
export function mapError(e: unknown): unknown {
  const cause = (e as { name?: string; cause?: Partial<PostgresCause> } | null)?.cause;
  if ((e as { name?: string } | null)?.name !== "DriverAdapterError" || cause?.kind !== "postgres" || !cause.code) return e;
  const fields = cause.detail
    ?.match(/Key \(([^)]+)\)/)
    ?.at(1)
    ?.split(", ");
  const base = { originalCode: cause.code, originalMessage: cause.message ?? "" };
  switch (cause.code) {
    case "22001":
      return new DriverAdapterError({ ...base, kind: "LengthMismatch", column: cause.column });
    case "22003":
      return new DriverAdapterError({ ...base, kind: "ValueOutOfRange", cause: cause.message ?? "" });
    case "23505":
      return new DriverAdapterError({ ...base, kind: "UniqueConstraintViolation", constraint: fields ? { fields } : undefined });
    case "23502":
      return new DriverAdapterError({ ...base, kind: "NullConstraintViolation", constraint: fields ? { fields } : undefined });
    case "23503":
      return new DriverAdapterError({ ...base, kind: "ForeignKeyConstraintViolation", constraint: cause.column ? { fields: [cause.column] } : undefined });
    case "40001":
      return new DriverAdapterError({ ...base, kind: "TransactionWriteConflict" });
    default:
      return e;
  }
}
