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
<<<<<<< HEAD
import { work } from "./work.js";

const en = { ...common.en, ...capture.en, ...kpi.en, ...ratings.en, ...digest.en, ...prediction.en, ...home.en, ...visuals.en, ...apiTokens.en, ...privacy.en, ...access.en, ...work.en };
const ja = { ...common.ja, ...capture.ja, ...kpi.ja, ...ratings.ja, ...digest.ja, ...prediction.ja, ...home.ja, ...visuals.ja, ...apiTokens.ja, ...privacy.ja, ...access.ja, ...work.ja };
=======
import { settings } from "./settings.js";

const en = { ...common.en, ...capture.en, ...kpi.en, ...ratings.en, ...digest.en, ...prediction.en, ...home.en, ...visuals.en, ...apiTokens.en, ...privacy.en, ...access.en, ...settings.en };
const ja = { ...common.ja, ...capture.ja, ...kpi.ja, ...ratings.ja, ...digest.ja, ...prediction.ja, ...home.ja, ...visuals.ja, ...apiTokens.ja, ...privacy.ja, ...access.ja, ...settings.ja };
>>>>>>> 7e0ab5b (Japanese in Slack: every catalog message renders its emphasis (test over all entries, both locales: each * _ ~ marker bordered by whitespace, a line edge or ASCII punctuation; code, entities, emoji names and identifiers skipped); ja wording reviewed (入手経路, 継続見込み, リテンション率, 顧客満足度（CSAT）, ワークスペース退出済み, 予定の配信, いただき, no casual forms); chart period labels with the full year (Nov 8, 2026 / 2026年11月8日); ja help names the shortcuts as the manifest shows them; business users are told to ask an admin instead of npm run import (admins see the command); Japanese counts customers with 人, 社 or 件 by a workspace setting (/kpi settings counter, migration 20261201160000))

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
