import type { WebClient } from "@slack/web-api";
import type { Locale } from "../../config.js";
import type { AlertFacts } from "../../domain/alerts/alert-kinds.js";
import { translator } from "../../i18n/index.js";
import { errorFields, type Log } from "../../log.js";
import { alertMessage } from "../../views/alerts/alert-message.js";
import type { TeamScope } from "../types.js";
import { ALERT_EVENT_TYPE } from "./deliver-alerts.js";

/**
 * After "I'll reach out" on an alert post: redraws the post (from the ledger's facts, in the subscription's language)
 * with who is reaching out, so the channel sees the alert is handled. Only a post of one customer alert is redrawn
 * (a grouped post has no buttons). False when the message is not such a post; Slack errors are logged, not thrown.
 */
export async function markAlertTaken(scope: TeamScope & { client: WebClient; log: Log }, m: { channelId: string; messageTs: string; ownerId: string }): Promise<boolean> {
  const { db, teamId, client, log } = scope;
  const rows = await db.alertLedger.findMany({
    where: { teamId, messageTs: m.messageTs, status: "posted" },
    select: { id: true, facts: true, channelId: true, subscription: { select: { channelId: true, locale: true } } },
  });
  const posted = rows.filter((r) => (r.channelId ?? r.subscription.channelId) === m.channelId);
  if (posted.length !== 1) return false;
  const alert = posted[0]!;
  const facts = alert.facts as unknown as AlertFacts;
  if (facts.kind === "kpi-miss" || facts.kind === "kpi-move") return false;
  const locale: Locale = alert.subscription.locale === "ja" ? "ja" : "en";
  const message = alertMessage(translator(locale), locale, facts, { reachingOut: m.ownerId });
  try {
    await client.chat.update({
      channel: m.channelId,
      ts: m.messageTs,
      text: message.text,
      blocks: message.blocks,
      metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { alert_ids: alert.id } },
    });
    return true;
  } catch (e) {
    log.warn({ teamId, err: errorFields(e) }, "could not mark the alert post as taken");
    return false;
  }
}
