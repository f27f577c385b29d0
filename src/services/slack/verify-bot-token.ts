import { WebClient } from "@slack/web-api";
import { slackErrorCode } from "./slack-error.js";

export interface BotIdentity {
  botId: string;
  botUserId: string;
  teamId: string | undefined;
}

/**
 * Asks Slack who the bot token belongs to (auth.test), retrying network failures for about half a minute.
 * Done once at start so Bolt needs no auth.test of its own (its constructor-time call crashes the process with an
 * unhandled rejection when Slack is unreachable). Throws Error with a message naming the Slack error, never the token.
 */
export async function verifyBotToken(token: string, opts: { slackApiUrl?: string | undefined } = {}): Promise<BotIdentity> {
  const client = new WebClient(token, {
    ...(opts.slackApiUrl ? { slackApiUrl: opts.slackApiUrl } : {}),
    retryConfig: { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 10_000 },
  });
  try {
    const res = await client.auth.test();
    if (!res.user_id || !res.bot_id) throw new Error("auth.test returned no bot user: SLACK_BOT_TOKEN must be a bot token (xoxb-)");
    return { botId: res.bot_id, botUserId: res.user_id, teamId: res.team_id };
  } catch (e) {
    const code = slackErrorCode(e);
    throw new Error(`Slack refused or could not check SLACK_BOT_TOKEN (auth.test: ${code})`);
  }
}
