import type { Locale } from "../config.js";
import { common } from "./common.js";
import { capture } from "./capture.js";
import { kpi } from "./kpi.js";
import { ratings } from "./ratings.js";
import { digest } from "./digest.js";
import { prediction } from "./prediction.js";
import { home } from "./home.js";
import { visuals } from "./visuals.js";
import { apiTokens } from "./api-tokens.js";
import { privacy } from "./privacy.js";
import { access } from "./access.js";
import { work } from "./work.js";
import { settings } from "./settings.js";
import { channels } from "./channels.js";
import { outreach } from "./outreach.js";
import { targets } from "./targets.js";
import { alerts } from "./alerts.js";

const en = {
  ...common.en,
  ...capture.en,
  ...kpi.en,
  ...ratings.en,
  ...digest.en,
  ...prediction.en,
  ...home.en,
  ...visuals.en,
  ...apiTokens.en,
  ...privacy.en,
  ...access.en,
  ...work.en,
  ...settings.en,
  ...channels.en,
  ...outreach.en,
  ...targets.en,
  ...alerts.en,
};
const ja = {
  ...common.ja,
  ...capture.ja,
  ...kpi.ja,
  ...ratings.ja,
  ...digest.ja,
  ...prediction.ja,
  ...home.ja,
  ...visuals.ja,
  ...apiTokens.ja,
  ...privacy.ja,
  ...access.ja,
  ...work.ja,
  ...settings.ja,
  ...channels.ja,
  ...outreach.ja,
  ...targets.ja,
  ...alerts.ja,
};

export type MessageKey = keyof typeof en;
type Params<K extends MessageKey> = (typeof en)[K] extends (p: infer P) => string ? [params: P] : [];

/** Looks up a message function by locale. */
export type Translate = <K extends MessageKey>(key: K, ...params: Params<K>) => string;

const catalogs: Record<Locale, Record<string, unknown>> = { en, ja };

/** Every user-facing string goes through here: `const t = translator(locale); t("insight.saved", {...})`. */
export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale] ?? catalogs.en;
  return ((key: MessageKey, ...params: unknown[]) => {
    const m = (catalog[key] ?? (en as Record<string, unknown>)[key]) as unknown;
    if (typeof m === "function") return (m as (p: unknown) => string)(params[0]);
    if (typeof m === "string") return m;
    return key;
  }) as Translate;
}

/** Maps a Slack locale ("ja-JP", "en-US") to one we have; undefined when neither fits. */
export function toLocale(slackLocale: string | undefined | null): Locale | undefined {
  if (!slackLocale) return undefined;
  const lang = slackLocale.toLowerCase().slice(0, 2);
  return lang === "ja" ? "ja" : lang === "en" ? "en" : undefined;
}

/** Every message of each locale, for tests that check all of them (functions still take their parameters). */
export const catalogEntries = (): Record<Locale, [string, string | ((p: unknown) => string)][]> => ({
  en: Object.entries(en) as [string, string | ((p: unknown) => string)][],
  ja: Object.entries(ja) as [string, string | ((p: unknown) => string)][],
});

export const allKeys = (): { en: string[]; ja: string[] } => ({ en: Object.keys(en), ja: Object.keys(ja) });
