import type { KnownBlock } from "@slack/types";
import type { CustomerCounter } from "../../domain/settings/customer-counter.js";
import type { Translate } from "../../i18n/index.js";
import type { AtRiskSummary } from "../../services/prediction/summarize-at-risk.js";
import type { DigestAtRiskCustomer } from "../../domain/digest/digest-data.js";
import { context, section } from "../blocks.js";
import { outreachRowBlocks } from "../outreach/outreach-blocks.js";
import { atRiskRow } from "./at-risk.js";
import { failedSinceLine, formatters } from "./format.js";

/**
 * The weekly digest's "at risk" section: count and value at risk, and their change from 7 days earlier
 * (see summarizeAtRisk). `summary` null (no fit yet) gives a one-line note. `counter` is how the workspace
 * counts customers in Japanese. Pure: data in, blocks out.
 */
export function atRiskDigestSection(t: Translate, summary: AtRiskSummary | null, counter: CustomerCounter): KnownBlock[] {
  if (!summary) return [section(`*${t("prediction.digest.title")}*\n${t("prediction.digest.noFit")}`)];
  const f = formatters(t);
  const body = t("prediction.digest.body", {
    count: f.count(summary.current.count),
    countChange: f.signedCount(summary.countChange),
    value: f.money(summary.current.valueAtRisk),
    valueChange: f.signedMoney(summary.valueChange),
    counter: t(`customerCounter.${counter}`),
  });
  const blocks: KnownBlock[] = [section(`*${t("prediction.digest.title")}*${summary.segment ? ` · ${summary.segment}` : ""}\n${body}`)];
  const warning = failedSinceLine(t, summary.failedSince, summary.current);
  if (warning) blocks.push(context(warning));
  return blocks;
}

/**
 * The digest's most valuable at-risk customers, each as `/kpi at-risk` shows them: the figures, who has them, and the
 * "I'll reach out" / "Log outreach" buttons (same action ids; a button's value is the customer's external id only,
 * which the row shows). At most 3 blocks per customer. Pure.
 */
export function atRiskCustomerBlocks(t: Translate, customers: readonly DigestAtRiskCustomer[]): KnownBlock[] {
  return customers.flatMap((c) => [atRiskRow(t, c), ...outreachRowBlocks(t, c.customerId, c.owner ?? undefined)]);
}
