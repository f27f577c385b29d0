/**
 * Alert posts (issue #17): what happened, why it matters (the numbers) and the next step (buttons), in the
 * subscription's language; several alerts in one grouped post when a channel gets more than its limit in an hour.
 * Pure: data in, blocks out; every user string (names, segments, quotes) escaped.
 */
import type { KnownBlock } from "@slack/types";
import type { Locale } from "../../config.js";
import type { AlertFacts, CustomerFacts } from "../../domain/alerts/alert-kinds.js";
import type { Translate } from "../../i18n/index.js";
import { ACTIONS } from "../../slack-ids.js";
import { clip, context, escapeMrkdwn, plain, quoteLines, section } from "../blocks.js";
import { kpiFormatters } from "../kpi/kpi-report.js";
import { dayLabel, lastDayOf } from "../kpi/labels.js";
import { gapText, targetKpiLabel, targetValueText } from "../targets/target-words.js";

/** Alerts listed in a grouped post; the rest are counted. */
export const GROUPED_SHOWN = 10;

const customerName = (c: CustomerFacts) => escapeMrkdwn(clip(c.name ? `${c.name} (${c.externalId})` : c.externalId, 150));
const segmentText = (t: Translate, segment: string) => (segment === "" ? t("alerts.allCustomers") : escapeMrkdwn(segment));
const periodText = (locale: Locale, from: string, to: string) => `${dayLabel(from, locale)} – ${dayLabel(lastDayOf(to), locale)}`;

function whyLine(t: Translate, locale: Locale, c: CustomerFacts): string {
  const fmt = kpiFormatters(locale);
  const facts = [
    t("alerts.fact.revenue", { value: fmt.value("money", c.revenue) }),
    ...(c.pAlive === null ? [] : [t("alerts.fact.pAlive", { value: fmt.value("rate", c.pAlive) })]),
    ...(c.expectedClv === null ? [] : [t("alerts.fact.clv", { value: fmt.value("money", c.expectedClv) })]),
    ...(c.segment ? [t("alerts.fact.segment", { segment: escapeMrkdwn(c.segment) })] : []),
  ];
  return t("alerts.why", { facts: facts.join(locale === "ja" ? "、" : ", ") });
}

/** The headline of one alert, as plain text (notification text and grouped lists). */
export function alertHeadline(t: Translate, facts: AlertFacts): string {
  if (facts.kind === "kpi-miss") return t("alerts.text.kpiMiss", { kpi: targetKpiLabel(t, facts.kpi), segment: segmentText(t, facts.segment) });
  if (facts.kind === "kpi-move") return t("alerts.text.kpiMove", { kpi: targetKpiLabel(t, facts.kpi), segment: segmentText(t, facts.segment) });
  const customer = customerName(facts.customer);
  if (facts.kind === "at-risk") return t("alerts.text.atRisk", { customer });
  if (facts.kind === "voice") return t("alerts.text.voice", { customer });
  return t("alerts.text.detractor", { customer, survey: facts.survey.toUpperCase(), score: facts.score });
}

function customerButtons(t: Translate, c: CustomerFacts, voice?: { insightId: string; permalink: string | null }): KnownBlock {
  const value = clip(c.externalId, 2000);
  return {
    type: "actions",
    elements: [
      { type: "button", action_id: ACTIONS.alertTakeCustomer, text: plain(t("alerts.button.take")), value, style: "primary" },
      { type: "button", action_id: ACTIONS.alertOpenCustomer, text: plain(t("alerts.button.open")), value },
      ...(voice?.permalink
        ? [{ type: "button" as const, action_id: ACTIONS.alertOpenVoice, text: plain(t("alerts.button.openVoice")), url: voice.permalink, value: voice.insightId }]
        : []),
    ],
  };
}

/** One alert's post; `reachingOut` (a user id) when someone took the customer from it ("I'll reach out"). */
export function alertMessage(t: Translate, locale: Locale, facts: AlertFacts, opts: { reachingOut?: string } = {}): { text: string; blocks: KnownBlock[] } {
  const text = alertHeadline(t, facts);
  if (facts.kind === "kpi-miss" || facts.kind === "kpi-move") {
    const kpi = targetKpiLabel(t, facts.kpi);
    const segment = segmentText(t, facts.segment);
    const period = periodText(locale, facts.from, facts.to);
    const body =
      facts.kind === "kpi-miss"
        ? t("alerts.kpiMiss", {
            kpi,
            segment,
            period,
            value: targetValueText(locale, facts.kpi, facts.value),
            target: targetValueText(locale, facts.kpi, facts.target),
            gap: gapText(t, locale, facts.kpi, facts.gap),
          })
        : t("alerts.kpiMove", {
            kpi,
            segment,
            period,
            value: targetValueText(locale, facts.kpi, facts.value),
            previous: targetValueText(locale, facts.kpi, facts.previous),
            change: gapText(t, locale, facts.kpi, facts.value - facts.previous),
          });
    const command = facts.segment === "" ? "/kpi" : `/kpi ${escapeMrkdwn(facts.segment)}`;
    return { text, blocks: [section(body), context(t("alerts.kpi.next", { command }))] };
  }
  const customer = customerName(facts.customer);
  const blocks: KnownBlock[] = [];
  if (facts.kind === "at-risk") blocks.push(section(t("alerts.atRisk", { customer })));
  if (facts.kind === "voice") blocks.push(section(`${t("alerts.voice", { customer })}\n${quoteLines(escapeMrkdwn(clip(facts.quote, 2500)))}`));
  if (facts.kind === "detractor") {
    const head = t("alerts.detractor", { customer, survey: facts.survey.toUpperCase(), score: facts.score, date: dayLabel(facts.at.slice(0, 10), locale) });
    blocks.push(section(facts.comment ? `${head}\n${quoteLines(escapeMrkdwn(clip(facts.comment, 2500)))}` : head));
  }
  blocks.push(context(whyLine(t, locale, facts.customer)));
  if (opts.reachingOut) blocks.push(context(t("alerts.reachingOut", { user: `<@${opts.reachingOut}>` })));
  blocks.push(customerButtons(t, facts.customer, facts.kind === "voice" ? facts : undefined));
  return { text, blocks };
}

/** Several alerts as one post: a line each (the first GROUPED_SHOWN), the rest counted. */
export function groupedAlertMessage(t: Translate, facts: readonly AlertFacts[]): { text: string; blocks: KnownBlock[] } {
  const head = t("alerts.grouped", { count: facts.length });
  const lines = facts.slice(0, GROUPED_SHOWN).map((f) => `• ${alertHeadline(t, f)}`);
  if (facts.length > GROUPED_SHOWN) lines.push(t("alerts.grouped.more", { count: facts.length - GROUPED_SHOWN }));
  return { text: head, blocks: [section(`${head}\n${lines.join("\n")}`)] };
}
