// `npx tsx bench/visuals.ts`: the cost of charts in the digest and of the App Home trend image, for a PGlite
// workspace with 100,000 customers and 1,000,000 purchases (VISUALS_BENCH_SCALE=0.1 shrinks both).
// Baseline: building the weekly digest WITHOUT charts (gatherDigestData, which runs computeKpis, + composeDigest).
// Measured against it: the same digest WITH its charts (+ computeKpiTrend over 12 periods, kpiTrendBlocks,
// kpiChangeTableBlocks), and the Home PNG (computeKpiTrend + render to PNG; the upload is Slack's time, not ours).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { storeFromPglite } from "../src/db/client.js";
import { pgliteExtensions } from "../src/db/pglite.js";
import { composeDigest } from "../src/views/digest/compose-digest.js";
import { periodBefore } from "../src/domain/digest/schedule.js";
import { translator } from "../src/i18n/index.js";
import { gatherDigestData } from "../src/services/digest/gather-digest-data.js";
import { computeKpiTrend } from "../src/services/kpi/compute-kpi-trend.js";
import { renderHomeTrendPng } from "../src/views/home/home-trend-image.js";
import { kpiChangeTableBlocks, kpiTrendBlocks } from "../src/views/kpi/index.js";

const root = path.resolve(import.meta.dirname, "..");
const NOW = new Date("2026-11-23T12:00:00Z");
const TEAM = "TBENCHVIS";
const RUNS = 5;

/** Every committed migration, in order (the schema the app runs on, including the KPI rollup triggers). */
function migrationSql(): string[] {
  const dir = path.join(root, "prisma/migrations");
  return readdirSync(dir)
    .filter((d) => /^\d{14}_/.test(d))
    .sort()
    .map((d) => readFileSync(path.join(dir, d, "migration.sql"), "utf8"));
}

/** Synthetic customers and purchases over two years before NOW, with set-based SQL (the rollup triggers run once per statement). */
function loadSql(customers: number, purchases: number): string[] {
  return [
    `insert into "Customer" ("teamId", "externalId", "segment", "signedUpAt", "churnedAt")
     select '${TEAM}', 'c' || g, (array['smb','mid','enterprise'])[1 + g % 3],
       case when g % 3 = 0 then timestamptz '2024-11-01' + (g % 700) * interval '1 day' end,
       case when g % 17 = 0 then timestamptz '2025-06-01' + (g % 500) * interval '1 day' end
     from generate_series(1, ${customers}) g`,
    `insert into "Purchase" ("teamId", "customerId", "dedupKey", "at", "amount")
     select '${TEAM}', (select min(id) from "Customer" where "teamId" = '${TEAM}') + (abs(hashint4(g)) % ${customers}), 'p' || g,
       timestamptz '2024-11-23' + ((g::bigint * 7919) % (730 * 86400)) * interval '1 second',
       ((g % 20000) / 100.0 + 1)::numeric(14,2)
     from generate_series(1, ${purchases}) g`,
    `analyze`,
  ];
}

/** Median wall time of `runs` calls after one warm-up call. */
async function median(f: () => Promise<unknown>, runs = RUNS): Promise<number> {
  await f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await f();
    ms.push(performance.now() - start);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export async function main() {
  const scale = Number(process.env.VISUALS_BENCH_SCALE ?? 1);
  const customers = Math.round(100_000 * scale);
  const purchases = Math.round(1_000_000 * scale);
  const pglite = await PGlite.create({ extensions: pgliteExtensions });
  const store = storeFromPglite(pglite);
  try {
    let start = performance.now();
    for (const sql of migrationSql()) await pglite.exec(sql);
    for (const sql of loadSql(customers, purchases)) await pglite.exec(sql);
    process.stdout.write(
      `PGlite: loaded ${customers.toLocaleString("en")} customers, ${purchases.toLocaleString("en")} purchases in ${((performance.now() - start) / 1000).toFixed(1)} s\n`,
    );

    const db = store.db;
    const locale = "ja" as const;
    const t = translator(locale);
    const period = periodBefore("weekly", "UTC", NOW);

    const withoutCharts = async () => composeDigest(await gatherDigestData({ db, teamId: TEAM, period, segment: null }), t, { locale });
    const withCharts = async () => {
      const data = await gatherDigestData({ db, teamId: TEAM, period, segment: null });
      const digest = composeDigest(data, t, { locale });
      const trend = await computeKpiTrend({ db, teamId: TEAM, to: period.endDay });
      const chart = kpiTrendBlocks(t, locale, trend);
      const table = data.kpis ? kpiChangeTableBlocks(t, locale, data.kpis) : null;
      return { digest, chart, table };
    };
    const homePng = async () => renderHomeTrendPng(t, locale, await computeKpiTrend({ db, teamId: TEAM, to: period.endDay }));
    const trend = await computeKpiTrend({ db, teamId: TEAM, to: period.endDay });
    const renderOnly = async () => renderHomeTrendPng(t, locale, trend);

    // Sanity: the charts carry data, so the timings are of real work.
    const sample = await withCharts();
    const png = await homePng();
    process.stdout.write(
      `digest ${period.firstDay}..${period.lastDay}: ${sample.digest.blocks.length} blocks; chart: ${sample.chart.text.split("\n")[1] ?? "-"}; PNG ${png?.png.length ?? 0} bytes\n`,
    );

    start = performance.now();
    const base = await median(withoutCharts);
    const charts = await median(withCharts);
    const home = await median(homePng);
    const render = await median(renderOnly);
    const line = (label: string, ms: number) => `${label.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms  ratio ${(ms / base).toFixed(2)}\n`;
    process.stdout.write(line("digest WITHOUT charts (baseline: gather + compose)", base));
    process.stdout.write(line("digest WITH charts (+ 12-period trend, chart, KPI table)", charts));
    process.stdout.write(line("Home PNG (12-period trend + render)", home));
    process.stdout.write(line("  of which PNG render only (Vega -> SVG -> resvg)", render));
    process.stdout.write(`(medians of ${RUNS} after a warm-up; measured in ${((performance.now() - start) / 1000).toFixed(1)} s)\n`);
  } finally {
    await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
