/**
 * The KPI formulas, one function each: the counts come from one SQL query (services/kpi/kpi-counts.ts),
 * the ratios are taken here. A ratio with an empty denominator is null ("no data"), never 0 or NaN.
 * docs/kpi.md ("Definitions") states each formula in words.
 */

/** numerator / denominator, null when the denominator is 0. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Share of the customers active at the period start who are still active at its end. */
export const retentionRate = (retained: number, activeAtStart: number) => ratio(retained, activeAtStart);

/** 1 − retention rate; null when retention is undefined. */
export const churnRate = (retained: number, activeAtStart: number) => {
  const r = retentionRate(retained, activeAtStart);
  return r === null ? null : 1 - r;
};

/** Share of the customers purchasing in the period who had purchased before it. */
export const repeatPurchaseRate = (repeatCustomers: number, purchasingCustomers: number) => ratio(repeatCustomers, purchasingCustomers);

/** Purchases in the period per customer purchasing in it. */
export const purchaseFrequency = (purchases: number, purchasingCustomers: number) => ratio(purchases, purchasingCustomers);

/** Revenue in the period per purchase in it. */
export const averageOrderValue = (revenue: number, purchases: number) => ratio(revenue, purchases);

/** Revenue in the period per customer purchasing in it. */
export const revenuePerPurchasingCustomer = (revenue: number, purchasingCustomers: number) => ratio(revenue, purchasingCustomers);

/** All revenue before the period end per customer acquired before it. */
export const historicClv = (revenueBeforeEnd: number, acquiredBeforeEnd: number) => ratio(revenueBeforeEnd, acquiredBeforeEnd);

/** Share of CSAT responses scoring 4 or 5. */
export const csat = (satisfied: number, responses: number) => ratio(satisfied, responses);

/** Share of NPS scores 9–10 minus share of scores 0–6, as a fraction in [−1, 1] (×100 is the usual NPS). */
export const nps = (promoters: number, detractors: number, responses: number) => ratio(promoters - detractors, responses);

/** Money rounded to cents, so sums of Decimal(14,2) amounts read as they were stored. */
export const cents = (x: number) => Math.round(x * 100) / 100;
