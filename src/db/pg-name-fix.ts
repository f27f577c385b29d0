import pg from "pg";

/**
 * A pg.Client whose results report PostgreSQL's `name` type (oid 19) as `text` (oid 25).
 *
 * Why: @prisma/adapter-pg 6.19 cannot deserialize `name` columns, which the schema engine's catalog
 * queries return, so `prisma migrate deploy` fails without this (prisma/orm#27403). Only the CLI needs it;
 * the app's queries never select `name` columns. pg-pool calls `query` with a callback, so both the
 * callback and the promise forms are handled.
 */
export class NameAsTextClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: forwards every overload of pg.Client.query unchanged
  override query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      const cb = last as (err: Error | null, res: pg.QueryResult) => void;
      args[args.length - 1] = (err: Error | null, res: pg.QueryResult) => cb(err, err ? res : (rewrite(res) as pg.QueryResult));
      // biome-ignore lint/suspicious/noExplicitAny: see above
      return (super.query as any)(...args);
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above
    const out = (super.query as any)(...args);
    if (out && typeof out.then === "function") return out.then(rewrite);
    return out;
  }
}

function rewrite(res: pg.QueryResult | pg.QueryResult[] | undefined): pg.QueryResult | pg.QueryResult[] | undefined {
  if (!res) return res;
  const list = Array.isArray(res) ? res : [res];
  for (const r of list) {
    for (const f of r.fields ?? []) if (f.dataTypeID === 19) f.dataTypeID = 25;
  }
  return res;
}
