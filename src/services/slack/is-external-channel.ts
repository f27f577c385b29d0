import type { WebClient } from "@slack/web-api";

/**
 * True when the channel is shared with another organisation (Slack Connect), or about to be.
 * Throws the Web API error (e.g. channel_not_found) so callers can report it.
 */
export async function isExternalChannel(client: WebClient, channelId: string): Promise<boolean> {
  const res = await client.conversations.info({ channel: channelId });
  const c = res.channel as { is_ext_shared?: boolean; is_pending_ext_shared?: boolean } | undefined;
  return Boolean(c?.is_ext_shared || c?.is_pending_ext_shared);
}
