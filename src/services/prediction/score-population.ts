import { scoreCustomers, type CustomerScores } from "../../domain/clv/index.js";
import type { Db } from "../../db/client.js";
import { loadCustomerSummaries, type CustomerPopulation } from "./load-customer-summaries.js";
import type { ConvergedFit } from "./stored-fit.js";

/**
 * Below this P(alive) a customer who has bought again at least once counts as "at risk". BG/NBD gives
 * P(alive) = 1 to customers with a single purchase day (it lets customers drop out only right after a
 * repeat purchase), so one-time buyers are never at risk here; they are a second-purchase problem.
 */
export const AT_RISK_THRESHOLD = 0.5;

/**
 * Value at risk of one customer: what they have spent so far (on or before the fit date), weighted by the
 * probability that they are gone, revenue × (1 − P(alive)). High past value and low P(alive) rank first.
 */
export const valueAtRisk = (revenue: number, pAlive: number): number => revenue * (1 - pAlive);

/** Everyone scored with one fit for the next model unit (the forecast period). */
export interface ScoredPopulation {
  fitId: string;
  population: CustomerPopulation;
  /** expectedPurchases: E[Y(1 unit)]; lifetimeValue: undiscounted expected revenue in that unit. */
  scores: CustomerScores;
}

interface CacheEntry {
  value: Promise<ScoredPopulation>;
  expiresAt: number;
}

/**
 * Scored populations per (workspace, fit, asOf), kept a few minutes. A fit is immutable, but purchases
 * dated on or before its asOf can still arrive (late imports), so entries expire after TTL_MS rather than
 * living as long as the fit; a new fit has a new id and never hits an old entry. Few entries: 100,000
 * customers take about 10 MB.
 */
const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 8;
const cache = new Map<string, CacheEntry>();

/** Forgets cached scores (tests, and after bulk deletions). */
export function clearScoreCache(): void {
  cache.clear();
}

/**
 * Loads everyone who bought on or before `asOf` (the fit's own date unless told) and scores them with the
 * fit, from the cache when fresh. Throws ClvError INVALID_INPUT only for a fit whose parameters cannot score.
 */
export function scorePopulation(opts: { db: Db; fit: ConvergedFit; asOf?: string; now?: number }): Promise<ScoredPopulation> {
  const { db, fit } = opts;
  const asOf = opts.asOf ?? fit.asOf;
  const now = opts.now ?? Date.now();
  const key = `${fit.teamId}|${fit.id}|${asOf}`;
  const hit = cache.get(key);
  if (hit && hit.expiresAt > now) return hit.value;
  const value = (async () => {
    const population = await loadCustomerSummaries({ db, teamId: fit.teamId, asOf, unitDays: fit.unitDays, timeZone: fit.timeZone });
    const scores = scoreCustomers({ bgNbd: fit.bgNbd, gammaGamma: fit.gammaGamma }, population.summaries, { periods: 1, periodLength: 1, discountRate: 0 });
    return { fitId: fit.id, population, scores };
  })();
  cache.delete(key);
  cache.set(key, { value, expiresAt: now + TTL_MS });
  // A failed load must not stay cached.
  value.catch(() => cache.delete(key));
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return value;
}

/** Index filter for an optional segment (case-insensitive); all customers when none. */
export function inSegment(population: CustomerPopulation, segment: string | undefined): (i: number) => boolean {
  if (!segment) return () => true;
  const wanted = segment.toLowerCase();
  return (i) => (population.segments[i] ?? "").toLowerCase() === wanted;
}
