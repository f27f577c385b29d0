import type { KnownBlock } from "@slack/types";
import type { AtRiskCustomer } from "../../domain/prediction/at-risk-customer.js";
import type { CustomerCounter } from "../../domain/settings/customer-counter.js";
import type { Translate } from "../../i18n/index.js";
import { context, header, section } from "../blocks.js";
import { outreachButtons, outreachRowBlocks, type RowOwner } from "../outreach/outreach-blocks.js";
import { atRiskRow } from "../prediction/at-risk.js";
import { formatters } from "../prediction/format.js";

/** How many customers Home's at-risk section lists (3 blocks each at most); `/kpi at-risk` lists more. */
export const HOME_AT_RISK = 5;

/** Where the viewer is with one of their customers (days in the workspace's calendar). */
export type YourOutreach = { kind: "taken"; since: string } | { kind: "contacted"; since: string; windowOpenUntil: string };

export interface HomeAtRiskView {
  /** Every at-risk customer (count) and their summed value at risk. */
  count: number;
  valueAtRisk: number;
  /** The viewer's customers not closed yet (taken, or contacted with the win-back window open), listed first. */
  yours: readonly (AtRiskCustomer & { outreach: YourOutreach })[];
  /** The most valuable at-risk customers nobody is working on, after the viewer's. */
  unowned: readonly AtRiskCustomer[];
  /** Who last had each unowned customer (a closed outreach), by external id. */
  owners: ReadonlyMap<string, RowOwner>;
  /** At-risk customers `/kpi at-risk` has that this section leaves out (others' customers, the rest of the list). */
  more: number;
  counter: CustomerCounter;
  /** The person whose Home this is. */
  viewerId: string;
}

/**
 * App Home's at-risk section for one viewer: first the customers they have taken and not closed yet, each with where
 * they are (taken, or reached out and waiting for a purchase), then the at-risk customers with the highest value at
 * risk that nobody is working on, with the `/kpi at-risk` buttons (same action ids); HOME_AT_RISK rows in all, and
 * how many more `/kpi at-risk` has. Pure.
 */
export function homeAtRiskBlocks(t: Translate, v: HomeAtRiskView): KnownBlock[] {
  const f = formatters(t);
  const unit = t(`customerCounter.${v.counter}`);
  const blocks: KnownBlock[] = [header(t("prediction.atRisk.header"))];
  if (v.count === 0 && v.yours.length === 0) return [...blocks, section(t("prediction.atRisk.none"))];
  blocks.push(section(t("prediction.atRisk.summary", { count: f.count(v.count), value: f.money(v.valueAtRisk), counter: unit })));
  const yours = v.yours.slice(0, HOME_AT_RISK);
  if (yours.length) blocks.push(context(t("outreach.home.yours")));
  for (const c of yours) {
    const o = c.outreach;
    const state = o.kind === "taken" ? t("outreach.home.yourTaken", { since: o.since }) : t("outreach.home.yourContacted", { since: o.since, until: o.windowOpenUntil });
    const owner = { ownerId: v.viewerId, since: o.since, contacted: o.kind === "contacted" };
    blocks.push(atRiskRow(t, c), context(state), outreachButtons(t, c.customerId, owner, v.viewerId));
  }
  const unowned = v.unowned.slice(0, HOME_AT_RISK - yours.length);
  if (unowned.length) blocks.push(context(t("outreach.home.unowned")));
  for (const c of unowned) blocks.push(atRiskRow(t, c), ...outreachRowBlocks(t, c.customerId, v.owners.get(c.customerId), v.viewerId));
  if (v.more > 0) blocks.push(context(t("outreach.home.more", { count: f.count(v.more), counter: unit })));
  return blocks;
}
