/**
 * Posting a digest to Slack, tagged with its run id so a crash between "Slack accepted it" and "the
 * ledger recorded it" is detected before posting again.
 */
import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { joinChannel } from "../slack/join-channel.js";
import { slackErrorCode } from "../slack/slack-error.js";

export const DIGEST_EVENT_TYPE = "retention_digest";

/** Slack errors after which posting to the channel is pointless: the subscription is paused. */
export const CHANNEL_GONE_ERRORS = ["channel_not_found", "not_in_channel", "is_archived"] as const;
export const isChannelGone = (code: string) => (CHANNEL_GONE_ERRORS as readonly string[]).includes(code);

/** How far back in the channel a recovery looks for the run's message (Slack's history is newest first). */
const HISTORY_PAGES = 3;

/** A Slack-like error with a code, for outcomes decided here rather than answered by Slack. */
const slackLikeError = (code: string) => Object.assign(new Error(code), { data: { ok: false, error: code } });

/**
 * Runs `call`; when Slack answers not_in_channel, joins the channel (public channels; scope channels:join)
 * and runs it once more. Not being a member is no sign the channel is gone: history needs membership even
 * where chat:write.public lets the bot post. When the bot cannot join, throws `cannotJoinCode`'s error
 * (is_archived for an archived channel) so the caller can tell "gone" from "needs an invite".
 */
async function asMember<T>(client: WebClient, channel: string, call: () => Promise<T>, cannotJoinCode: string): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (slackErrorCode(e) !== "not_in_channel") throw e;
    const access = await joinChannel(client, channel);
    if (access === "archived") throw slackLikeError("is_archived");
    if (access !== "member") throw slackLikeError(cannotJoinCode);
    return call();
  }
}

/**
 * The ts of the digest message tagged with `runId` in the channel's history since `oldest`, or null.
 * Reads up to three pages of 200 messages; a digest buried deeper than that is not looked for. Joins a
 * public channel it is not in; throws `history_unreadable` when it cannot (not a reason to pause).
 */
export async function findPostedDigest(client: WebClient, q: { channel: string; runId: string; oldest: Date }): Promise<string | null> {
  return asMember(client, q.channel, () => searchHistory(client, q), "history_unreadable");
}

async function searchHistory(client: WebClient, q: { channel: string; runId: string; oldest: Date }): Promise<string | null> {
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

/**
 * Posts the digest with its run id in the message metadata; resolves with the message ts. Joins the channel
 * and posts again once when Slack answers not_in_channel. Throws Slack's error.
 */
export async function postDigest(
  client: WebClient,
  m: { channel: string; runId: string; subscriptionId: string; scheduledFor: Date; text: string; blocks: KnownBlock[] },
): Promise<string> {
  const res = await asMember(client, m.channel, () => post(client, m), "not_in_channel");
  return res.ts ?? "";
}

function post(client: WebClient, m: { channel: string; runId: string; subscriptionId: string; scheduledFor: Date; text: string; blocks: KnownBlock[] }) {
  return client.chat.postMessage({
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
}
