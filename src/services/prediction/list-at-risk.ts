import type { TeamScope } from "../types.js";
import { dayOfEpochDay } from "../../domain/time/calendar.js";
import { getFitState } from "./get-latest-fit.js";
import { AT_RISK_THRESHOLD, inSegment, scorePopulation, valueAtRisk } from "./score-population.js";
import type { ConvergedFit, StoredFit } from "./stored-fit.js";
import { AppError } from "../../errors/app-error.js";
import type { AtRiskCustomer } from "../../domain/prediction/at-risk-customer.js";

export type { AtRiskCustomer };

export interface AtRiskList {
  fit: ConvergedFit;
  /** A failed refit newer than `fit`, to report. */
  failedSince: StoredFit | null;
  segment: string | null;
  threshold: number;
  /** All at-risk customers (P(alive) < threshold) in the segment, and their summed value at risk. */
  count: number;
  valueAtRisk: number;
  customers: AtRiskCustomer[];
  /** The figures of the customers asked for by `figuresFor`, whatever their risk, in that order (unknown ones left out). */
  requested: AtRiskCustomer[];
}

export interface ListAtRiskOptions {
  segment?: string;
  /** How many customers `customers` lists (10 by default). */
  limit?: number;
  /** External ids not to list in `customers` (still counted in `count` and `valueAtRisk`). */
  leaveOut?: ReadonlySet<string>;
  /** External ids whose figures `requested` gives, at risk or not. */
  figuresFor?: readonly string[];
}

/**
 * The at-risk customers (P(alive) below AT_RISK_THRESHOLD) with the highest value at risk
 * (revenue × (1 − P(alive)), see score-population.ts), scored with the latest converged fit as of its
 * date. Throws AppError NOT_FOUND "prediction.noFit" when the workspace has no fit.
 */
export async function listAtRisk(opts: TeamScope & ListAtRiskOptions): Promise<AtRiskList> {
  const { db, teamId } = opts;
  const { fit, failedSince } = await getFitState({ db, teamId });
  if (!fit) throw new AppError("NOT_FOUND", "prediction.noFit");
  const { population, scores } = await scorePopulation({ db, fit });
  const keep = inSegment(population, opts.segment);
  const picked: { i: number; value: number }[] = [];
  let total = 0;
  for (let i = 0; i < population.summaries.size; i += 1) {
    const pAlive = scores.probabilityAlive[i] as number;
    if (!(pAlive < AT_RISK_THRESHOLD) || !keep(i)) continue;
    const value = valueAtRisk(population.revenue[i] as number, pAlive);
    total += value;
    picked.push({ i, value });
  }
  // Ties (equal value) keep a stable order by external id so the list does not shuffle between calls.
  picked.sort((u, v) => v.value - u.value || (population.externalIds[u.i] as string).localeCompare(population.externalIds[v.i] as string));
  const limit = opts.limit ?? 10;
  const row = (i: number): AtRiskCustomer => ({
    customerId: population.externalIds[i] as string,
    name: population.names[i] ?? null,
    segment: population.segments[i] ?? null,
    purchaseDays: (population.summaries.frequency[i] as number) + 1,
    lastPurchase: dayOfEpochDay(population.lastPurchaseDay[i] as number),
    revenue: population.revenue[i] as number,
    pAlive: scores.probabilityAlive[i] as number,
    valueAtRisk: valueAtRisk(population.revenue[i] as number, scores.probabilityAlive[i] as number),
  });
  const listed = opts.leaveOut?.size ? picked.filter(({ i }) => !opts.leaveOut?.has(population.externalIds[i] as string)) : picked;
  const wanted = new Set(opts.figuresFor ?? []);
  const found = new Map<string, number>();
  for (let i = 0; wanted.size > found.size && i < population.externalIds.length; i += 1) {
    const id = population.externalIds[i] as string;
    if (wanted.has(id)) found.set(id, i);
  }
  return {
    fit,
    failedSince,
    segment: opts.segment ?? null,
    threshold: AT_RISK_THRESHOLD,
    count: picked.length,
    valueAtRisk: total,
    customers: listed.slice(0, limit).map(({ i }) => row(i)),
    requested: (opts.figuresFor ?? []).flatMap((id) => (found.has(id) ? [row(found.get(id) as number)] : [])),
  };
}
