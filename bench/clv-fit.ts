import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { buildCustomerSummaries, fitBgNbd, fitGammaGamma, scoreCustomers, type BgNbdParams, type GammaGammaParams } from "../src/domain/clv/index.js";
import { simulatePurchases } from "../src/domain/clv/simulate.js";

// Busier than CDNOW so that 100,000 customers make about 1,000,000 purchase rows.
const TRUE_BG_NBD: BgNbdParams = { r: 2, alpha: 6, a: 0.8, b: 5 };
const TRUE_GAMMA_GAMMA: GammaGammaParams = { p: 6, q: 4, gamma: 15 };
const CUSTOMERS = 100_000;
const AS_OF_DAY = 19_900;

function time<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

/**
 * Times the CLV pipeline on synthetic data: (a) raw rows → summaries (the baseline every ratio is
 * against), (b) fitting BG/NBD and Gamma-Gamma, (c) scoring every customer. Targets on a 2-core
 * machine: fit < 10 s, score < 2 s.
 */
export async function main(): Promise<void> {
  const rows = simulatePurchases(
    { bgNbd: TRUE_BG_NBD, gammaGamma: TRUE_GAMMA_GAMMA },
    { customers: CUSTOMERS, seed: 2024, minAge: 26, maxAge: 104, asOfDay: AS_OF_DAY, unitDays: 7 },
  );
  console.log(`generated ${CUSTOMERS.toLocaleString("en")} customers, ${rows.length.toLocaleString("en")} purchase rows`);

  const summaries = time(() => buildCustomerSummaries(rows, { asOf: AS_OF_DAY, unitDays: 7 }));
  const bgNbd = time(() => fitBgNbd(summaries.result));
  const gammaGamma = time(() => fitGammaGamma(summaries.result));
  const fitMs = bgNbd.ms + gammaGamma.ms;
  const models = { bgNbd: bgNbd.result.params, gammaGamma: gammaGamma.result.params };
  const scores = time(() => scoreCustomers(models, summaries.result, { periods: 12, periodLength: 52 / 12, discountRate: 0.01 }));

  const base = summaries.ms;
  console.log(`(a) summaries           ${fmt(base)}  ratio 1.00`);
  console.log(
    `(b) fit BG/NBD + GG     ${fmt(fitMs)}  ratio ${(fitMs / base).toFixed(2)}` +
      `  (BG/NBD ${fmt(bgNbd.ms)}, ${bgNbd.result.iterations} it; Gamma-Gamma ${fmt(gammaGamma.ms)}, ${gammaGamma.result.iterations} it)`,
  );
  console.log(`(c) score all customers ${fmt(scores.ms)}  ratio ${(scores.ms / base).toFixed(2)}`);
  const p = bgNbd.result.params;
  const g = gammaGamma.result.params;
  console.log(
    `fitted BG/NBD r=${p.r.toFixed(3)} alpha=${p.alpha.toFixed(3)} a=${p.a.toFixed(3)} b=${p.b.toFixed(3)}` +
      ` (true ${TRUE_BG_NBD.r}, ${TRUE_BG_NBD.alpha}, ${TRUE_BG_NBD.a}, ${TRUE_BG_NBD.b}; daily rounding biases them slightly)`,
  );
  console.log(`fitted Gamma-Gamma p=${g.p.toFixed(3)} q=${g.q.toFixed(3)} gamma=${g.gamma.toFixed(3)} (true 6, 4, 15)`);
  const totalClv = scores.result.lifetimeValue.reduce((s, v) => s + v, 0);
  console.log(`12-month CLV at 1%/month: total ${totalClv.toFixed(0)}, mean ${(totalClv / CUSTOMERS).toFixed(2)}`);
  const verdict = (ok: boolean) => (ok ? "ok" : "OVER TARGET");
  console.log(`targets: fit < 10 s ${verdict(fitMs < 10_000)}, score < 2 s ${verdict(scores.ms < 2_000)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await main();
}
