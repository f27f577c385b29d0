import type { Day } from "../time/calendar.js";
import * as f from "./formulas.js";

/** Raw counts of one period, as the KPI query returns them. */
export interface PeriodCounts {
  activeAtStart: number;
  activeAtEnd: number;
  retained: number;
  newCustomers: number;
  reactivatedCustomers: number;
  purchasingCustomers: number;
  repeatCustomers: number;
  purchases: number;
  revenue: number;
  revenueBeforeEnd: number;
  acquiredBeforeEnd: number;
  csatResponses: number;
  csatSatisfied: number;
  npsResponses: number;
  npsPromoters: number;
  npsDetractors: number;
}

/** The counts of a period in which nothing was counted. */
export const NO_COUNTS: Readonly<PeriodCounts> = Object.freeze({
  activeAtStart: 0,
  activeAtEnd: 0,
  retained: 0,
  newCustomers: 0,
  reactivatedCustomers: 0,
  purchasingCustomers: 0,
  repeatCustomers: 0,
  purchases: 0,
  revenue: 0,
  revenueBeforeEnd: 0,
  acquiredBeforeEnd: 0,
  csatResponses: 0,
  csatSatisfied: 0,
  npsResponses: 0,
  npsPromoters: 0,
  npsDetractors: 0,
});

/** K periods in which nothing was counted (each its own object). */
export const noCounts = (K: number): PeriodCounts[] => Array.from({ length: K }, () => ({ ...NO_COUNTS }));

/** The KPIs of one period [from, to) of local days. Rates are fractions 0..1 (nps −1..1), null when undefined. */
export interface KpiPeriod {
  from: Day;
  /** Exclusive: the first day after the period. */
  to: Day;
  /** Activity window in days: active at t = a purchase in [t − window, t) and not churned at t. */
  window: number;
  activeAtStart: number;
  activeAtEnd: number;
  retained: number;
  retentionRate: number | null;
  churnRate: number | null;
  newCustomers: number;
  reactivatedCustomers: number;
  purchasingCustomers: number;
  purchases: number;
  revenue: number;
  repeatPurchaseRate: number | null;
  purchaseFrequency: number | null;
  averageOrderValue: number | null;
  revenuePerPurchasingCustomer: number | null;
  historicClv: number | null;
  csat: number | null;
  nps: number | null;
  /** False when nothing at all happened in or around the period: no customer, purchase or response counted. */
  hasData: boolean;
}

/** What `/kpi`, GET /api/v1/kpis and `npm run kpi` show: a period and the one before it. */
export interface KpiReport extends KpiPeriod {
  segment: string | null;
  timeZone: string;
  previous: KpiPeriod;
}

/** Turns one period's counts into its KPIs (the only place the ratios are taken). */
export function periodKpis(range: { from: Day; to: Day }, window: number, c: PeriodCounts): KpiPeriod {
  return {
    from: range.from,
    to: range.to,
    window,
    activeAtStart: c.activeAtStart,
    activeAtEnd: c.activeAtEnd,
    retained: c.retained,
    retentionRate: f.retentionRate(c.retained, c.activeAtStart),
    churnRate: f.churnRate(c.retained, c.activeAtStart),
    newCustomers: c.newCustomers,
    reactivatedCustomers: c.reactivatedCustomers,
    purchasingCustomers: c.purchasingCustomers,
    purchases: c.purchases,
    revenue: f.cents(c.revenue),
    repeatPurchaseRate: f.repeatPurchaseRate(c.repeatCustomers, c.purchasingCustomers),
    purchaseFrequency: f.purchaseFrequency(c.purchases, c.purchasingCustomers),
    averageOrderValue: f.averageOrderValue(c.revenue, c.purchases),
    revenuePerPurchasingCustomer: f.revenuePerPurchasingCustomer(c.revenue, c.purchasingCustomers),
    historicClv: f.historicClv(c.revenueBeforeEnd, c.acquiredBeforeEnd),
    csat: f.csat(c.csatSatisfied, c.csatResponses),
    nps: f.nps(c.npsPromoters, c.npsDetractors, c.npsResponses),
    hasData: c.activeAtStart + c.activeAtEnd + c.newCustomers + c.purchases + c.csatResponses + c.npsResponses > 0,
  };
}

/**
 * The counts of disjoint groups of customers (segments) added up: every count is of customers, purchases, money or
 * responses, each in exactly one group, so the sum is the whole's count.
 */
export function addCounts(a: PeriodCounts, b: PeriodCounts): PeriodCounts {
  const out = { ...a };
  for (const k of Object.keys(out) as Array<keyof PeriodCounts>) out[k] = k.startsWith("revenue") ? Math.round((a[k] + b[k]) * 100) / 100 : a[k] + b[k];
  return out;
}
