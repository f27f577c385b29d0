import type { MessageKey } from "../../i18n/index.js";
import { INSIGHT_FIELDS as F } from "../../slack-ids.js";
import { storableText } from "../text/storable-text.js";
import { parseThemeList } from "./parse-quick-insight.js";
import { decodeCustomerChoice } from "./customer-choice.js";
import { readOption, readOptionLabel, readOptions, readText, type ViewStateValues } from "./read-view-state.js";
import type { InsightInput } from "./schemas.js";
import { LIMITS, SENTIMENTS, SOURCES, TEAMS, type InsightSource, type Sentiment, type TeamName } from "./vocabulary.js";

export type FieldErrors = Record<string, { key: MessageKey; params?: Record<string, unknown> }>;

/**
 * Turns the insight modal's state into an insight, or field errors keyed by block id. Slack's max_length
 * already stops long input in the client; this refuses anything longer that still arrives (never truncates).
 */
export function validateInsightForm(
  values: ViewStateValues,
  extra: { authorId: string; messagePermalink?: string | undefined; messageAuthorId?: string | undefined },
): { ok: true; input: InsightInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  // The picker sends an imported customer ("id:<id>", shown by its label until the service reads its name) or the
  // typed text as written ("text:<text>").
  const picked = readOption(values, F.customer);
  const choice = picked === undefined ? undefined : decodeCustomerChoice(picked);
  const customerId = choice?.kind === "customer" ? choice.customerId : null;
  const customer = (choice?.kind === "text" ? choice.text : choice ? (readOptionLabel(values, F.customer) ?? `#${customerId}`) : "").trim();
  const quote = readText(values, F.quote);
  const context = readText(values, F.context);
  const source = readOption(values, F.source);
  const sentiment = readOption(values, F.sentiment) ?? "neutral";
  const teams = readOptions(values, F.teams);
  const themes = [...new Set([...readOptions(values, F.themesExisting), ...parseThemeList(readText(values, F.themesNew))])];

  const tooLong = (block: string, label: MessageKey, text: string, max: number) => {
    if (text.length > max) errors[block] = { key: "error.tooLong", params: { fieldKey: label, max, length: text.length } };
  };
  // Slack's client cannot type these, but a pasted unpaired surrogate or a crafted request can send them.
  const unstorable = (block: string, ...texts: string[]) => {
    if (!errors[block] && texts.some((x) => !storableText().safeParse(x).success)) errors[block] = { key: "error.unstorableText" };
  };
  if (!customer) errors[F.customer] = { key: "error.required" };
  tooLong(F.customer, "insight.field.customer", customer, LIMITS.customer);
  if (!quote) errors[F.quote] = { key: "error.required" };
  tooLong(F.quote, "insight.field.quote", quote, LIMITS.quote);
  tooLong(F.context, "insight.field.context", context, LIMITS.context);
  if (!source || !(SOURCES as readonly string[]).includes(source)) errors[F.source] = { key: "error.required" };
  if (!(SENTIMENTS as readonly string[]).includes(sentiment)) errors[F.sentiment] = { key: "error.required" };
  if (teams.length === 0 || teams.some((x) => !(TEAMS as readonly string[]).includes(x))) errors[F.teams] = { key: "insight.error.teams" };
  if (themes.length > LIMITS.themes || themes.some((x) => x.length > LIMITS.theme)) {
    errors[F.themesNew] = { key: "insight.error.themes", params: { max: LIMITS.themes } };
  }
  unstorable(F.customer, customer);
  unstorable(F.quote, quote);
  unstorable(F.context, context);
  unstorable(F.themesNew, ...themes);
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    input: {
      customer,
      source: source as InsightSource,
      sentiment: sentiment as Sentiment,
      themes,
      quote,
      context: context || null,
      teams: teams as TeamName[],
      authorId: extra.authorId,
      messagePermalink: extra.messagePermalink ?? null,
      messageAuthorId: extra.messageAuthorId ?? null,
      customerId,
    },
  };
}
