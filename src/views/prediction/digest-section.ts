import type { KnownBlock } from "@slack/types";
import type { CustomerCounter } from "../../domain/settings/customer-counter.js";
import type { Translate } from "../../i18n/index.js";
import type { AtRiskSummary } from "../../services/prediction/summarize-at-risk.js";
import { context, section } from "../blocks.js";
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
