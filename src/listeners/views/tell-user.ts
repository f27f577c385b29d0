import type { WebClient } from "@slack/web-api";

/**
 * Tells one person something privately: ephemeral in the channel they worked in, else a direct message.
 * Falls back to a DM when the ephemeral fails (e.g. the bot is not in that channel).
 */
export async function tellUser(client: WebClient, opts: { userId: string; channelId?: string | undefined; text: string }) {
  if (opts.channelId) {
    try {
      await client.chat.postEphemeral({ channel: opts.channelId, user: opts.userId, text: opts.text });
      return;
    } catch {
      // fall through to a direct message
    }
  }
  await client.chat.postMessage({ channel: opts.userId, text: opts.text });
}
