// `npx tsx bench/kpi.ts`: /kpi computation time (computeKpis, which includes the previous period) against the
// best single hand-written SQL statement computing the same numbers from the raw tables, as a ratio.
// PGlite: 100,000 customers / 1,000,000 purchases. With BENCH_DATABASE_URL or DATABASE_URL: a PostgreSQL server
// (a scratch database created and dropped), 1,000,000 / 10,000,000, generated with INSERT ... SELECT FROM
// generate_series. KPI_BENCH_SCALE=0.1 shrinks both; KPI_BENCH_STORES=postgres (or pglite) runs one store only;
// KPI_BENCH_PGLITE_DIR=<dir> keeps PGlite's data there (loaded once, reused by later runs).
// Synthetic data over two years ending at a fixed "now".
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { storeFromPglite, storeFromPool, type Store } from "../src/db/client.js";
import { openPgliteThread } from "../src/db/pglite-thread.js";
import { computeKpis } from "../src/services/kpi/compute-kpis.js";
import { computeKpiTrend } from "../src/services/kpi/compute-kpi-trend.js";
import { evaluateKpiAlerts } from "../src/services/alerts/evaluate-kpi-alerts.js";
import { setKpiTarget } from "../src/services/targets/set-kpi-target.js";
import { baselineSql, baselineTrendSql } from "./_kpi-baselines.js";
import { boundariesOf } from "../src/services/kpi/resolve-period.js";
import { addDays, defaultPeriod, previousPeriod, startOfDay } from "../src/domain/time/calendar.js";

const root = path.resolve(import.meta.dirname, "..");
// Every migration, in order: the bench runs against the schema the bot runs.
const MIGRATIONS = readdirSync(path.join(root, "prisma/migrations"))
  .filter((m) => /^\d{14}_/.test(m))
  .sort();
export const NOW = new Date("2026-11-23T12:00:00Z");
export const TEAM = "TBENCH";
/** Customers are spread evenly over this many segments: a KPI alert judges each of them and everyone. */
export const SEGMENTS = 20;
export const migrationSql = () => MIGRATIONS.map((m) => readFileSync(path.join(root, "prisma/migrations", m, "migration.sql"), "utf8"));

/**
 * Loads synthetic customers and purchases with set-based SQL. Purchases go in with their triggers and secondary
 * indexes off (random-key index inserts made 10M rows take most of an hour); then the indexes are built and the
 * KpiCustomer rollup is computed by the same function the triggers call.
 */
export function loadSql(customers: number, purchases: number): string[] {
  return [
    `insert into "Customer" ("teamId", "externalId", "segment", "signedUpAt", "churnedAt")
     select '${TEAM}', 'c' || g, 'segment-' || lpad((1 + g % ${SEGMENTS})::text, 2, '0'),
       case when g % 3 = 0 then timestamptz '2024-11-01' + (g % 700) * interval '1 day' end,
       case when g % 17 = 0 then timestamptz '2025-06-01' + (g % 500) * interval '1 day' end
     from generate_series(1, ${customers}) g`,
    `alter table "Purchase" disable trigger all`,
    `drop index "Purchase_customerId_at_idx", "Purchase_teamId_dedupKey_key", "Purchase_kpi_teamId_at_idx", "Purchase_kpi_teamId_segment_at_idx"`,
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
    `create index "Purchase_kpi_teamId_segment_at_idx" on "Purchase"("teamId", "customerSegment", "at") include ("customerId", "amount", "prevAt", "customerSignedUpAt", "customerChurnedAt") where "customerSegment" is not null`,
    `alter table "Purchase" enable trigger all`,
    // Statistics first: without them the planner joins the fresh tables badly (32 s for 10,000 customers in PGlite).
    `analyze`,
    `select kpi_recompute_customers(array(select id from "Customer"))`,
    `vacuum analyze`,
  ];
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

/** Median of `runs` timings of `f`, each after `prepare` (not timed). */
async function timeAfter(prepare: () => Promise<unknown>, f: () => Promise<unknown>, runs = 3): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    await prepare();
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** Nothing kept: the workspace's period rollups deleted (a first ask, or a change before the periods). */
const forgetRollups = (store: Store) => store.db.kpiPeriodRollup.deleteMany({ where: { teamId: TEAM } });

async function run(label: string, store: Store, exec: (sql: string) => Promise<void>, customers: number, purchases: number, load = true) {
  const t = performance.now();
  if (load) {
    for (const sql of migrationSql()) await exec(sql);
    for (const sql of loadSql(customers, purchases)) await exec(sql);
  }
  process.stdout.write(
    `${label}: ${load ? "loaded" : "reused"} ${customers.toLocaleString("en")} customers, ${purchases.toLocaleString("en")} purchases in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
  );
  // KPI_BENCH_PARTS=segment,alerts (any of all, segment, trend, alerts): only those figures.
  const parts = (process.env.KPI_BENCH_PARTS ?? "all,segment,trend,alerts").split(",");
  const period = defaultPeriod(NOW, "UTC");
  const prev = previousPeriod(period);
  const b = boundariesOf([prev.from, period.from, period.to], 90, "UTC");
  const params = [TEAM, ...b.boundaries.map((d) => d.toISOString()), ...b.windowStarts.map((d) => d.toISOString()), null];
  if (parts.includes("all")) await wholeWorkspace(label, store, params);
  if (parts.includes("segment")) await segmentCut(label, store, params);
  if (parts.includes("alerts")) await kpiAlerts(label, store);
  if (parts.includes("trend")) await trend(label, store, customers);
}

/** `/kpi` for the whole workspace against the hand-written statement. */
async function wholeWorkspace(label: string, store: Store, params: unknown[]) {
  const report = await computeKpis({ db: store.db, teamId: TEAM, now: NOW });
  const base = (await store.db.$queryRawUnsafe<Record<string, unknown>[]>(baselineSql(), ...params))[0]!;
  const same = differences(label, base, report) === 0;
  const kpiMs = await time(() => computeKpis({ db: store.db, teamId: TEAM, now: NOW }));
  const coldMs = await timeAfter(
    () => forgetRollups(store),
    () => computeKpis({ db: store.db, teamId: TEAM, now: NOW }),
  );
  const baseMs = await time(() => store.db.$queryRawUnsafe(baselineSql(), ...params), 3);
  process.stdout.write(
    `${label}: /kpi computeKpis (period + previous) ${kpiMs.toFixed(0)} ms with both periods kept (median of 5), ${coldMs.toFixed(0)} ms with nothing kept (median of 3); hand-written single SQL on raw tables ${baseMs.toFixed(0)} ms; ratios ${(kpiMs / baseMs).toFixed(2)} / ${(coldMs / baseMs).toFixed(2)}; same numbers: ${same}; target < 1000 ms: ${Math.max(kpiMs, coldMs) < 1000 ? "met" : "MISSED"}\n`,
  );
  process.stdout.write(
    `${label}: period ${report.from}..${report.to} active ${report.activeAtStart} -> ${report.activeAtEnd}, retention ${report.retentionRate?.toFixed(4)}, purchases ${report.purchases}\n`,
  );
}

/** Every count of a KpiReport against the baseline row (rates from their counts); prints the ones that differ. */
function differences(label: string, base: Record<string, unknown>, report: Awaited<ReturnType<typeof computeKpis>>): number {
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
  return differ.length;
}

const SEGMENT = "segment-07";

/** `/kpi segment-07` (one customer in 20) against the hand-written statement cut to that segment. */
async function segmentCut(label: string, store: Store, params: unknown[]) {
  const segParams = [...params.slice(0, -1), SEGMENT];
  const report = await computeKpis({ db: store.db, teamId: TEAM, now: NOW, segment: SEGMENT });
  const base = (await store.db.$queryRawUnsafe<Record<string, unknown>[]>(baselineSql(), ...segParams))[0]!;
  const same = differences(`${label} segment`, base, report) === 0 && report.activeAtEnd > 0;
  const ms = await time(() => computeKpis({ db: store.db, teamId: TEAM, now: NOW, segment: SEGMENT }));
  const coldMs = await timeAfter(
    () => forgetRollups(store),
    () => computeKpis({ db: store.db, teamId: TEAM, now: NOW, segment: SEGMENT }),
  );
  const baseMs = await time(() => store.db.$queryRawUnsafe(baselineSql(), ...segParams), 3);
  process.stdout.write(
    `${label}: /kpi ${SEGMENT} (segment cut, period + previous) ${ms.toFixed(0)} ms with both periods kept (median of 5), ${coldMs.toFixed(0)} ms with nothing kept (median of 3); hand-written single SQL cut to the segment ${baseMs.toFixed(0)} ms; ratios ${(ms / baseMs).toFixed(2)} / ${(coldMs / baseMs).toFixed(2)}; same numbers: ${same}; target < 1000 ms: ${Math.max(ms, coldMs) < 1000 ? "met" : "MISSED"}\n`,
  );
}

/**
 * The 12-period trend behind the charts and target lines (12 × 4 weeks) against one hand-written statement: cold (no
 * period rollup kept: the first computation), warm (all 12 kept) and after ingestion batches of 1,000 purchases: in
 * the current week (after the trend's end: nothing is counted again), and over the last two weeks (half in the newest
 * period: that period is counted again).
 */
async function trend(label: string, store: Store, customers: number) {
  const db = store.db;
  const to = defaultPeriod(NOW, "UTC").to;
  const days = Array.from({ length: 13 }, (_, j) => addDays(to, -28 * (12 - j)));
  const b = boundariesOf(days, 90, "UTC");
  const params = [TEAM, ...b.boundaries.map((d) => d.toISOString()), ...b.windowStarts.map((d) => d.toISOString())];
  const compute = () => computeKpiTrend({ db, teamId: TEAM, now: NOW });
  const clear = () => db.$executeRawUnsafe(`delete from "KpiPeriodRollup" where "teamId" = $1`, TEAM);
  const kept = async () => Number((await db.$queryRawUnsafe<Array<{ n: number }>>(`select count(*)::int as n from "KpiPeriodRollup" where "teamId" = $1`, TEAM))[0]!.n);
  const coldMs = await time(async () => {
    await clear();
    await compute();
  }, 3);
  const keptCold = await kept();
  const warmMs = await time(compute);
  // Ingestion batches as a replica's API would write them (the triggers fix the KPI columns and drop the newest period).
  const run = Date.now().toString(36);
  const insertBatch = (q: Pick<Store["db"], "$executeRawUnsafe">, k: number, from = addDays(to, -7), days = 14) =>
    q.$executeRawUnsafe(
      `insert into "Purchase" ("teamId", "customerId", "dedupKey", "at", "amount")
       select $1, (select min(id) from "Customer" where "teamId" = $1) + (abs(hashint4(g + $3 * 1000)) % $2), 'batch-' || $4 || '-' || $3 || '-' || g,
         $5::timestamptz + (g * 1201 % 1000) * ($6::float8 * interval '1 day' / 1000), ((g % 200) + 1)::numeric(14,2)
       from generate_series(1, 1000) g`,
      TEAM,
      customers,
      k,
      run,
      startOfDay(from, "UTC").toISOString(),
      days,
    );
  // What the rollup triggers add to a batch: the same batches without them, each in a transaction rolled back.
  class RolledBack extends Error {}
  const withoutMs: number[] = [];
  for (let k = 0; k < 3; k++) {
    await db
      .$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe(`alter table "Purchase" disable trigger kpi_rollups_purchase_insert`);
          await tx.$executeRawUnsafe(`alter table "KpiCustomer" disable trigger kpi_rollups_customer_update`);
          const t0 = performance.now();
          await insertBatch(tx, 100 + k);
          withoutMs.push(performance.now() - t0);
          throw new RolledBack();
        },
        { timeout: 120_000 },
      )
      .catch((e: unknown) => {
        if (!(e instanceof RolledBack)) throw e;
      });
  }
  // Batches 0-2 in the current week (Monday 00:00 to NOW, 12:00), then 3-5 over the last two weeks.
  const batchMs: number[] = [];
  const afterMs: number[][] = [[], []];
  const keptAfterBatch: number[] = [0, 0];
  for (let k = 0; k < 6; k++) {
    const scenario = k < 3 ? 0 : 1;
    const t0 = performance.now();
    await (scenario === 0 ? insertBatch(db, k, to, 0.5) : insertBatch(db, k));
    if (scenario === 1) batchMs.push(performance.now() - t0);
    keptAfterBatch[scenario] = await kept();
    const t1 = performance.now();
    await compute();
    afterMs[scenario]!.push(performance.now() - t1);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const points = await compute();
  const base = (await db.$queryRawUnsafe<Record<string, unknown>[]>(baselineTrendSql(12), ...params))[0]!;
  const differ = points.flatMap((p, k) =>
    (
      [
        ["activeAtStart", Number(base[`active${k}`]), p.activeAtStart],
        ["activeAtEnd", Number(base[`active${k + 1}`]), p.activeAtEnd],
        ["retained", Number(base[`retained${k + 1}`]), p.retained],
        ["purchasing", Number(base[`purchasing${k + 1}`]), p.purchasingCustomers],
        ["purchases", Number(base[`purchases${k + 1}`]), p.purchases],
      ] as const
    ).filter(([, want, got]) => want !== got),
  );
  for (const [name, want, got] of differ) process.stdout.write(`${label}: trend DIFFERENT ${name}: baseline ${want}, computeKpiTrend ${got}\n`);
  const same = differ.length === 0 && points.length === 12 && points.every((p) => p.activeAtEnd > 0);
  const baseMs = await time(() => db.$queryRawUnsafe(baselineTrendSql(12), ...params), 1);
  const line = (what: string, ms: number, runs: string) =>
    `${label}: 12-period trend ${what} ${ms.toFixed(0)} ms (${runs}); hand-written single SQL ${baseMs.toFixed(0)} ms; ratio ${(ms / baseMs).toFixed(2)}; target < 1000 ms: ${ms < 1000 ? "met" : "MISSED"}\n`;
  process.stdout.write(line("cold (nothing kept, computeKpiTrend)", coldMs, `median of 3, then ${keptCold} periods kept`));
  process.stdout.write(line("warm (12 periods kept)", warmMs, "median of 5"));
  process.stdout.write(line("after 1,000 new purchases in the current week", median(afterMs[0]!), `median of 3 batches, ${keptAfterBatch[0]} periods still kept after each`));
  process.stdout.write(
    line(
      "after 1,000 new purchases over the last two weeks",
      median(afterMs[1]!),
      `median of 3 batches, ${keptAfterBatch[1]} periods still kept after each; the batch insert took ${median(batchMs).toFixed(0)} ms, ${median(withoutMs).toFixed(0)} ms without the rollup triggers`,
    ),
  );
  process.stdout.write(`${label}: 12-period trend same numbers as the hand-written statement after the batches: ${same}\n`);
}

/**
 * KPI alerts when a period closes: one subscription, a target for everyone and each of the 20 segments, every
 * segment judged (evaluateKpiAlerts, as the scheduler's tick calls it off any Slack request). Baseline: what it did
 * before, one computeKpis per segment and one for everyone.
 */
async function kpiAlerts(label: string, store: Store) {
  const db = store.db;
  const segments = Array.from({ length: SEGMENTS }, (_, i) => `segment-${String(i + 1).padStart(2, "0")}`);
  await db.alertSubscription.deleteMany({ where: { teamId: TEAM } });
  await db.alertLedger.deleteMany({ where: { teamId: TEAM } });
  const sub = await db.alertSubscription.create({
    data: { teamId: TEAM, channelId: "CBENCH", kind: "kpi", options: { move: 0.01 }, timeZone: "UTC", locale: "en", createdBy: "UBENCH" },
  });
  for (const segment of ["", ...segments]) await setKpiTarget({ db, teamId: TEAM }, { kpi: "retentionRate", segment, value: 0.99, setBy: "UBENCH" });
  // When a period closes nothing of it is kept yet (the default periods move every Monday): both paths count from
  // scratch, the rollups of the workspace deleted before each run. Then once more with both periods kept.
  const evaluate = async (cold: boolean) => {
    await db.alertSubscription.update({ where: { id: sub.id }, data: { checkedTo: null } });
    await db.alertLedger.deleteMany({ where: { teamId: TEAM } });
    if (cold) await forgetRollups(store);
    return evaluateKpiAlerts({ db, teamId: TEAM, now: NOW });
  };
  const fired = await evaluate(true);
  const period = defaultPeriod(NOW, "UTC");
  const ms = await time(() => evaluate(true), 3);
  const warmMs = await time(() => evaluate(false));
  const baseMs = await time(async () => {
    await forgetRollups(store);
    for (const segment of [null, ...segments]) await computeKpis({ db, teamId: TEAM, ...period, segment });
  }, 1);
  process.stdout.write(
    `${label}: KPI alerts at period close, everyone + ${SEGMENTS} segments, nothing kept (evaluateKpiAlerts) ${ms.toFixed(0)} ms (median of 3), ${fired} fired; previous path (21 computeKpis, nothing kept) ${baseMs.toFixed(0)} ms; ratio ${(ms / baseMs).toFixed(2)}; target < 2000 ms: ${ms < 2000 ? "met" : "MISSED"}\n` +
      `${label}: KPI alerts with both periods kept for everyone and each segment ${warmMs.toFixed(0)} ms (median of 5)\n`,
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
  await onBenchStores(
    { stores, scale, prefix: "rd_bench_kpi", keep: process.env.KPI_BENCH_KEEP, reuse: process.env.KPI_BENCH_REUSE, pgliteDir: process.env.KPI_BENCH_PGLITE_DIR },
    run,
  );
}

/** Exec of one SQL text on a bench store, and the loader/measurer each bench passes to onBenchStores. */
export type BenchRun = (label: string, store: Store, exec: (sql: string) => Promise<void>, customers: number, purchases: number, load: boolean) => Promise<void>;

/**
 * Runs a bench on the stores asked for: PGlite on its worker thread (100,000 customers / 1,000,000 purchases × scale),
 * then a PostgreSQL server (BENCH_DATABASE_URL or DATABASE_URL; 1,000,000 / 10,000,000 × scale) in a scratch database
 * `<prefix>_<pid>` dropped afterwards unless `keep`; `reuse` names a database a keep run left, already loaded
 * (nothing created, loaded or dropped).
 */
export async function onBenchStores(
  opts: { stores: string[]; scale: number; prefix: string; keep: string | undefined; reuse: string | undefined; pgliteDir?: string | undefined },
  run: BenchRun,
) {
  const { stores, scale, reuse } = opts;
  if (stores.includes("pglite")) {
    // As the bot runs it: PGlite on its worker thread, in memory, or in `pgliteDir` (loaded there the first time, reused
    // after: loading 1M purchases takes minutes).
    const dir = opts.pgliteDir;
    const loaded = dir !== undefined && existsSync(path.join(dir, "PG_VERSION"));
    const pglite = await openPgliteThread(dir ?? "memory://");
    const store = storeFromPglite(pglite);
    try {
      await run("PGlite", store, async (sql) => void (await pglite.exec(sql)), Math.round(100_000 * scale), Math.round(1_000_000 * scale), !loaded);
      if (dir) process.stdout.write(`PGlite data directory ${dir} ${loaded ? "reused" : "kept"}\n`);
    } finally {
      await store.close();
    }
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!stores.includes("postgres")) return;
  if (!url) {
    process.stdout.write("PostgreSQL server: skipped (set BENCH_DATABASE_URL)\n");
    return;
  }
  const name = reuse ?? `${opts.prefix}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  if (!reuse) await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: u.toString(), max: 5 });
  // Dropping the database ends idle connections the adapter may still hold: not an error here.
  pool.on("error", () => {});
  const server = storeFromPool(pool);
  try {
    await run("PostgreSQL", server, async (sql) => void (await pool.query(sql)), Math.round(1_000_000 * scale), Math.round(10_000_000 * scale), !reuse);
  } finally {
    await server.close();
    if (opts.keep || reuse) process.stdout.write(`kept database ${name}\n`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
