import type { KnownBlock } from "@slack/types";
import { formatInstant } from "../../domain/digest/format-time.js";
import { nextRunAfter, type DigestFrequency, type DigestSchedule } from "../../domain/digest/schedule.js";
import type { Locale } from "../../config.js";
import type { Translate } from "../../i18n/index.js";
import type { SubscriptionWithLastRun } from "../../services/digest/list-subscriptions.js";
import { fitBlocks } from "../block-limits.js";
import { context, escapeMrkdwn, section } from "../blocks.js";

/** A schedule in words: "every Monday at 09:00". */
export function describeSchedule(t: Translate, s: Pick<DigestSchedule, "frequency" | "day" | "time">): string {
  if (s.frequency === "daily") return t("digest.schedule.daily", { time: s.time });
  if (s.frequency === "monthly") return t("digest.schedule.monthly", { day: s.day ?? 1, time: s.time });
  return t("digest.schedule.weekly", { weekday: (t as unknown as (k: string) => string)(`digest.weekday.${s.day ?? 1}`), time: s.time });
}

/** Why a run failed or a subscription paused, in words; unknown Slack codes are named as such. */
export function describeReason(t: Translate, code: string | null): string {
  const key = `digest.reason.${code ?? "other"}`;
  const text = (t as unknown as (k: string) => string)(key);
  return text === key ? t("digest.reason.other", { code: code ?? "?" }) : text;
}

function lastRunLine(t: Translate, s: SubscriptionWithLastRun, locale: Locale): string {
  const run = s.lastRun;
  if (!run) return t("digest.list.neverRun");
  const at = formatInstant(run.scheduledFor, s.timeZone, locale);
  switch (run.status) {
    case "posted":
      return run.late ? t("digest.list.last.late", { at }) : t("digest.list.last.posted", { at });
    case "failed":
      return t("digest.list.last.failed", { at, reason: describeReason(t, run.error) });
    case "skipped":
      return t("digest.list.last.skipped", { at, reason: describeReason(t, run.error) });
    default:
      return t("digest.list.last.claimed", { at });
  }
}

/** `/kpi subscriptions`: each channel's schedule and time zone, next run, and last run with its outcome. */
export function subscriptionsList(t: Translate, locale: Locale, subs: SubscriptionWithLastRun[], now: Date): { text: string; blocks: KnownBlock[] } {
  if (!subs.length) return { text: t("digest.list.empty"), blocks: [section(t("digest.list.empty"))] };
  const blocks: KnownBlock[] = [section(t("digest.list.title"))];
  for (const s of subs) {
    const schedule = describeSchedule(t, { frequency: s.frequency as DigestFrequency, day: s.day, time: s.time });
    const details: string[] = [];
    if (s.pausedAt) details.push(t("digest.list.paused", { reason: describeReason(t, s.pauseReason) }));
    else {
      const next = nextRunAfter({ frequency: s.frequency as DigestFrequency, day: s.day, time: s.time, timeZone: s.timeZone }, now);
      details.push(t("digest.list.next", { at: formatInstant(next, s.timeZone, locale) }));
    }
    details.push(lastRunLine(t, s, locale));
    if (s.segment) details.push(t("digest.list.segment", { segment: escapeMrkdwn(s.segment) }));
    details.push(t("digest.list.language", { language: t(s.locale === "ja" ? "digest.language.ja" : "digest.language.en") }));
    blocks.push(section(`${t("digest.list.line", { channel: s.channelId, schedule, timeZone: s.timeZone })}\n${details.join(" · ")}`));
  }
  const fitted = fitBlocks(blocks, { surface: "message", overflowNotice: (r) => context(t("digest.more", { count: r.droppedBlocks })) });
  return { text: t("digest.list.title"), blocks: fitted.blocks };
}
