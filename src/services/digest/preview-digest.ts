import type { Locale } from "../../config.js";
import type { DigestData } from "../../domain/digest/digest-data.js";
import { periodBefore, type DigestFrequency } from "../../domain/digest/schedule.js";
import type { TeamScope } from "../types.js";
import { gatherDigestData } from "./gather-digest-data.js";
import { findSubscription } from "./list-subscriptions.js";

/**
 * What the channel's digest would show now: its subscription's frequency, time zone, segment and
 * language, or (no subscription) a weekly digest in the caller's time zone and language.
 */
export async function previewDigest(
  scope: TeamScope,
  q: { channelId: string; now: Date; timeZone: string; locale: Locale; permalink?: (channelId: string, ts: string) => Promise<string | undefined> },
): Promise<{ data: DigestData; locale: Locale }> {
  const sub = await findSubscription(scope, q.channelId);
  const frequency = (sub?.frequency ?? "weekly") as DigestFrequency;
  const period = periodBefore(frequency, sub?.timeZone ?? q.timeZone, q.now);
  const data = await gatherDigestData({ ...scope, period, segment: sub?.segment ?? null, ...(q.permalink ? { permalink: q.permalink } : {}) });
  return { data, locale: sub ? (sub.locale === "ja" ? "ja" : "en") : q.locale };
}
