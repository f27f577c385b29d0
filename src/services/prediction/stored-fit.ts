import type { BgNbdParams, GammaGammaParams } from "../../domain/clv/index.js";
import type { ModelFit } from "../../generated/prisma/client.js";
import { dayOfDbDate } from "../../domain/time/calendar.js";
import { unitName } from "./model-units.js";

export type FitStatus = "converged" | "not_enough_data" | "did_not_converge" | "invalid_input";

/** A stored fit as the rest of the bot sees it. Parameters are null when the attempt failed before having any. */
export interface StoredFit {
  id: string;
  teamId: string;
  asOf: string;
  unitDays: number;
  unit: string;
  timeZone: string;
  customers: number;
  repeatCustomers: number;
  bgNbd: BgNbdParams | null;
  logLikelihood: number | null;
  gammaGamma: GammaGammaParams | null;
  ggLogLikelihood: number | null;
  ggCustomers: number | null;
  converged: boolean;
  status: FitStatus;
  failureReason: string | null;
  /** Default CLV horizon (model units) and annual discount rate stored with the fit. */
  horizon: number;
  discountRate: number;
  durationMs: number | null;
  createdAt: Date;
}

/** A converged fit: both models have parameters. */
export interface ConvergedFit extends StoredFit {
  converged: true;
  bgNbd: BgNbdParams;
  gammaGamma: GammaGammaParams;
}

export function toStoredFit(row: ModelFit): StoredFit {
  const bgNbd = row.r !== null && row.alpha !== null && row.a !== null && row.b !== null ? { r: row.r, alpha: row.alpha, a: row.a, b: row.b } : null;
  const gammaGamma = row.p !== null && row.q !== null && row.gamma !== null ? { p: row.p, q: row.q, gamma: row.gamma } : null;
  return {
    id: row.id,
    teamId: row.teamId,
    asOf: dayOfDbDate(row.asOf),
    unitDays: row.unitDays,
    unit: unitName(row.unitDays),
    timeZone: row.timeZone,
    customers: row.customers,
    repeatCustomers: row.repeatCustomers,
    bgNbd,
    logLikelihood: row.logLikelihood,
    gammaGamma,
    ggLogLikelihood: row.ggLogLikelihood,
    ggCustomers: row.ggCustomers,
    converged: row.converged,
    status: row.status as FitStatus,
    failureReason: row.failureReason,
    horizon: row.horizon,
    discountRate: row.discountRate,
    durationMs: row.durationMs,
    createdAt: row.createdAt,
  };
}

export const isConverged = (fit: StoredFit): fit is ConvergedFit => fit.converged && fit.bgNbd !== null && fit.gammaGamma !== null;

/** The API's JSON for a fit: the fields first, then what makes it reproducible. */
export function fitJson(fit: StoredFit) {
  return {
    id: fit.id,
    asOf: fit.asOf,
    unit: fit.unit,
    unitDays: fit.unitDays,
    customers: fit.customers,
    repeatCustomers: fit.repeatCustomers,
    r: fit.bgNbd?.r ?? null,
    alpha: fit.bgNbd?.alpha ?? null,
    a: fit.bgNbd?.a ?? null,
    b: fit.bgNbd?.b ?? null,
    logLikelihood: fit.logLikelihood,
    p: fit.gammaGamma?.p ?? null,
    q: fit.gammaGamma?.q ?? null,
    gamma: fit.gammaGamma?.gamma ?? null,
    ggLogLikelihood: fit.ggLogLikelihood,
    ggCustomers: fit.ggCustomers,
    converged: fit.converged,
    status: fit.status,
    failureReason: fit.failureReason,
    timeZone: fit.timeZone,
    horizon: fit.horizon,
    discountRate: fit.discountRate,
    durationMs: fit.durationMs,
    createdAt: fit.createdAt.toISOString(),
  };
}
