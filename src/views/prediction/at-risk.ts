import type { KnownBlock } from "@slack/types";
import type { AtRiskCustomer } from "../../domain/prediction/at-risk-customer.js";
import type { CustomerCounter } from "../../domain/settings/customer-counter.js";
import type { Translate } from "../../i18n/index.js";
import type { AtRiskList } from "../../services/prediction/list-at-risk.js";
import { BLOCK_LIMITS } from "../block-limits.js";
import { clipMarkup, context, escapeMrkdwn, section } from "../blocks.js";
import { headingBlocks } from "../long-text.js";
import { outreachRowBlocks, type RowOwner } from "../outreach/outreach-blocks.js";
import { failedSinceLine, formatters, unitLabel } from "./format.js";

/**
 * `/kpi at-risk [segment]`: the customers with the highest value at risk and their key figures. `counter` is
 * how the workspace counts customers in Japanese. Each customer has "I'll reach out" and "Log outreach" buttons and,
 * when someone has them, who (`owners`, by external id).
 */
export function atRiskMessage(t: Translate, list: AtRiskList, counter: CustomerCounter, owners: ReadonlyMap<string, RowOwner> = new Map()): { text: string; blocks: KnownBlock[] } {
  const f = formatters(t);
  const unit = t(`customerCounter.${counter}`);
  const title = list.segment ? t("prediction.atRisk.headerSegment", { segment: escapeMrkdwn(list.segment) }) : t("prediction.atRisk.header");
  const summary = list.count === 0 ? t("prediction.atRisk.none") : t("prediction.atRisk.summary", { count: f.count(list.count), value: f.money(list.valueAtRisk), counter: unit });
  const blocks: KnownBlock[] = headingBlocks(title);
  const warning = failedSinceLine(t, list.failedSince, list.fit);
  if (warning) blocks.push(section(warning));
  blocks.push(section(summary));
  for (const c of list.customers) blocks.push(atRiskRow(t, c), ...outreachRowBlocks(t, c.customerId, owners.get(c.customerId)));
  blocks.push(
    context(
      t("prediction.atRisk.definition", { threshold: f.percent(list.threshold) }),
      t("prediction.fitContext", { asOf: list.fit.asOf, unit: unitLabel(t, list.fit.unitDays), customers: f.count(list.fit.customers), counter: unit }),
    ),
  );
  return { text: clipMarkup(`${title}: ${summary}`, BLOCK_LIMITS.fallbackTextChars), blocks };
}

/** One at-risk customer's line: who (name, external id, segment) and their figures, as every at-risk list shows it. Pure. */
export function atRiskRow(t: Translate, c: AtRiskCustomer): KnownBlock {
  const f = formatters(t);
  const who = escapeMrkdwn(c.name ? `${c.name}${t("word.aside", { text: c.customerId })}` : c.customerId) + (c.segment ? ` · ${escapeMrkdwn(c.segment)}` : "");
  return section(
    t("prediction.atRisk.row", {
      who,
      revenue: f.money(c.revenue),
      days: f.count(c.purchaseDays),
      last: c.lastPurchase,
      pAlive: f.percent(c.pAlive),
      value: f.money(c.valueAtRisk),
    }),
  );
}
