// Worker thread entry: fits BG/NBD and Gamma-Gamma off the main thread, so a fit of 100,000 customers (seconds of
// pure computation) never stalls Slack acks or HTTP requests. Receives one FitJob, posts one FitJobResult, exits.
import { parentPort, workerData } from "node:worker_threads";
import { fitBgNbd, fitGammaGamma, isClvError, type BgNbdFit } from "../../domain/clv/index.js";
import type { FitJob, FitJobResult } from "./fit-in-worker.js";

const job = workerData as FitJob;
let bg: BgNbdFit | undefined;
let result: FitJobResult;
try {
  bg = fitBgNbd(job, job.bgStart ? { start: job.bgStart } : {});
  const gg = fitGammaGamma(job, job.ggStart ? { start: job.ggStart } : {});
  result = { bg, gg };
} catch (e) {
  result = {
    bg,
    error: isClvError(e)
      ? { clv: true, code: e.code, message: e.message, details: e.details }
      : { clv: false, code: "INTERNAL", message: e instanceof Error ? e.message : String(e), details: {} },
  };
}
parentPort!.postMessage(result);
