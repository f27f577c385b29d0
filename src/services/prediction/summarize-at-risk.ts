import type { TeamScope } from "../types.js";
import { addDays } from "../../domain/time/calendar.js";
import { getFitState } from "./get-latest-fit.js";
import { AT_RISK_THRESHOLD, inSegment, scorePopulation, valueAtRisk, type ScoredPopulation } from "./score-population.js";
import type { StoredFit } from "./stored-fit.js";

export interface AtRiskFigures {
  asOf: string;
  count: number;
  valueAtRisk: number;
}

export interface AtRiskSummary {
  current: AtRiskFigures;
  /** The same figures 7 days before, scored with the same fit. */
  previous: AtRiskFigures;
  countChange: number;
  valueChange: number;
  segment: string | null;
  fitId: string;
  /** A failed refit newer than the fit used, to report in the digest. */
  failedSince: StoredFit | null;
}

function figures({ population, scores }: ScoredPopulation, segment: string | undefined): AtRiskFigures {
  const keep = inSegment(population, segment);
  let count = 0;
  let value = 0;
  for (let i = 0; i < population.summaries.size; i += 1) {
    const pAlive = scores.probabilityAlive[i] as number;
    if (!(pAlive < AT_RISK_THRESHOLD) || !keep(i)) continue;
    count += 1;
    value += valueAtRisk(population.revenue[i] as number, pAlive);
  }
  return { asOf: population.asOf, count, valueAtRisk: value };
}

/**
 * The digest's "at risk" figures: count and value at risk as of the latest fit's date, and the same
 * figures as of 7 days earlier scored with the SAME fit parameters, so the change reflects customers'
 * behaviour and not parameter drift between fits (and needs no fit from last week). Null when the
 * workspace has no converged fit.
 */
export async function summarizeAtRisk(opts: TeamScope & { segment?: string }): Promise<AtRiskSummary | null> {
  const { db, teamId } = opts;
  const { fit, failedSince } = await getFitState({ db, teamId });
  if (!fit) return null;
  const current = figures(await scorePopulation({ db, fit }), opts.segment);
  const previous = figures(await scorePopulation({ db, fit, asOf: addDays(fit.asOf, -7) }), opts.segment);
  return {
    current,
    previous,
    countChange: current.count - previous.count,
    valueChange: current.valueAtRisk - previous.valueAtRisk,
    segment: opts.segment ?? null,
    fitId: fit.id,
    failedSince,
  };
}
