import { performance } from "node:perf_hooks";
import { isClvError, type BgNbdFit, type GammaGammaFit } from "../../domain/clv/index.js";
import { fitInWorker } from "./fit-in-worker.js";
import type { Log } from "../../log.js";
import { getWorkspace } from "../settings/get-workspace.js";
import type { TeamScope } from "../types.js";
import { defaultHorizon } from "./model-units.js";
import { getLatestFit } from "./get-latest-fit.js";
import { loadCustomerSummaries } from "./load-customer-summaries.js";
import { toStoredFit, type ConvergedFit, type FitStatus, type StoredFit } from "./stored-fit.js";

export interface FitModelsOptions extends TeamScope {
  /** Last calendar day of the calibration period, YYYY-MM-DD, in the workspace time zone. */
  asOf: string;
  /** Model time unit in days; 7 by default. */
  unitDays?: number;
  /** Annual discount rate stored as the fit's CLV default; 10% by default. */
  discountRate?: number;
  log?: Log;
}

export interface FitOutcome {
  /** The stored row of this attempt, converged or not. */
  fit: StoredFit;
  /** The fit readers keep using: this one when it converged, else the previous converged fit (or null). */
  inUse: ConvergedFit | null;
}

const DEFAULT_DISCOUNT_RATE = 0.1;

/**
 * Fits BG/NBD and Gamma-Gamma on the workspace's purchases on or before `asOf` (its calendar days, in the
 * workspace time zone) and stores the attempt in ModelFit. A failed attempt (too little data, no
 * convergence, a spend model without a finite mean) is stored with converged = false and its reason, and
 * the previous converged fit stays the one in use. Never throws for model failures; throws for database
 * errors. Runs the optimizer on this thread (a few seconds for 100,000 customers).
 */
export function fitModels(opts: FitModelsOptions): Promise<FitOutcome> {
  // One fit per (workspace, asOf, unit) at a time in this process: an admin's `/kpi refit` racing the weekly
  // job (or a double-clicked API call) shares the running fit instead of burning the CPU twice.
  const key = `${opts.teamId}|${opts.asOf}|${opts.unitDays ?? 7}`;
  const running = inFlight.get(key);
  if (running) return running;
  const fit = fitAndStore(opts).finally(() => inFlight.delete(key));
  inFlight.set(key, fit);
  return fit;
}

const inFlight = new Map<string, Promise<FitOutcome>>();

async function fitAndStore(opts: FitModelsOptions): Promise<FitOutcome> {
  const { db, teamId, asOf } = opts;
  const unitDays = opts.unitDays ?? 7;
  const started = performance.now();
  const { timeZone } = await getWorkspace({ db, teamId });
  const population = await loadCustomerSummaries({ db, teamId, asOf, unitDays, timeZone });
  const { summaries } = population;
  let repeatCustomers = 0;
  for (let i = 0; i < summaries.size; i += 1) if ((summaries.frequency[i] as number) > 0) repeatCustomers += 1;

  let bg: BgNbdFit | undefined;
  let gg: GammaGammaFit | undefined;
  let status: FitStatus = "converged";
  let failureReason: string | null = null;
  let partial: { r?: number; alpha?: number; a?: number; b?: number; p?: number; q?: number; gamma?: number } = {};
  // Warm start from the fit in use (same unit): a weekly refit moves the optimum a little, so this saves
  // about a fifth of the iterations; the optimizer still restarts around its own best point.
  const previous = await getLatestFit({ db, teamId });
  const warm = previous && previous.unitDays === unitDays ? previous : null;
  try {
    // The optimisation runs in a worker thread: seconds of computation must not stall Slack acks.
    const fitted = await fitInWorker({
      frequency: summaries.frequency,
      recency: summaries.recency,
      age: summaries.age,
      averageRepeatSpend: summaries.averageRepeatSpend,
      ...(warm ? { bgStart: warm.bgNbd, ggStart: warm.gammaGamma } : {}),
    });
    bg = fitted.bg;
    if (fitted.error) throw fitted.error;
    gg = fitted.gg!;
    // E[M] = pγ/(q−1) for a customer without repeat purchases needs q > 1; without it no CLV can be scored.
    if (!(gg.params.q > 1)) {
      status = "invalid_input";
      failureReason = `gamma-gamma: q = ${gg.params.q.toPrecision(4)} ≤ 1, so the mean spend is undefined`;
    }
  } catch (e) {
    if (!isClvError(e)) throw e;
    const model = bg ? "gamma-gamma" : "bg/nbd";
    status = e.code === "NOT_ENOUGH_DATA" ? "not_enough_data" : e.code === "DID_NOT_CONVERGE" ? "did_not_converge" : "invalid_input";
    const gradient = typeof e.details.gradientNorm === "number" ? ` (gradient norm ${e.details.gradientNorm.toExponential(2)})` : "";
    failureReason = `${model}: ${e.message}${gradient}`;
    // Keep the best point of a non-converged run: it helps see why, and is never used for predictions.
    const best = e.details.params as typeof partial | undefined;
    if (best) partial = bg ? { ...bg.params, ...best } : best;
  }
  const converged = status === "converged";
  const row = await db.modelFit.create({
    data: {
      teamId,
      asOf: new Date(`${asOf}T00:00:00Z`),
      unitDays,
      timeZone,
      customers: summaries.size,
      repeatCustomers,
      r: bg?.params.r ?? partial.r ?? null,
      alpha: bg?.params.alpha ?? partial.alpha ?? null,
      a: bg?.params.a ?? partial.a ?? null,
      b: bg?.params.b ?? partial.b ?? null,
      logLikelihood: bg?.logLikelihood ?? null,
      p: gg?.params.p ?? partial.p ?? null,
      q: gg?.params.q ?? partial.q ?? null,
      gamma: gg?.params.gamma ?? partial.gamma ?? null,
      ggLogLikelihood: gg?.logLikelihood ?? null,
      ggCustomers: gg?.customers ?? null,
      converged,
      status,
      failureReason,
      horizon: defaultHorizon(unitDays),
      discountRate: opts.discountRate ?? DEFAULT_DISCOUNT_RATE,
      durationMs: Math.round(performance.now() - started),
    },
  });
  const fit = toStoredFit(row);
  const logFields = { teamId, fitId: fit.id, asOf, customers: fit.customers, repeatCustomers, status, durationMs: fit.durationMs };
  if (converged) opts.log?.info(logFields, "prediction models fitted");
  else opts.log?.warn({ ...logFields, reason: failureReason }, "prediction fit failed; previous fit kept");
  return { fit, inUse: await getLatestFit({ db, teamId }) };
}
