/**
 * Posts the alerts that are due (issue #17): claims them in the ledger, groups a channel's alerts into one post when
 * it would get more than its subscription's limit in an hour, tags every post with its alert ids in the message
 * metadata, and records the outcome. A claim left by a replica that died is taken over after the lease, and the
 * channel's history is searched for the post first, so a crash between posting and recording never posts twice.
 */
import type { WebClient } from "@slack/web-api";
import type { Locale } from "../../config.js";
import type { Db } from "../../db/client.js";
import type { AlertFacts } from "../../domain/alerts/alert-kinds.js";
import type { AlertLedger, AlertSubscription } from "../../generated/prisma/client.js";
import { translator } from "../../i18n/index.js";
import { errorFields, type Log } from "../../log.js";
import { alertMessage, groupedAlertMessage } from "../../views/alerts/alert-message.js";
import { joinChannel } from "../slack/join-channel.js";
import { mayPostCustomerData } from "../slack/may-post-customer-data.js";
import { slackErrorCode } from "../slack/slack-error.js";
import { claimDueAlerts, finishAlerts, MAX_ATTEMPTS, postedInLastHour } from "./alert-ledger.js";

export const ALERT_EVENT_TYPE = "retention_alert";

export interface DeliverAlertsOptions {
  db: Db;
  client: WebClient;
  log: Log;
  now: Date;
  /** This replica: claims carry it. */
  holder: string;
  /** Only this workspace's alerts (after its ingestion); all when absent (the scheduler tick). */
  teamId?: string;
  /** Test hook: runs after Slack accepted a post and before the ledger records it (a crash there is what recovery is for). */
  afterPost?: (ids: string[]) => Promise<void>;
}

export interface DeliverAlertsResult {
  posted: number;
  grouped: number;
  recovered: number;
  failed: number;
}

/** Posts every due alert; resolves with counts. Throws only when the database is unreachable. */
export async function deliverAlerts(opts: DeliverAlertsOptions): Promise<DeliverAlertsResult> {
  const { db, now, holder } = opts;
  const result: DeliverAlertsResult = { posted: 0, grouped: 0, recovered: 0, failed: 0 };
  const claimed = await claimDueAlerts(db, { holder, now, ...(opts.teamId ? { teamId: opts.teamId } : {}) });
  if (!claimed.length) return result;
  const subs = new Map((await db.alertSubscription.findMany({ where: { id: { in: [...new Set(claimed.map((a) => a.subscriptionId))] } } })).map((s) => [s.id, s]));
  // One channel's alerts are posted together, in the language of its (first) subscription. A voice alert for the owning
  // team's channel goes to the channel recorded on it (its team's route), not the subscription's.
  const byChannel = new Map<string, { channelId: string; subs: AlertSubscription[]; alerts: AlertLedger[] }>();
  for (const alert of claimed) {
    const sub = subs.get(alert.subscriptionId);
    if (!sub) continue;
    const channelId = alert.channelId ?? sub.channelId;
    const key = `${sub.teamId}|${channelId}`;
    const entry = byChannel.get(key) ?? { channelId, subs: [], alerts: [] };
    if (!entry.subs.includes(sub)) entry.subs.push(sub);
    entry.alerts.push(alert);
    byChannel.set(key, entry);
  }
  for (const { channelId, subs: channelSubs, alerts } of byChannel.values()) {
    await deliverToChannel(opts, channelId, channelSubs, alerts, result).catch((e) =>
      opts.log.error({ teamId: channelSubs[0]!.teamId, err: errorFields(e) }, "alert delivery failed"),
    );
  }
  return result;
}

async function deliverToChannel(opts: DeliverAlertsOptions, channelId: string, subs: AlertSubscription[], alerts: AlertLedger[], result: DeliverAlertsResult): Promise<void> {
  const { db, client, now, holder, log } = opts;
  const sub = subs[0]!;
  const ctx = { teamId: sub.teamId, channel: channelId };
  // Alerts whose earlier claim went stale may have been posted by the replica that died: look before posting.
  const retried = alerts.filter((a) => a.attempts > 1);
  const found = retried.length ? await findPostedAlerts(client, channelId, retried, now) : new Map<string, string>();
  for (const [id, ts] of found) {
    await finishAlerts(db, { ids: [id], holder, now, status: "posted", messageTs: ts });
    result.recovered += 1;
  }
  const open = alerts.filter((a) => !found.has(a.id));
  if (!open.length) return;
  const fail = async (ids: string[], error: string, retry: boolean) => {
    await finishAlerts(db, { ids, holder, now, status: retry ? "pending" : "failed", error });
    if (!retry) result.failed += ids.length;
  };
  if (!(await mayPostCustomerData({ db, teamId: sub.teamId, client }, channelId).catch(() => false))) {
    log.warn({ ...ctx, alerts: open.length }, "alert channel is shared outside the organisation: not posted");
    return fail(
      open.map((a) => a.id),
      "external_channel",
      false,
    );
  }
  const t = translator((sub.locale === "ja" ? "ja" : "en") as Locale);
  const locale = (sub.locale === "ja" ? "ja" : "en") as Locale;
  const limit = Math.min(...subs.map((s) => s.groupAbove));
  const already = await postedInLastHour(db, { subscriptionIds: subs.map((s) => s.id), channelId, now });
  // A team's route channel was chosen for voices, not for alerts: join it as routing does before posting there.
  if (open.some((a) => a.channelId !== null)) await joinChannel(client, channelId).catch(() => null);
  const posts: AlertLedger[][] = open.length > 1 && already + open.length > limit ? [open] : open.map((a) => [a]);
  for (const group of posts) {
    const ids = group.map((a) => a.id);
    const message =
      group.length > 1
        ? groupedAlertMessage(
            t,
            group.map((a) => a.facts as unknown as AlertFacts),
          )
        : alertMessage(t, locale, group[0]!.facts as unknown as AlertFacts);
    let ts: string;
    try {
      const res = await client.chat.postMessage({
        channel: channelId,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { alert_ids: ids.join(",") } },
      });
      ts = res.ts ?? "";
    } catch (e) {
      const code = slackErrorCode(e);
      log.warn({ ...ctx, code, alerts: ids.length }, "alert post failed");
      await fail(ids, code, Math.max(...group.map((a) => a.attempts)) < MAX_ATTEMPTS);
      continue;
    }
    try {
      await opts.afterPost?.(ids);
      await finishAlerts(db, { ids, holder, now, status: "posted", messageTs: ts });
      result.posted += ids.length;
      if (group.length > 1) result.grouped += 1;
    } catch (e) {
      // Slack has the post, the ledger does not: the claim goes stale and recovery finds the post by its alert ids.
      log.error({ ...ctx, err: errorFields(e) }, "alert posted but not recorded");
    }
  }
}

/** The ts of posts in the channel (the last day) tagged with any of `alerts`' ids, by alert id. */
async function findPostedAlerts(client: WebClient, channel: string, alerts: AlertLedger[], now: Date): Promise<Map<string, string>> {
  const wanted = new Set(alerts.map((a) => a.id));
  const found = new Map<string, string>();
  const oldest = Math.min(...alerts.map((a) => a.firedAt.getTime()), now.getTime() - 86_400_000);
  let cursor: string | undefined;
  for (let page = 0; page < 3; page++) {
    const res = await client.conversations.history({ channel, oldest: (oldest / 1000).toFixed(6), limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
    for (const m of res.messages ?? []) {
      const meta = (m as { metadata?: { event_type?: string; event_payload?: { alert_ids?: string } } }).metadata;
      if (meta?.event_type !== ALERT_EVENT_TYPE) continue;
      for (const id of (meta.event_payload?.alert_ids ?? "").split(",")) if (wanted.has(id)) found.set(id, m.ts ?? "");
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) break;
  }
  return found;
}
