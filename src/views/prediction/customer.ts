import type { KnownBlock } from "@slack/types";
import type { Translate } from "../../i18n/index.js";
import type { CustomerPrediction } from "../../services/prediction/predict-customer.js";
import { clipMarkup, context, escapeMrkdwn, section } from "../blocks.js";
import { BLOCK_LIMITS } from "../block-limits.js";
import { headingBlocks } from "../long-text.js";
import { formatters, unitLabel } from "./format.js";

/** `/kpi customer <id>`: one customer's history and predictions; says so when there is too little data. */
export function customerPredictionMessage(t: Translate, p: CustomerPrediction): { text: string; blocks: KnownBlock[] } {
  const f = formatters(t);
  const unit = unitLabel(t, p.unitDays);
  const who = escapeMrkdwn(p.name ? `${p.name}${t("word.aside", { text: p.customerId })}` : p.customerId);
  const horizon = t("prediction.horizon", { n: p.horizon, unit });
  // A long imported name does not fit a header (150): it becomes a bold section with all of it.
  const title = t("prediction.customer.header", { who });
  const blocks: KnownBlock[] = headingBlocks(title);
  if (!p.enoughData) blocks.push(section(t("prediction.tooLittleData", { asOf: p.asOf })));
  blocks.push(
    section(
      t("prediction.customer.history", {
        first: p.history.firstPurchase,
        last: p.history.lastPurchase,
        days: f.count(p.history.purchaseDays),
        revenue: f.money(p.history.revenue),
        average: p.history.averageRepeatSpend === null ? t("word.none") : f.money(p.history.averageRepeatSpend),
      }),
    ),
    section(
      t("prediction.customer.predictions", {
        pAlive: f.percent(p.pAlive),
        horizon,
        purchases: f.decimal(p.expectedPurchases),
        spend: f.money(p.expectedAverageSpend),
        clv: f.money(p.clv),
        rate: f.percent(p.discountRate),
      }),
    ),
    context(
      t("prediction.customer.rfm", { x: f.count(p.frequency), tx: f.decimal(p.recency), t: f.decimal(p.T), unit }),
      t("prediction.fitAsOf", { asOf: p.asOf, unit }),
      ...(p.segment ? [escapeMrkdwn(p.segment)] : []),
    ),
  );
  // The blocks hold the whole name; the notification text ends with … when an imported name is that long.
  return { text: clipMarkup(title, BLOCK_LIMITS.fallbackTextChars), blocks };
}
