// `npx tsx bench/kpi.ts`: /kpi computation time (computeKpis, which includes the previous period) against the
// best single hand-written SQL statement computing the same numbers from the raw tables, as a ratio.
// PGlite: 100,000 customers / 1,000,000 purchases. With BENCH_DATABASE_URL or DATABASE_URL: a PostgreSQL server
// (a scratch database created and dropped), 1,000,000 / 10,000,000, generated with INSERT ... SELECT FROM
// generate_series. KPI_BENCH_SCALE=0.1 shrinks both; KPI_BENCH_STORES=postgres (or pglite) runs one store only.
// Synthetic data over two years ending at a fixed "now".
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { storeFromPglite, storeFromPool, type Store } from "../src/db/client.js";
import { openPgliteThread } from "../src/db/pglite-thread.js";
import { computeKpis } from "../src/services/kpi/compute-kpis.js";
import { boundariesOf } from "../src/services/kpi/resolve-period.js";
import { defaultPeriod, previousPeriod } from "../src/domain/time/calendar.js";

const root = path.resolve(import.meta.dirname, "..");
// Every migration, in order: the bench runs against the schema the bot runs.
const MIGRATIONS = readdirSync(path.join(root, "prisma/migrations"))
  .filter((m) => /^\d{14}_/.test(m))
  .sort();
const NOW = new Date("2026-11-23T12:00:00Z");
const TEAM = "TBENCH";
const migrationSql = () => MIGRATIONS.map((m) => readFileSync(path.join(root, "prisma/migrations", m, "migration.sql"), "utf8"));

/**
 * Loads synthetic customers and purchases with set-based SQL. Purchases go in with their triggers and secondary
 * indexes off (random-key index inserts made 10M rows take most of an hour); then the indexes are built and the
 * KpiCustomer rollup is computed by the same function the triggers call.
 */
function loadSql(customers: number, purchases: number): string[] {
  return [
    `insert into "Customer" ("teamId", "externalId", "segment", "signedUpAt", "churnedAt")
     select '${TEAM}', 'c' || g, (array['smb','mid','enterprise','startup','public'])[1 + g % 5],
       case when g % 3 = 0 then timestamptz '2024-11-01' + (g % 700) * interval '1 day' end,
       case when g % 17 = 0 then timestamptz '2025-06-01' + (g % 500) * interval '1 day' end
     from generate_series(1, ${customers}) g`,
    `alter table "Purchase" disable trigger all`,
    `drop index "Purchase_customerId_at_idx", "Purchase_teamId_dedupKey_key", "Purchase_kpi_teamId_at_idx"`,
    // The KPI columns the triggers keep (prevAt: the customer's purchase before; the customer's sign-up and churn
    // times and segment) computed in the same statement.
    `insert into "Purchase" ("teamId", "customerId", "dedupKey", "at", "amount", "prevAt", "customerSignedUpAt", "customerChurnedAt", "customerSegment")
     select '${TEAM}', s.cid, 'p' || s.g, s.at, s.amount, lag(s.at) over (partition by s.cid order by s.at, s.g), c."signedUpAt", c."churnedAt", c."segment"
     from (select g, (select min(id) from "Customer") + (abs(hashint4(g)) % ${customers}) as cid,
       timestamptz '2024-11-23' + ((g::bigint * 7919) % (730 * 86400)) * interval '1 second' as at,
       ((g % 20000) / 100.0 + 1)::numeric(14,2) as amount
       from generate_series(1, ${purchases}) g) s
     join "Customer" c on c.id = s.cid`,
    `create index "Purchase_customerId_at_idx" on "Purchase"("customerId", "at")`,
    `create unique index "Purchase_teamId_dedupKey_key" on "Purchase"("teamId", "dedupKey")`,
    `create index "Purchase_kpi_teamId_at_idx" on "Purchase"("teamId", "at") include ("customerId", "amount", "prevAt", "customerSignedUpAt", "customerChurnedAt", "customerSegment")`,
    `alter table "Purchase" enable trigger all`,
    `select kpi_recompute_customers(array(select id from "Customer"))`,
    `vacuum analyze`,
  ];
}

/** The baseline: one statement, raw tables only (no rollup), same numbers for the period and the previous one. */
function baselineSql(): string {
  return `
  with b as (select $2::timestamptz t0, $3::timestamptz t1, $4::timestamptz t2, $5::timestamptz w0, $6::timestamptz w1, $7::timestamptz w2),
  cust as (
    select c.id, coalesce(c."signedUpAt", f.first_at) as acquired, f.first_at, c."churnedAt"
    from "Customer" c left join (select "customerId", min(at) first_at from "Purchase" where "teamId" = $1 group by 1) f on f."customerId" = c.id
    where c."teamId" = $1
  ),
  win as (
    select p."customerId" cid,
      bool_or(p.at >= b.w0 and p.at < b.t0) a0, bool_or(p.at >= b.w1 and p.at < b.t1) a1, bool_or(p.at >= b.w2 and p.at < b.t2) a2,
      count(*) filter (where p.at >= b.t0 and p.at < b.t1) n1, sum(p.amount) filter (where p.at >= b.t0 and p.at < b.t1) r1,
      count(*) filter (where p.at >= b.t1) n2, sum(p.amount) filter (where p.at >= b.t1) r2
    from "Purchase" p, b where p."teamId" = $1 and p.at >= least(b.w0, b.t0) and p.at < b.t2 group by 1
  ),
  j as (
    select w.*, c.acquired, c.first_at,
      w.a0 and (c."churnedAt" is null or c."churnedAt" > b.t0) s0,
      w.a1 and (c."churnedAt" is null or c."churnedAt" > b.t1) s1,
      w.a2 and (c."churnedAt" is null or c."churnedAt" > b.t2) s2
    from win w join cust c on c.id = w.cid, b
  )
  select
    (select count(*) filter (where s1) from j) as active1, (select count(*) filter (where s2) from j) as active2,
    (select count(*) filter (where s1 and s2) from j) as retained, (select count(*) filter (where s0 and s1) from j) as retained_prev,
    (select count(*) filter (where acquired < b.t1 and not s1 and s2) from j) as reactivated,
    (select count(*) filter (where n2 > 0) from j) as purchasing, (select count(*) filter (where n2 > 0 and first_at < b.t1) from j) as repeat,
    (select sum(n2) from j) as purchases, (select sum(r2) from j) as revenue,
    (select count(*) filter (where n1 > 0) from j) as purchasing_prev, (select sum(r1) from j) as revenue_prev,
    (select count(*) filter (where acquired >= b.t1 and acquired < b.t2) from cust) as new_customers,
    (select count(*) filter (where acquired >= b.t0 and acquired < b.t1) from cust) as new_prev,
    (select count(*) filter (where acquired < b.t2) from cust) as acquired_before,
    (select sum(amount) from "Purchase" where "teamId" = $1 and at < b.t2) as revenue_before,
    (select count(*) filter (where kind = 'csat') from "SurveyResponse" where "teamId" = $1 and at >= b.t0 and at < b.t2) as surveys
  from b`;
}

async function time(f: () => Promise<unknown>, runs = 5): Promise<number> {
  await f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function run(label: string, store: Store, exec: (sql: string) => Promise<void>, customers: number, purchases: number) {
  const t = performance.now();
  for (const sql of migrationSql()) await exec(sql);
  for (const sql of loadSql(customers, purchases)) await exec(sql);
  process.stdout.write(
    `${label}: loaded ${customers.toLocaleString("en")} customers, ${purchases.toLocaleString("en")} purchases in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
  );
  const period = defaultPeriod(NOW, "UTC");
  const prev = previousPeriod(period);
  const b = boundariesOf([prev.from, period.from, period.to], 90, "UTC");
  const params = [TEAM, ...b.boundaries.map((d) => d.toISOString()), ...b.windowStarts.map((d) => d.toISOString())];
  const report = await computeKpis({ db: store.db, teamId: TEAM, now: NOW });
  const base = (await store.db.$queryRawUnsafe<Record<string, unknown>[]>(baselineSql(), ...params))[0]!;
  // Every count the baseline computes, against the report's (rates from their counts).
  const pairs: Array<[string, number, number | null]> = [
    ["activeAtStart", Number(base.active1), report.activeAtStart],
    ["activeAtEnd", Number(base.active2), report.activeAtEnd],
    ["retained", Number(base.retained), report.retained],
    ["previous.retained", Number(base.retained_prev), report.previous.retained],
    ["reactivated", Number(base.reactivated), report.reactivatedCustomers],
    ["purchasing", Number(base.purchasing), report.purchasingCustomers],
    ["repeatPurchaseRate", Number(base.repeat) / Number(base.purchasing), report.repeatPurchaseRate],
    ["purchases", Number(base.purchases), report.purchases],
    ["revenue", Number(base.revenue), report.revenue],
    ["previous.purchasing", Number(base.purchasing_prev), report.previous.purchasingCustomers],
    ["previous.revenue", Number(base.revenue_prev), report.previous.revenue],
    ["newCustomers", Number(base.new_customers), report.newCustomers],
    ["previous.newCustomers", Number(base.new_prev), report.previous.newCustomers],
  ];
  const differ = pairs.filter(([, want, got]) => got === null || Math.abs(want - got) > 1e-9 * Math.max(1, Math.abs(want)));
  for (const [name, want, got] of differ) process.stdout.write(`${label}: DIFFERENT ${name}: baseline ${want}, computeKpis ${got}\n`);
  const same = differ.length === 0;
  const kpiMs = await time(() => computeKpis({ db: store.db, teamId: TEAM, now: NOW }));
  const baseMs = await time(() => store.db.$queryRawUnsafe(baselineSql(), ...params), 3);
  process.stdout.write(
    `${label}: /kpi computeKpis (period + previous) ${kpiMs.toFixed(0)} ms (median of 5); hand-written single SQL on raw tables ${baseMs.toFixed(0)} ms; ratio ${(kpiMs / baseMs).toFixed(2)}; same numbers: ${same}; target < 1000 ms: ${kpiMs < 1000 ? "met" : "MISSED"}\n`,
  );
  process.stdout.write(
    `${label}: period ${report.from}..${report.to} active ${report.activeAtStart} -> ${report.activeAtEnd}, retention ${report.retentionRate?.toFixed(4)}, purchases ${report.purchases}\n`,
  );
}

export async function main() {
  const scale = Number(process.env.KPI_BENCH_SCALE ?? 1);
  const stores = (process.env.KPI_BENCH_STORES ?? "pglite,postgres").split(",");
  process.stdout.write(
    `load average at start: ${(await import("node:os"))
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} (${(await import("node:os")).cpus().length} cores)\n`,
  );
  if (stores.includes("pglite")) {
    // As the bot runs it: PGlite on its worker thread.
    const pglite = await openPgliteThread("memory://");
    const store = storeFromPglite(pglite);
    try {
      await run("PGlite", store, async (sql) => void (await pglite.exec(sql)), Math.round(100_000 * scale), Math.round(1_000_000 * scale));
    } finally {
      await store.close();
    }
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!stores.includes("postgres")) return;
  if (!url) {
    process.stdout.write("PostgreSQL server: skipped (set DATABASE_URL)\n");
    return;
  }
  const name = `rd_bench_kpi_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: u.toString(), max: 5 });
  // Dropping the database ends idle connections the adapter may still hold: not an error here.
  pool.on("error", () => {});
  const server = storeFromPool(pool);
  try {
    await run("PostgreSQL", server, async (sql) => void (await pool.query(sql)), Math.round(1_000_000 * scale), Math.round(10_000_000 * scale));
  } finally {
    await server.close();
    if (process.env.KPI_BENCH_KEEP) process.stdout.write(`kept database ${name}\n`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
