import { afterAll, beforeAll } from "vitest";
import { createTestStore, type StoreKind, type TestStore } from "./store.js";
import { Writable } from "node:stream";
import { createBot, type Bot } from "../../src/app.js";
import { loadConfig, type Config } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import type { Store } from "../../src/db/client.js";
import { FakeSlack } from "../slack/fake-slack.js";
import { SIGNING_SECRET, signedPost } from "../slack/sign.js";
import { interactive, slashCommand, type Who } from "../slack/payloads.js";

export const BOT_TOKEN = "xoxb-test-0000-secret-bot-token";

export interface TestBot {
  bot: Bot;
  fake: FakeSlack;
  config: Config;
  baseUrl: string;
  /** Every log line the bot wrote, parsed. */
  logs: Record<string, unknown>[];
  rawLogs: string[];
  /** POSTs a signed slash command; resolves with the HTTP response and the response_url id. */
  command(who: Who, command: string, text?: string, extra?: { channelId?: string; triggerId?: string }): Promise<{ res: Response; responseId: string }>;
  interact(payload: unknown): Promise<Response>;
  /**
   * POSTs a signed Events API callback, as Slack would: an event from a channel the bot is not in (see
   * `fake.join`) is never sent, and the result is a 204 "not delivered" instead of the app's answer.
   */
  event(body: unknown): Promise<Response>;
  /** Waits until listener work started by earlier requests has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

let responseCounter = 0;

/** Starts the real bot (HTTP mode unless `env` says otherwise) against a fresh fake Slack Web API; `opts.now` fixes its clock. */
export async function startTestBot(store: Store, env: Record<string, string> = {}, opts: { now?: () => Date } = {}): Promise<TestBot> {
  const fake = await new FakeSlack().start();
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: "0",
    LOG_LEVEL: "debug",
    SCHEDULER_ENABLED: "false",
    ...env,
  });
  const rawLogs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      rawLogs.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  const log = createLogger(config.LOG_LEVEL, sink);
  const bot = createBot({ config, store, log, ...(opts.now ? { now: opts.now } : {}) });
  const { port } = await bot.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  const events = `${baseUrl}/slack/events`;
  const idle = async () => {
    // Let the request that was just answered start its listener before waiting for it.
    await new Promise((r) => setTimeout(r, 20));
    await bot.inFlightIdle();
  };
  return {
    bot,
    fake,
    config,
    baseUrl,
    rawLogs,
    get logs() {
      return rawLogs.map((l) => JSON.parse(l));
    },
    async command(who, command, text = "", extra = {}) {
      fake.meet(who.userId, who.teamId);
      const responseId = `r${++responseCounter}`;
      const body = slashCommand(who, { command, text, responseUrl: fake.responseUrl(responseId), ...extra });
      const res = await signedPost(events, body, { contentType: "application/x-www-form-urlencoded" });
      return { res, responseId };
    },
    interact: (payload) => {
      const p = payload as { user?: { id?: string; team_id?: string }; team?: { id?: string } | null };
      fake.meet(p.user?.id, p.user?.team_id ?? p.team?.id);
      return signedPost(events, interactive(payload), { contentType: "application/x-www-form-urlencoded" });
    },
    event: async (body) => {
      const b = body as { team_id?: string; event?: { user?: unknown; channel?: unknown; item?: { channel?: unknown } } };
      const channel = b.event?.item?.channel ?? b.event?.channel;
      if (typeof channel === "string" && !fake.deliversFrom(channel)) return new Response(null, { status: 204, statusText: "not delivered: the bot is not in the channel" });
      if (typeof b.event?.user === "string") fake.meet(b.event.user, b.team_id);
      return signedPost(events, JSON.stringify(body), { contentType: "application/json" });
    },
    idle,
    async stop() {
      await bot.stop(15_000);
      await fake.stop();
    },
  };
}

/**
 * A real bot on a fresh database of `kind` for one describe block: started before its tests, stopped after.
 * Use `h.t` and `h.store` inside the tests.
 */
export function useTestBot(kind: StoreKind, env: Record<string, string> = {}, opts: { now?: () => Date } = {}): { t: TestBot; store: TestStore } {
  const h = {} as { t: TestBot; store: TestStore };
  beforeAll(async () => {
    h.store = await createTestStore(kind);
    h.t = await startTestBot(h.store, env, opts);
  }, 60_000);
  afterAll(async () => {
    await h.t?.stop();
    await h.store?.close();
  });
  return h;
}
