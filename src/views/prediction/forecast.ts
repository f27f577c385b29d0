import type { KnownBlock } from "@slack/types";
import type { CustomerCounter } from "../../domain/settings/customer-counter.js";
import type { Translate } from "../../i18n/index.js";
import type { NextPeriodForecast } from "../../services/prediction/forecast-next-period.js";
import { context, escapeMrkdwn, header, section } from "../blocks.js";
import { failedSinceLine, formatters, unitLabel } from "./format.js";

/**
 * `/kpi forecast [segment]`: expected repeat purchases and revenue in the model unit after the fit date.
 * `counter` is how the workspace counts customers in Japanese.
 */
export function forecastMessage(t: Translate, fc: NextPeriodForecast, counter: CustomerCounter): { text: string; blocks: KnownBlock[] } {
  const f = formatters(t);
  const unit = t(`customerCounter.${counter}`);
  const title = t("prediction.forecast.header", { from: fc.from, to: fc.to }) + (fc.segment ? ` · ${fc.segment}` : "");
  const body = t("prediction.forecast.body", { purchases: f.decimal(fc.expectedPurchases), revenue: f.money(fc.expectedRevenue), customers: f.count(fc.customers), counter: unit });
  const blocks: KnownBlock[] = [header(title)];
  const warning = failedSinceLine(t, fc.failedSince, fc.fit);
  if (warning) blocks.push(section(warning));
  blocks.push(section(body), context(t("prediction.fitContext", { asOf: fc.fit.asOf, unit: unitLabel(t, fc.fit.unitDays), customers: f.count(fc.fit.customers), counter: unit })));
  return { text: `${escapeMrkdwn(title)}\n${body}`, blocks };
}
