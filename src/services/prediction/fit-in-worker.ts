import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { ClvError, type BgNbdFit, type BgNbdParams, type ClvErrorCode, type GammaGammaFit, type GammaGammaParams } from "../../domain/clv/index.js";

/** What the fit worker needs: the per-customer summary columns and optional warm starts. */
export interface FitJob {
  frequency: Float64Array;
  recency: Float64Array;
  age: Float64Array;
  averageRepeatSpend: Float64Array;
  bgStart?: BgNbdParams;
  ggStart?: GammaGammaParams;
}

export interface FitJobResult {
  bg?: BgNbdFit | undefined;
  gg?: GammaGammaFit;
  error?: { clv: boolean; code: string; message: string; details: Readonly<Record<string, unknown>> };
}

const here = new URL(".", import.meta.url);
// Built code runs fit-worker.js; from TypeScript sources (tsx, vitest) the worker loads the .ts file through tsx.
const fromSources = import.meta.url.endsWith(".ts");
const workerUrl = new URL(fromSources ? "fit-worker.ts" : "fit-worker.js", here);

/** A worker that registers tsx's loader before importing the TypeScript entry (`--import` in execArgv is not honoured for a worker's entry on Node 20). */
function sourceWorker(job: FitJob): Worker {
  // The ESM build of tsx's API (the package's "import" condition), found next to its CommonJS build.
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  ).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(boot, { eval: true, workerData: job });
}

/**
 * Fits BG/NBD then Gamma-Gamma in a worker thread. Resolves with both fits, or with the BG/NBD fit (when it got
 * that far) and the ClvError that stopped it (`NOT_ENOUGH_DATA`, `DID_NOT_CONVERGE`, `INVALID_INPUT`), rebuilt
 * on this side. Rejects only when the worker itself fails (crash, or an unexpected error inside a fit).
 */
export function fitInWorker(job: FitJob): Promise<{ bg?: BgNbdFit | undefined; gg?: GammaGammaFit | undefined; error?: ClvError | undefined }> {
  return new Promise((resolve, reject) => {
    const worker = fromSources ? sourceWorker(job) : new Worker(workerUrl, { workerData: job });
    let settled = false;
    worker.once("message", (r: FitJobResult) => {
      settled = true;
      void worker.terminate();
      if (r.error && !r.error.clv) return reject(new Error(`model fit failed: ${r.error.message}`));
      resolve({ bg: r.bg, gg: r.gg, error: r.error ? new ClvError(r.error.code as ClvErrorCode, r.error.message, { ...r.error.details }) : undefined });
    });
    worker.once("error", (e) => {
      if (!settled) reject(e);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`model fit worker exited with code ${code}`));
    });
  });
}
