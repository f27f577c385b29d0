/**
 * Posting a digest to Slack, tagged with its run id so a crash between "Slack accepted it" and "the
 * ledger recorded it" is detected before posting again.
 */
import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";

export const DIGEST_EVENT_TYPE = "retention_digest";

/** Slack errors after which posting to the channel is pointless: the subscription is paused. */
export const CHANNEL_GONE_ERRORS = ["channel_not_found", "not_in_channel", "is_archived"] as const;
export const isChannelGone = (code: string) => (CHANNEL_GONE_ERRORS as readonly string[]).includes(code);

/** How far back in the channel a recovery looks for the run's message (Slack's history is newest first). */
const HISTORY_PAGES = 3;

/**
 * The ts of the digest message tagged with `runId` in the channel's history since `oldest`, or null.
 * Reads up to three pages of 200 messages; a digest buried deeper than that is not looked for.
 */
export async function findPostedDigest(client: WebClient, q: { channel: string; runId: string; oldest: Date }): Promise<string | null> {
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const res = await client.conversations.history({
      channel: q.channel,
      oldest: (q.oldest.getTime() / 1000).toFixed(6),
      limit: 200,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    for (const m of res.messages ?? []) {
      const meta = (m as { metadata?: { event_type?: string; event_payload?: { run_id?: string } } }).metadata;
      if (meta?.event_type === DIGEST_EVENT_TYPE && meta.event_payload?.run_id === q.runId) return m.ts ?? "";
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) return null;
  }
  return null;
}

/** Posts the digest with its run id in the message metadata; resolves with the message ts. Throws Slack's error. */
export async function postDigest(
  client: WebClient,
  m: { channel: string; runId: string; subscriptionId: string; scheduledFor: Date; text: string; blocks: KnownBlock[] },
): Promise<string> {
  const res = await client.chat.postMessage({
    channel: m.channel,
    text: m.text,
    blocks: m.blocks,
    unfurl_links: false,
    unfurl_media: false,
    metadata: {
      event_type: DIGEST_EVENT_TYPE,
      event_payload: { run_id: m.runId, subscription_id: m.subscriptionId, scheduled_for: m.scheduledFor.toISOString() },
    },
  });
  return res.ts ?? "";
}
