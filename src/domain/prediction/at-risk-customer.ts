/**
 * One at-risk customer's figures as every list shows them (`/kpi at-risk`, App Home, the digest): scored with the
 * latest fit, value at risk = revenue × (1 − P(alive)).
 */
export interface AtRiskCustomer {
  /** The external id (as imported). */
  customerId: string;
  name: string | null;
  segment: string | null;
  purchaseDays: number;
  /** YYYY-MM-DD. */
  lastPurchase: string;
  revenue: number;
  pAlive: number;
  valueAtRisk: number;
}
