// `npx tsx bench/prediction.ts`: the prediction pipeline on the Purchase table (embedded PGlite, 100,000
// customers, ~1,000,000 purchases following BG/NBD + Gamma-Gamma, bulk-loaded with COPY). Times
// (a) building the per-customer summaries from the table (loadCustomerSummaries: one SQL statement that
//     groups by customer and day, one row per customer over the wire) — the baseline,
// (b) fitting BG/NBD + Gamma-Gamma on them, (c) scoring everyone (P(alive), E[Y], E[M], 12-month CLV),
// and prints each with its ratio to (a). Targets on this 2-core machine: (b) < 10 s, (c) < 2 s.
// PREDICTION_BENCH_SCALE=0.1 shrinks the data set.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { storeFromPglite } from "../src/db/client.js";
import { pgliteExtensions } from "../src/db/pglite.js";
import { fitBgNbd, fitGammaGamma, scoreCustomers } from "../src/domain/clv/index.js";
import { simulatePurchases } from "../src/domain/clv/simulate.js";
import { fitModels } from "../src/services/prediction/fit-models.js";
import { loadCustomerSummaries } from "../src/services/prediction/load-customer-summaries.js";

const root = path.resolve(import.meta.dirname, "..");
// Every migration in order: the services read the workspace's settings too, whichever migration added them.
const MIGRATIONS = readdirSync(path.join(root, "prisma/migrations"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const TEAM = "TBENCH";
const AS_OF = "2024-06-30";
const AS_OF_DAY = Math.floor(Date.parse(`${AS_OF}T00:00:00Z`) / 86_400_000);
const SCALE = Number(process.env.PREDICTION_BENCH_SCALE ?? 1);
const CUSTOMERS = Math.round(100_000 * SCALE);

const fmt = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

async function timed<T>(run: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await run();
  return { result, ms: performance.now() - start };
}

/** Median of `runs` timings after one warm-up run. */
async function median(run: () => Promise<unknown>, runs = 3): Promise<number> {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < runs; i += 1) ms.push((await timed(run)).ms);
  return ms.sort((u, v) => u - v)[Math.floor(runs / 2)] as number;
}

export async function main(): Promise<void> {
  const pglite = await PGlite.create({ extensions: pgliteExtensions });
  for (const m of MIGRATIONS) await pglite.exec(readFileSync(path.join(root, "prisma/migrations", m, "migration.sql"), "utf8"));
  const store = storeFromPglite(pglite);
  try {
    // Same generator and parameters as bench/clv-fit.ts (busier than CDNOW: ~10 purchases per customer).
    const rows = simulatePurchases(
      { bgNbd: { r: 2, alpha: 6, a: 0.8, b: 5 }, gammaGamma: { p: 6, q: 4, gamma: 15 } },
      { customers: CUSTOMERS, seed: 2024, minAge: 26, maxAge: 104, asOfDay: AS_OF_DAY, unitDays: 7 },
    );
    const load = await timed(async () => {
      // The KPI triggers (rollups, each purchase's predecessor) are not what this bench reads, and checking a
      // million purchases row by row takes far longer than the fit: the load runs without triggers.
      await pglite.exec("set session_replication_role = replica");
      await pglite.query(
        `insert into "Customer" ("teamId", "externalId", "segment") select $1, 'c' || (g - 1), (array['smb','mid','enterprise'])[1 + g % 3] from generate_series(1, ${CUSTOMERS}) g`,
        [TEAM],
      );
      // Spread each day's purchases over the day's hours so the day grouping has real work.
      const csv = rows
        .map((p, i) => `${p.customerId},${new Date((p.at as number) * 86_400_000 + (i % 20) * 3_600_000).toISOString()},${Math.max(0.01, p.amount).toFixed(2)}`)
        .join("\n");
      await pglite.exec(`create temporary table staged (ext text, at timestamptz, amount numeric(14,2))`);
      await pglite.query(`copy staged from '/dev/blob' with (format csv)`, [], { blob: new Blob([csv]) });
      await pglite.query(
        `insert into "Purchase" ("teamId", "customerId", "dedupKey", "at", "amount")
         select $1, c.id, 'p' || row_number() over (), s.at, s.amount from staged s join "Customer" c on c."teamId" = $1 and c."externalId" = s.ext`,
        [TEAM],
      );
      await pglite.exec(`drop table staged; reset session_replication_role; analyze`);
    });
    console.log(`loaded ${CUSTOMERS.toLocaleString("en")} customers, ${rows.length.toLocaleString("en")} purchases into PGlite in ${fmt(load.ms)}`);

    const summariesMs = await median(() => loadCustomerSummaries({ db: store.db, teamId: TEAM, asOf: AS_OF }));
    const population = await loadCustomerSummaries({ db: store.db, teamId: TEAM, asOf: AS_OF });
    const s = population.summaries;
    const bg = await timed(() => fitBgNbd(s));
    const gg = await timed(() => fitGammaGamma(s));
    const fitMs = bg.ms + gg.ms;
    const options = { periods: 12, periodLength: 52 / 12, discountRate: 1.1 ** (1 / 12) - 1 };
    const score = await timed(() => scoreCustomers({ bgNbd: bg.result.params, gammaGamma: gg.result.params }, s, options));
    // The weekly job's path: last week's fit (cold start), then this week's, warm-started from it.
    const lastWeek = await timed(() => fitModels({ db: store.db, teamId: TEAM, asOf: "2024-06-23" }));
    const thisWeek = await timed(() => fitModels({ db: store.db, teamId: TEAM, asOf: AS_OF }));

    console.log(`(a) summaries from the Purchase table ${fmt(summariesMs)}  ratio 1.00  (${s.size.toLocaleString("en")} customers, median of 3)`);
    console.log(`(b) fit BG/NBD + Gamma-Gamma          ${fmt(fitMs)}  ratio ${(fitMs / summariesMs).toFixed(2)}  (BG/NBD ${fmt(bg.ms)}, Gamma-Gamma ${fmt(gg.ms)}; target < 10 s)`);
    console.log(`(c) score every customer              ${fmt(score.ms)}  ratio ${(score.ms / summariesMs).toFixed(2)}  (12-month CLV; target < 2 s)`);
    console.log(
      `    fitModels end to end, cold start   ${fmt(lastWeek.ms)}  ratio ${(lastWeek.ms / summariesMs).toFixed(2)}  (a + b + store; status ${lastWeek.result.fit.status})`,
    );
    console.log(`    fitModels a week later, warm start ${fmt(thisWeek.ms)}  ratio ${(thisWeek.ms / summariesMs).toFixed(2)}  (status ${thisWeek.result.fit.status})`);
    const p = bg.result.params;
    const g = gg.result.params;
    console.log(
      `fitted r=${p.r.toFixed(3)} alpha=${p.alpha.toFixed(3)} a=${p.a.toFixed(3)} b=${p.b.toFixed(3)} (true 2, 6, 0.8, 5); p=${g.p.toFixed(2)} q=${g.q.toFixed(2)} gamma=${g.gamma.toFixed(2)} (true 6, 4, 15)`,
    );
  } finally {
    await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
