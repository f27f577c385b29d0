/**
 * Import speed: customers and purchases through the CSV importer (validation, dedup keys, the work table, the
 * final INSERT with its KPI columns and triggers) against two baselines measured in the same run, each printed as a
 * ratio import/baseline:
 *
 * 1. "COPY, real table" (the target, ratio ≥ 0.5): a COPY of the same rows, already resolved (dedup keys computed by
 *    the importer's own DedupKeys, customer ids looked up, KPI columns computed), straight into "Customer" /
 *    "Purchase" for a scratch workspace with their indexes, constraints and the KPI triggers active: the fastest
 *    way to load these rows into this store. "Purchase" is emptied (TRUNCATE) first, so it starts as empty as it
 *    was for the import; "Customer" still holds the imported workspace's customers (one more index level at most).
 * 2. "COPY, scratch table": a plain COPY of the same CSV files into scratch tables without indexes, constraints or
 *    triggers: the speed of PostgreSQL's COPY itself, for scale (even baseline 1 reaches ~3% of it).
 *
 * PGlite (default): 100,000 customers and 1,000,000 purchases in a fresh DATA_DIR under .tmp/.
 * BENCH_DATABASE_URL (or DATABASE_URL) set: a scratch database on that server (created and dropped),
 * 200,000 customers and 2,000,000 purchases. BENCH_CUSTOMERS / BENCH_PURCHASES override the sizes;
 * BENCH_BATCH sets the importer's batch size. Run: npx tsx bench/import.ts
 */
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { storeFromPglite, storeFromPool, type Store } from "../src/db/client.js";
import { deployMigrations, projectRoot } from "../src/db/migrate.js";
import { openPglite } from "../src/db/pglite.js";
import { importCsvFile } from "../src/ingest/import-csv.js";
import { DedupKeys } from "../src/services/ingest/dedup-key.js";
import { ZPurchaseRecord } from "../src/services/ingest/records.js";
import { mulberry32 } from "../test/helpers/seeded-random.js";

const SEGMENTS = ["smb", "mid-market", "enterprise", "self-serve"];

async function writeLines(file: string, header: string, count: number, line: (i: number) => string) {
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  const chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    chunk.push(line(i));
    if (chunk.length === 10_000 || i === count - 1) {
      if (!out.write(`${chunk.join("\n")}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
      chunk.length = 0;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

export async function writeData(dir: string, customers: number, purchases: number, timeOrdered: boolean) {
  const rnd = mulberry32(42);
  const id = (i: number) => `C${String(i).padStart(8, "0")}`;
  const day0 = Date.UTC(2023, 0, 1);
  const customersCsv = path.join(dir, "customers.csv");
  const purchasesCsv = path.join(dir, "purchases.csv");
  await writeLines(
    customersCsv,
    "customer_id,name,segment,signed_up_at",
    customers,
    (i) => `${id(i)},Customer ${i},${SEGMENTS[i % 4]},${new Date(day0 + Math.floor(rnd() * 365) * 86_400_000).toISOString().slice(0, 10)}`,
  );
  // Half the purchases carry an id, half are identified by their fields (hash + occurrence).
  await writeLines(purchasesCsv, "purchase_id,customer_id,purchased_at,amount,currency", purchases, (i) => {
    // BENCH_ORDER=time: rows in time order, as shop exports usually are; default: random order (the worst case for
    // keeping each purchase's predecessor, since most rows then arrive before a later purchase of their customer).
    const second = timeOrdered ? Math.floor(((i + rnd()) / purchases) * 730 * 86_400) : Math.floor(rnd() * 730 * 86_400);
    const at = new Date(day0 + second * 1000).toISOString().replace(".000Z", "Z");
    const amount = (1 + Math.floor(rnd() * 50_000) / 100).toFixed(2);
    return `${i % 2 ? `P${i}` : ""},${id(Math.floor(rnd() * customers))},${at},${amount},USD`;
  });
  return { customersCsv, purchasesCsv };
}

/** A CSV cell (the generated data has no quotes, but names or ids could hold commas). */
const cell = (v: unknown) => {
  if (v === null || v === undefined) return "";
  const t = v instanceof Date ? v.toISOString() : String(v);
  return /[",\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
};

/**
 * The imported workspace's customers as rows for "Customer" of the scratch workspace (the values the importer
 * stored, so both loads write the same customers).
 */
async function writeResolvedCustomers(db: Store["db"], fromTeam: string, toTeam: string, file: string) {
  const rows = await db.$queryRawUnsafe<Array<{ externalId: string; name: string | null; segment: string | null; signedUpAt: Date | null }>>(
    `SELECT "externalId", "name", "segment", "signedUpAt" FROM "Customer" WHERE "teamId" = $1 ORDER BY "id"`,
    fromTeam,
  );
  await writeLines(file, "teamId,externalId,name,segment,signedUpAt", rows.length, (i) => {
    const r = rows[i]!;
    return [toTeam, r.externalId, r.name, r.segment, r.signedUpAt].map(cell).join(",");
  });
  return new Map(rows.map((r) => [r.externalId, r.signedUpAt ? r.signedUpAt.toISOString() : null]));
}

/**
 * The purchases CSV as rows for "Purchase" of the scratch workspace: the importer's own normalisation
 * (ZPurchaseRecord) and dedup keys (one DedupKeys fed in file order, as the importer does), customer ids
 * resolved from the scratch workspace's customers, and the KPI columns the triggers check (each purchase's
 * predecessor of the same customer in (time, file order), the customer's sign-up time). Built before the timed COPY,
 * so the triggers find nothing to correct: the floor for loading these rows.
 */
async function writeResolvedPurchases(source: string, file: string, toTeam: string, ids: Map<string, bigint>, signedUp: Map<string, string | null>) {
  const lines = readFileSync(source, "utf8").split("\n");
  const dedup = new DedupKeys();
  const rows: Array<{ customer: string; id: string | null; key: string; iso: string; ms: number; amount: string; currency: string | null; prev: string | null }> = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === "") continue;
    const [id, customerId, at, amount, currency] = lines[i]!.split(",");
    const p = ZPurchaseRecord.parse({ id: id || undefined, customerId, at, amount, currency: currency || undefined });
    const iso = p.at.toISOString();
    const key = dedup.key(p.id, ["purchase", p.customerId, iso, p.amount, p.currency ?? ""]);
    rows.push({ customer: p.customerId, id: p.id ?? null, key, iso, ms: p.at.getTime(), amount: p.amount, currency: p.currency ?? null, prev: null });
  }
  const order = rows.map((_, i) => i).sort((a, b) => (rows[a]!.customer < rows[b]!.customer ? -1 : rows[a]!.customer > rows[b]!.customer ? 1 : rows[a]!.ms - rows[b]!.ms || a - b));
  for (let k = 1; k < order.length; k++) {
    const r = rows[order[k]!]!;
    const before = rows[order[k - 1]!]!;
    if (before.customer === r.customer) r.prev = before.iso;
  }
  await writeLines(file, "teamId,customerId,externalId,dedupKey,at,amount,currency,prevAt,customerSignedUpAt", rows.length, (i) => {
    const r = rows[i]!;
    return [toTeam, ids.get(r.customer), r.id, r.key, r.iso, r.amount, r.currency, r.prev, signedUp.get(r.customer) ?? null].map(cell).join(",");
  });
  return rows.length;
}

/** What a workspace holds, to check that both loads wrote the same rows (and the rollup followed). */
async function fingerprint(db: Store["db"], teamId: string) {
  const [r] = await db.$queryRawUnsafe<Array<Record<string, string>>>(
    `SELECT (SELECT count(*)::text FROM "Purchase" WHERE "teamId" = $1) AS purchases,
       (SELECT sum("amount")::text FROM "Purchase" WHERE "teamId" = $1) AS amount,
       (SELECT sum(hashtext("dedupKey" || '|' || "at"::text || '|' || coalesce("externalId", '')))::text FROM "Purchase" WHERE "teamId" = $1) AS keys,
       (SELECT sum(hashtext(c."externalId"))::text FROM "Purchase" p JOIN "Customer" c ON c."id" = p."customerId" WHERE p."teamId" = $1) AS owners,
       (SELECT sum("revenue")::text || '/' || sum("purchaseCount")::text FROM "KpiCustomer" WHERE "teamId" = $1) AS rollup,
       (SELECT sum(hashtext(coalesce("prevAt"::text, '-') || '|' || coalesce("customerSignedUpAt"::text, '-')))::text FROM "Purchase" WHERE "teamId" = $1) AS "kpiColumns"`,
    teamId,
  );
  return r!;
}

interface Bench {
  store: Store;
  /** COPY a CSV file (with header) into a table. */
  copy(table: string, file: string): Promise<void>;
  close(): Promise<void>;
}

async function pgliteBench(dir: string): Promise<Bench> {
  const dataDir = path.join(dir, "data");
  await deployMigrations({ DATA_DIR: dataDir });
  const pglite = await openPglite(path.join(dataDir, "pglite"));
  const store = storeFromPglite(pglite);
  return {
    store,
    copy: async (table, file) => {
      await pglite.query(`COPY ${table} FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], { blob: new Blob([readFileSync(file)]) });
    },
    close: () => store.close(),
  };
}

async function serverBench(url: string): Promise<Bench> {
  const name = `rd_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  await deployMigrations({ DATA_DIR: path.join(projectRoot(), ".tmp"), DATABASE_URL: u.toString() });
  const pool = new pg.Pool({ connectionString: u.toString(), max: 4 });
  const store = storeFromPool(pool);
  return {
    store,
    copy: async (table, file) => {
      const client = await pool.connect();
      try {
        await pipeline(createReadStream(file), client.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`)));
      } finally {
        client.release();
      }
    },
    close: async () => {
      await store.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { seconds: (performance.now() - started) / 1000, result };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

export async function main() {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  const batchSize = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;
  const customers = Number(process.env.BENCH_CUSTOMERS ?? (url ? 200_000 : 100_000));
  const purchases = Number(process.env.BENCH_PURCHASES ?? (url ? 2_000_000 : 1_000_000));
  const dir = path.join(projectRoot(), ".tmp", `bench-import-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const timeOrdered = process.env.BENCH_ORDER === "time";
  const files = await writeData(dir, customers, purchases, timeOrdered);
  const mb = (f: string) => (statSync(f).size / 1e6).toFixed(0);
  process.stdout.write(
    `store: ${url ? "PostgreSQL server" : "PGlite"}; ${fmt(customers)} customers (${mb(files.customersCsv)} MB), ${fmt(purchases)} purchases (${mb(files.purchasesCsv)} MB), ${timeOrdered ? "in time order" : "in random order"}\n`,
  );
  const b = url ? await serverBench(url) : await pgliteBench(dir);
  try {
    const db = b.store.db;
    await db.$executeRawUnsafe(`CREATE TABLE bench_copy_customers (customer_id text, name text, segment text, signed_up_at timestamptz)`);
    await db.$executeRawUnsafe(`CREATE TABLE bench_copy_purchases (purchase_id text, customer_id text, purchased_at timestamptz, amount numeric(14,2), currency text)`);
    const teamId = "T0BENCH";

    const copyC = await timed(() => b.copy("bench_copy_customers", files.customersCsv));
    const copyP = await timed(() => b.copy("bench_copy_purchases", files.purchasesCsv));
    const impC = await timed(() => importCsvFile({ store: b.store, teamId, kind: "customers", file: files.customersCsv, batchSize }));
    const impP = await timed(() => importCsvFile({ store: b.store, teamId, kind: "purchases", file: files.purchasesCsv, batchSize }));
    const again = await timed(() => importCsvFile({ store: b.store, teamId, kind: "purchases", file: files.purchasesCsv, batchSize }));
    if (impC.result.accepted !== customers || impP.result.accepted !== purchases || again.result.accepted !== 0) {
      throw new Error(`unexpected counts: ${JSON.stringify({ c: impC.result.accepted, p: impP.result.accepted, again: again.result.accepted })}`);
    }

    // Baseline 1 (the target): the same rows, resolved, COPYed into the real tables for a scratch workspace.
    const scratch = "T0SCRATCH";
    const imported = await fingerprint(db, teamId);
    const resolvedC = path.join(dir, "customers-resolved.csv");
    const resolvedP = path.join(dir, "purchases-resolved.csv");
    const signedUp = await writeResolvedCustomers(db, teamId, scratch, resolvedC);
    const realC = await timed(() => b.copy(`"Customer" ("teamId", "externalId", "name", "segment", "signedUpAt")`, resolvedC));
    const ids = new Map(
      (await db.$queryRawUnsafe<Array<{ ext: string; id: bigint }>>(`SELECT "externalId" AS ext, "id" FROM "Customer" WHERE "teamId" = $1`, scratch)).map((r) => [r.ext, r.id]),
    );
    if (ids.size !== customers) throw new Error(`scratch customers: ${ids.size}`);
    await writeResolvedPurchases(files.purchasesCsv, resolvedP, scratch, ids, signedUp);
    // Same starting point as the import had: an empty "Purchase" (indexes emptied too).
    await db.$executeRawUnsafe(`TRUNCATE "Purchase"`);
    const realP = await timed(() => b.copy(`"Purchase" ("teamId", "customerId", "externalId", "dedupKey", "at", "amount", "currency", "prevAt", "customerSignedUpAt")`, resolvedP));
    const copied = await fingerprint(db, scratch);
    if (JSON.stringify(copied) !== JSON.stringify(imported)) {
      throw new Error(`the real-table COPY did not write what the import wrote: ${JSON.stringify({ imported, copied })}`);
    }

    const line = (label: string, rows: number, s: number, bases: Array<[string, number]> = []) =>
      process.stdout.write(
        `${label.padEnd(46)} ${fmt(rows / s).padStart(10)} rows/s  (${s.toFixed(2)} s)${bases.map(([name, b]) => `  import/${name} ${(b / s).toFixed(2)}`).join("")}\n`,
      );
    const vs = (scratchS: number, realS: number): Array<[string, number]> => [
      ["COPY-real", realS],
      ["COPY-bare", scratchS],
    ];
    process.stdout.write(`batch size ${batchSize ?? "default"}; ratios are speed import ÷ speed baseline (1.00 = as fast as that COPY)\n`);
    line("COPY customers, bare table (for scale)", customers, copyC.seconds);
    line("COPY customers, real table (target baseline)", customers, realC.seconds);
    line("import customers", customers, impC.seconds, vs(copyC.seconds, realC.seconds));
    line("COPY purchases, bare table (for scale)", purchases, copyP.seconds);
    line("COPY purchases, real table (target baseline)", purchases, realP.seconds);
    line("import purchases", purchases, impP.seconds, vs(copyP.seconds, realP.seconds));
    line("re-import purchases (all dupes)", purchases, again.seconds, vs(copyP.seconds, realP.seconds));
    line("COPY total, bare tables (for scale)", customers + purchases, copyC.seconds + copyP.seconds);
    line("COPY total, real tables (target baseline)", customers + purchases, realC.seconds + realP.seconds);
    line("import total", customers + purchases, impC.seconds + impP.seconds, vs(copyC.seconds + copyP.seconds, realC.seconds + realP.seconds));
  } finally {
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
