import type { KnownBlock } from "@slack/types";
import type { CustomerCounter } from "../../domain/settings/customer-counter.js";
import type { Translate } from "../../i18n/index.js";
import { context, escapeMrkdwn, header, section } from "../blocks.js";
import { outreachRowBlocks, type RowOwner } from "../outreach/outreach-blocks.js";
import { formatters } from "../prediction/format.js";

/** How many at-risk customers Home lists (3 blocks each at most); `/kpi at-risk` lists more. */
export const HOME_AT_RISK = 5;

/** One at-risk customer as Home shows it (the same figures as `/kpi at-risk`). */
export interface HomeAtRiskCustomer {
  customerId: string;
  name: string | null;
  segment: string | null;
  purchaseDays: number;
  lastPurchase: string;
  revenue: number;
  pAlive: number;
  valueAtRisk: number;
}

export interface HomeAtRiskView {
  /** Every at-risk customer (count) and their summed value at risk; `customers` the most valuable first. */
  count: number;
  valueAtRisk: number;
  customers: readonly HomeAtRiskCustomer[];
  /** Who has which customer, by external id. */
  owners: ReadonlyMap<string, RowOwner>;
  counter: CustomerCounter;
  /** The person whose Home this is: their customers offer "Log outreach", someone else's "Take over". */
  viewerId: string;
}

/**
 * App Home's at-risk section: the customers with the highest value at risk (at most HOME_AT_RISK), each with who has
 * them and the outreach buttons of `/kpi at-risk` (same action ids, drawn for the viewer). Pure.
 */
export function homeAtRiskBlocks(t: Translate, v: HomeAtRiskView): KnownBlock[] {
  const f = formatters(t);
  const unit = t(`customerCounter.${v.counter}`);
  const blocks: KnownBlock[] = [header(t("prediction.atRisk.header"))];
  if (v.count === 0) return [...blocks, section(t("prediction.atRisk.none"))];
  blocks.push(section(t("prediction.atRisk.summary", { count: f.count(v.count), value: f.money(v.valueAtRisk), counter: unit })));
  for (const c of v.customers.slice(0, HOME_AT_RISK)) {
    const who = escapeMrkdwn(c.name ? `${c.name}${t("word.aside", { text: c.customerId })}` : c.customerId) + (c.segment ? ` · ${escapeMrkdwn(c.segment)}` : "");
    blocks.push(
      section(
        t("prediction.atRisk.row", {
          who,
          revenue: f.money(c.revenue),
          days: f.count(c.purchaseDays),
          last: c.lastPurchase,
          pAlive: f.percent(c.pAlive),
          value: f.money(c.valueAtRisk),
        }),
      ),
      ...outreachRowBlocks(t, c.customerId, v.owners.get(c.customerId), v.viewerId),
    );
  }
  if (v.count > HOME_AT_RISK) blocks.push(context(t("outreach.home.more", { shown: HOME_AT_RISK, count: f.count(v.count), counter: unit })));
  return blocks;
}
