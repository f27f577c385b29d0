/**
 * Import speed: customers and purchases through the CSV importer (validation, dedup keys, bulk upserts,
 * KPI triggers) against a plain COPY of the same CSV files into scratch tables without indexes, the
 * fastest way PostgreSQL can take rows. Prints rows/s for each and the speed ratio import/COPY (goal: ≥ 0.5).
 *
 * PGlite (default): 100,000 customers and 1,000,000 purchases in a fresh DATA_DIR under .tmp/.
 * DATABASE_URL set: a scratch database on that server, 200,000 customers and 2,000,000 purchases.
 * BENCH_CUSTOMERS / BENCH_PURCHASES override the sizes. Run: npx tsx bench/import.ts
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

const SEGMENTS = ["smb", "mid-market", "enterprise", "self-serve"];

/** A small deterministic PRNG so every run imports the same rows. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

async function writeData(dir: string, customers: number, purchases: number) {
  const rnd = mulberry32(42);
  const id = (i: number) => `C${String(i).padStart(8, "0")}`;
  const day0 = Date.UTC(2023, 0, 1);
  const customersCsv = path.join(dir, "customers.csv");
  const purchasesCsv = path.join(dir, "purchases.csv");
  await writeLines(customersCsv, "customer_id,name,segment,signed_up_at", customers, (i) =>
    `${id(i)},Customer ${i},${SEGMENTS[i % 4]},${new Date(day0 + Math.floor(rnd() * 365) * 86_400_000).toISOString().slice(0, 10)}`,
  );
  // Half the purchases carry an id, half are identified by their fields (hash + occurrence).
  await writeLines(purchasesCsv, "purchase_id,customer_id,purchased_at,amount,currency", purchases, (i) => {
    const at = new Date(day0 + Math.floor(rnd() * 730 * 86_400)).toISOString().replace(".000Z", "Z");
    const amount = (1 + Math.floor(rnd() * 50_000) / 100).toFixed(2);
    return `${i % 2 ? `P${i}` : ""},${id(Math.floor(rnd() * customers))},${at},${amount},USD`;
  });
  return { customersCsv, purchasesCsv };
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
  const url = process.env.DATABASE_URL;
  const customers = Number(process.env.BENCH_CUSTOMERS ?? (url ? 200_000 : 100_000));
  const purchases = Number(process.env.BENCH_PURCHASES ?? (url ? 2_000_000 : 1_000_000));
  const dir = path.join(projectRoot(), ".tmp", `bench-import-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = await writeData(dir, customers, purchases);
  const mb = (f: string) => (statSync(f).size / 1e6).toFixed(0);
  process.stdout.write(`store: ${url ? "PostgreSQL server" : "PGlite"}; ${fmt(customers)} customers (${mb(files.customersCsv)} MB), ${fmt(purchases)} purchases (${mb(files.purchasesCsv)} MB)\n`);
  const b = url ? await serverBench(url) : await pgliteBench(dir);
  try {
    const db = b.store.db;
    await db.$executeRawUnsafe(`CREATE TABLE bench_copy_customers (customer_id text, name text, segment text, signed_up_at timestamptz)`);
    await db.$executeRawUnsafe(`CREATE TABLE bench_copy_purchases (purchase_id text, customer_id text, purchased_at timestamptz, amount numeric(14,2), currency text)`);
    const teamId = "T0BENCH";

    const copyC = await timed(() => b.copy("bench_copy_customers", files.customersCsv));
    const copyP = await timed(() => b.copy("bench_copy_purchases", files.purchasesCsv));
    const impC = await timed(() => importCsvFile({ db, teamId, kind: "customers", file: files.customersCsv }));
    const impP = await timed(() => importCsvFile({ db, teamId, kind: "purchases", file: files.purchasesCsv }));
    const again = await timed(() => importCsvFile({ db, teamId, kind: "purchases", file: files.purchasesCsv }));
    if (impC.result.accepted !== customers || impP.result.accepted !== purchases || again.result.accepted !== 0) {
      throw new Error(`unexpected counts: ${JSON.stringify({ c: impC.result.accepted, p: impP.result.accepted, again: again.result.accepted })}`);
    }

    const line = (label: string, rows: number, s: number, base?: number) =>
      process.stdout.write(`${label.padEnd(34)} ${fmt(rows / s).padStart(10)} rows/s  (${s.toFixed(2)} s)${base ? `  ratio import/COPY ${(base / s).toFixed(2)}` : ""}\n`);
    line("COPY customers (baseline)", customers, copyC.seconds);
    line("import customers", customers, impC.seconds, copyC.seconds);
    line("COPY purchases (baseline)", purchases, copyP.seconds);
    line("import purchases", purchases, impP.seconds, copyP.seconds);
    line("re-import purchases (all dupes)", purchases, again.seconds, copyP.seconds);
    const copyAll = copyC.seconds + copyP.seconds;
    const impAll = impC.seconds + impP.seconds;
    line("COPY total (baseline)", customers + purchases, copyAll);
    line("import total", customers + purchases, impAll, copyAll);
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
