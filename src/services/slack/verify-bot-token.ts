import { type Logger, type RetryOptions, WebClient } from "@slack/web-api";
import { slackErrorCode } from "./slack-error.js";

export interface BotIdentity {
  botId: string;
  botUserId: string;
  /** The workspace the token belongs to (auth.test team_id): the default INGEST_TEAM_ID. */
  teamId: string | undefined;
  /** Its name, for the start log and an admin's `/kpi help`. */
  teamName: string | undefined;
}

/** Why the bot could not check its token; each reason has its own fix, so each has its own message. */
export type StartProblem = "network" | "bad_url" | "bad_token" | "slack";

/** Thrown by verifyBotToken: `message` says what is wrong and what to check, never the token. */
export class SlackStartError extends Error {
  constructor(
    readonly problem: StartProblem,
    message: string,
  ) {
    super(message);
    this.name = "SlackStartError";
  }
}

/** Slack's answers that mean the token itself is wrong (auth.test documents these). */
const TOKEN_ERRORS = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type"]);
/** Socket errors that mean Slack was never reached. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNABORTED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "ERR_CANCELED"]);

const DEFAULT_API_URL = "https://slack.com/api/";

/** Tells apart "not reached", "reached something that is not Slack's Web API", "Slack refused the token". */
export function startErrorOf(e: unknown, apiUrl: string): SlackStartError {
  const err = e as { code?: string; statusCode?: number; original?: { code?: string; message?: string }; data?: { ok?: unknown; error?: unknown } };
  if (err?.code === "slack_webapi_request_error") {
    const code = err.original?.code ?? "unknown";
    const reason = NETWORK_CODES.has(code) ? code : (err.original?.message ?? code);
    return new SlackStartError(
      "network",
      `Cannot reach Slack's Web API at ${apiUrl} (${reason}). Check the network, proxy and firewall (and SLACK_API_URL if set); the bot token has not been checked yet.`,
    );
  }
  if (err?.code === "slack_webapi_http_error") {
    const status = err.statusCode ?? 0;
    if (status >= 500 || status === 429) {
      return new SlackStartError("slack", `Slack's Web API at ${apiUrl} answered HTTP ${status} to auth.test: Slack is having trouble; start again later.`);
    }
    return new SlackStartError(
      "bad_url",
      `SLACK_API_URL ${apiUrl} answered HTTP ${status} to auth.test: it is not Slack's Web API. Use the base URL ending in /api/ (${DEFAULT_API_URL}, or your GovSlack one).`,
    );
  }
  if (err?.code === "slack_webapi_platform_error") {
    const code = err.data?.error;
    // Slack always answers JSON with ok:false and a snake_case code; anything else came from another server.
    if (err.data?.ok !== false || typeof code !== "string" || !/^[a-z0-9_]+$/.test(code)) {
      return new SlackStartError(
        "bad_url",
        `SLACK_API_URL ${apiUrl} answered auth.test with something that is not Slack's JSON: it is not Slack's Web API. Use the base URL ending in /api/ (${DEFAULT_API_URL}, or your GovSlack one).`,
      );
    }
    if (TOKEN_ERRORS.has(code)) {
      return new SlackStartError(
        "bad_token",
        `Slack refused SLACK_BOT_TOKEN (auth.test: ${code}). Copy the Bot User OAuth Token (xoxb-) again from the app's OAuth & Permissions page, or reinstall the app.`,
      );
    }
    return new SlackStartError("slack", `Slack's auth.test failed (${code}).`);
  }
  return new SlackStartError("slack", `Could not check SLACK_BOT_TOKEN with Slack's auth.test (${slackErrorCode(e)}).`);
}

/**
 * Asks Slack who the bot token belongs to (auth.test), retrying network failures for about half a minute.
 * Done once at start so Bolt needs no auth.test of its own (its constructor-time call crashes the process with an
 * unhandled rejection when Slack is unreachable). Throws SlackStartError saying whether Slack could not be reached,
 * SLACK_API_URL is not Slack, or Slack refused the token; never includes the token.
 */
export async function verifyBotToken(
  token: string,
  opts: { slackApiUrl?: string | undefined; logger?: Logger; retryConfig?: RetryOptions; timeoutMs?: number } = {},
): Promise<BotIdentity> {
  const client = new WebClient(token, {
    ...(opts.slackApiUrl ? { slackApiUrl: opts.slackApiUrl } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    retryConfig: opts.retryConfig ?? { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 10_000 },
    timeout: opts.timeoutMs ?? 10_000,
  });
  let res;
  try {
    res = await client.auth.test();
  } catch (e) {
    throw startErrorOf(e, opts.slackApiUrl ?? DEFAULT_API_URL);
  }
  if (!res.user_id || !res.bot_id) throw new SlackStartError("bad_token", "auth.test returned no bot user: SLACK_BOT_TOKEN must be a bot token (xoxb-)");
  return { botId: res.bot_id, botUserId: res.user_id, teamId: res.team_id, teamName: res.team };
}
