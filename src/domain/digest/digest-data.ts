/**
 * Everything one digest shows, gathered by `gatherDigestData` (services/digest) and turned into Block Kit
 * by `composeDigest`. Sections are empty arrays or null when there is nothing to say: they are left out.
 */
import type { KpiPeriod, KpiReport } from "../kpi/report.js";
import type { AtRiskSummary } from "../../services/prediction/summarize-at-risk.js";
import type { CustomerCounter } from "../settings/customer-counter.js";
import type { DigestPeriod } from "./schedule.js";
import type { LoopMetric } from "../work/loop-metrics.js";
import type { Saves } from "../outreach/saves.js";
import type { AtRiskCustomer } from "../prediction/at-risk-customer.js";

export interface DigestStory {
  storyId: string;
  kind: "win" | "failure";
  title: string;
  customer: string | null;
  points: number;
  channelId: string;
  ts: string;
  /** Link to the message, when Slack gave one. */
  permalink?: string;
}

export interface DigestTheme {
  theme: string;
  count: number;
  previousCount: number;
  /** Revenue of the known customers who raised it (null when none of them is known from the KPI data). */
  revenue: number | null;
}

export interface DigestQuote {
  insightId: string;
  customer: string;
  sentiment: "negative" | "neutral" | "positive";
  quote: string;
  permalink: string | null;
}

/** One of the most valuable at-risk customers of the digest's segment, with whoever has them (take / log buttons). */
export interface DigestAtRiskCustomer extends AtRiskCustomer {
  /** Who took or reached out to them: the day in the workspace's calendar; null when nobody has. */
  owner: { ownerId: string; since: string; contacted: boolean } | null;
}

export interface DigestRoutedCount {
  team: string;
  count: number;
}

export interface DigestData {
  teamId: string;
  period: DigestPeriod;
  segment: string | null;
  /** How the workspace counts customers in Japanese (人 / 社 / 件). */
  customerCounter: CustomerCounter;
  /** The KPI area's report for the period (with the one before), as `/kpi` shows it; null when it has no data. */
  kpis: KpiReport | null;
  /** Retention and churn over the last 12 periods ending with this one (a chart); empty without KPI data. */
  trend: KpiPeriod[];
  /** The KPI targets of the digest's segment (all customers without one), shown against the period; optional. */
  targets?: ReadonlyArray<{ kpi: string; value: number }>;
  /** Loop-closure figures per team over the period's voices (as they stood when the period ended); optional. */
  loop?: readonly LoopMetric[];
  /** Customers at risk from the latest converged model fit, with last week's figures; null without a fit. */
  atRisk: AtRiskSummary | null;
  /** The at-risk customers of the segment with the highest value at risk (a few), to take or log outreach; optional. */
  atRiskCustomers?: readonly DigestAtRiskCustomer[];
  /** Outreach to at-risk customers contacted in the 90 days before the period ended: won back, revenue, uplift; optional. */
  saves?: Saves | null;
  topStories: DigestStory[];
  themes: DigestTheme[];
  quotes: DigestQuote[];
  routed: DigestRoutedCount[];
}

/** True when no section has anything to show: the digest is then one line saying so. */
export const isEmptyDigest = (d: DigestData): boolean =>
  (d.kpis === null || !d.kpis.hasData) && d.atRisk === null && d.topStories.length === 0 && d.themes.length === 0 && d.quotes.length === 0 && d.routed.length === 0;
