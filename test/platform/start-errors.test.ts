import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { SlackStartError, verifyBotToken } from "../../src/services/slack/verify-bot-token.js";
import { bearerToken, FakeSlack } from "../slack/fake-slack.js";

// What main.ts logs when auth.test fails at start: network, a URL that is not Slack, or a token Slack refuses,
// each with its own message. No retries here (main.ts retries for about half a minute before the same verdict).
const TOKEN = "xoxb-start-errors-secret";
const once = { retries: 0 };

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/` };
}

async function failure(p: Promise<unknown>): Promise<SlackStartError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SlackStartError);
  expect((e as Error).message).not.toContain(TOKEN);
  return e as SlackStartError;
}

describe("why the bot cannot start: network, SLACK_API_URL, or the token", () => {
  const closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it("a refused connection is a network failure and does not blame the token", async () => {
    // A port that was just free: nothing listens there.
    const { server, url } = await serve(() => {});
    await new Promise((r) => server.close(r));
    const e = await failure(verifyBotToken(TOKEN, { slackApiUrl: url, retryConfig: once }));
    expect(e.problem).toBe("network");
    expect(e.message).toBe(
      `Cannot reach Slack's Web API at ${url} (ECONNREFUSED). Check the network, proxy and firewall (and SLACK_API_URL if set); the bot token has not been checked yet.`,
    );
  });

  it("an unknown host and a server that never answers are network failures too", async () => {
    const dns = await failure(verifyBotToken(TOKEN, { slackApiUrl: "http://retention-desk.invalid/api/", retryConfig: once }));
    expect(dns.problem).toBe("network");
    expect(dns.message).toMatch(/^Cannot reach Slack's Web API at http:\/\/retention-desk\.invalid\/api\/ \((ENOTFOUND|EAI_AGAIN)\)/);
    const silent = await serve(() => {}); // accepts the request, never answers
    closers.push(async () => {
      silent.server.closeAllConnections();
      await new Promise((r) => silent.server.close(r));
    });
    const timeout = await failure(verifyBotToken(TOKEN, { slackApiUrl: silent.url, retryConfig: once, timeoutMs: 200 }));
    expect(timeout.problem).toBe("network");
    expect(timeout.message).toContain(`Cannot reach Slack's Web API at ${silent.url} (ECONNABORTED)`);
  });

  it("an answer that is not Slack's JSON, or a 404, means SLACK_API_URL is wrong", async () => {
    const html = await serve((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>It works!</html>"));
    const json = await serve((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"status":"up"}'));
    const missing = await serve((_req, res) => res.writeHead(404, { "content-type": "text/plain" }).end("Not Found"));
    for (const s of [html, json, missing]) closers.push(() => new Promise((r) => s.server.close(r)));
    for (const s of [html, json]) {
      const e = await failure(verifyBotToken(TOKEN, { slackApiUrl: s.url, retryConfig: once }));
      expect(e.problem).toBe("bad_url");
      expect(e.message).toBe(
        `SLACK_API_URL ${s.url} answered auth.test with something that is not Slack's JSON: it is not Slack's Web API. Use the base URL ending in /api/ (https://slack.com/api/, or your GovSlack one).`,
      );
    }
    const e = await failure(verifyBotToken(TOKEN, { slackApiUrl: missing.url, retryConfig: once }));
    expect(e.problem).toBe("bad_url");
    expect(e.message).toBe(
      `SLACK_API_URL ${missing.url} answered HTTP 404 to auth.test: it is not Slack's Web API. Use the base URL ending in /api/ (https://slack.com/api/, or your GovSlack one).`,
    );
  });

  it("Slack refusing the token (invalid_auth, not_authed, account_inactive, token_revoked) blames the token", async () => {
    const fake = await new FakeSlack().start();
    closers.push(() => fake.stop());
    for (const code of ["invalid_auth", "not_authed", "account_inactive", "token_revoked"]) {
      fake.on("auth.test", () => ({ ok: false, error: code }));
      const e = await failure(verifyBotToken(TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: once }));
      expect(e.problem).toBe("bad_token");
      expect(e.message).toBe(
        `Slack refused SLACK_BOT_TOKEN (auth.test: ${code}). Copy the Bot User OAuth Token (xoxb-) again from the app's OAuth & Permissions page, or reinstall the app.`,
      );
    }
    // Any other error of Slack's is Slack's, named as such.
    fake.on("auth.test", () => ({ ok: false, error: "fatal_error" }));
    const other = await failure(verifyBotToken(TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: once }));
    expect(other).toMatchObject({ problem: "slack", message: "Slack's auth.test failed (fatal_error)." });
  });

  it("a good token gives the bot's ids and its workspace's id and name", async () => {
    const fake = await new FakeSlack().start();
    closers.push(() => fake.stop());
    expect(await verifyBotToken(TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: once })).toEqual({
      botId: "B0000001",
      botUserId: fake.botUserId,
      teamId: "T0000000",
      teamName: "Example",
    });
    // Asked with the token it was given, the way Slack reads it (the Authorization header).
    expect(fake.callsTo("auth.test").map(bearerToken)).toEqual([TOKEN]);
  });
});
