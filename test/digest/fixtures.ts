import type { DigestData } from "../../src/domain/digest/digest-data.js";
import { periodBefore } from "../../src/domain/digest/schedule.js";
import type { KpiPeriod, KpiReport } from "../../src/domain/kpi/report.js";

const kpiPeriod = (from: string, to: string, over: Partial<KpiPeriod>): KpiPeriod => ({
  from,
  to,
  window: 90,
  activeAtStart: 200,
  activeAtEnd: 190,
  retained: 180,
  retentionRate: 0.9,
  churnRate: 0.1,
  newCustomers: 10,
  reactivatedCustomers: 0,
  purchasingCustomers: 50,
  purchases: 60,
  revenue: 6000,
  repeatPurchaseRate: 0.5,
  purchaseFrequency: 1.2,
  averageOrderValue: 100,
  revenuePerPurchasingCustomer: 120,
  historicClv: 300,
  csat: 0.8,
  nps: 0.2,
  hasData: true,
  ...over,
});

/** A KPI report: retention 90% -> 92.5%, new customers 10 -> 12. */
export const kpiReport = (): KpiReport => ({
  ...kpiPeriod("2026-11-16", "2026-11-23", { retentionRate: 0.925, churnRate: 0.075, newCustomers: 12 }),
  segment: null,
  timeZone: "UTC",
  previous: kpiPeriod("2026-11-09", "2026-11-16", {}),
});

/** A digest with every section filled; the week of Nov 16-22, 2026 in UTC. */
export function fullDigest(over: Partial<DigestData> = {}): DigestData {
  return {
    teamId: "T1",
    period: periodBefore("weekly", "UTC", new Date("2026-11-23T09:00:00Z")),
    segment: null,
    customerCounter: "people",
    kpis: kpiReport(),
    // Two weeks of trend: retention 90% then 92.5%.
    trend: [kpiReport().previous, kpiPeriod("2026-11-16", "2026-11-23", { retentionRate: 0.925, churnRate: 0.075 })],
    atRisk: {
      current: { asOf: "2026-11-22", count: 14, valueAtRisk: 5200 },
      previous: { asOf: "2026-11-15", count: 11, valueAtRisk: 4100 },
      countChange: 3,
      valueChange: 1100,
      segment: null,
      fitId: "fit-1",
      failedSince: null,
    },
    atRiskCustomers: [
      {
        customerId: "C-9",
        name: "Acme <Corp>",
        segment: "B2B",
        purchaseDays: 9,
        lastPurchase: "2026-08-01",
        revenue: 3000,
        pAlive: 0.1,
        valueAtRisk: 2700,
        owner: { ownerId: "U0OWNER", since: "2026-11-20", contacted: false },
      },
      {
        customerId: "C-7",
        name: null,
        segment: null,
        purchaseDays: 4,
        lastPurchase: "2026-07-12",
        revenue: 900,
        pAlive: 0.3,
        valueAtRisk: 630,
        owner: { ownerId: "U0OTHER", since: "2026-11-21", contacted: true },
      },
      { customerId: "C-5", name: "Beta", segment: null, purchaseDays: 3, lastPurchase: "2026-06-30", revenue: 500, pAlive: 0.2, valueAtRisk: 400, owner: null },
    ],
    topStories: [
      { storyId: "s1", kind: "win", title: "Saved Acme's renewal", customer: "Acme", points: 5, channelId: "C1", ts: "1.1", permalink: "https://x.slack.com/archives/C1/p11" },
      { storyId: "s2", kind: "failure", title: "Missed the <churn> signal", customer: null, points: 3, channelId: "C1", ts: "1.2" },
      { storyId: "s3", kind: "win", title: "Onboarding call", customer: null, points: 7, channelId: "C1", ts: "1.3", permalink: "https://x.slack.com/archives/C1/p13" },
    ],
    themes: [
      { theme: "pricing", count: 4, previousCount: 1, revenue: 12000 },
      { theme: "onboarding", count: 2, previousCount: 0, revenue: null },
      { theme: "support", count: 4, previousCount: 6, revenue: 500 },
    ],
    quotes: [
      { insightId: "i1", customer: "Beta", sentiment: "positive", quote: "Love the new dashboard", permalink: null },
      { insightId: "i2", customer: "Acme", sentiment: "negative", quote: "The renewal price doubled", permalink: "https://x.slack.com/archives/C2/p1" },
    ],
    routed: [
      { team: "support", count: 2 },
      { team: "product", count: 5 },
    ],
    ...over,
  };
}
