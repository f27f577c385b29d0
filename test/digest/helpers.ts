import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { runDigestTick, type DigestTickOptions } from "../../src/jobs/digest-tick.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, type StoreKind, type TestStore } from "../helpers/store.js";
import { Writable } from "node:stream";
import type { Db } from "../../src/db/client.js";
import { createLogger } from "../../src/log.js";
import type { FakeSlack } from "../slack/fake-slack.js";

export interface SubInput {
  teamId: string;
  channelId: string;
  frequency?: "daily" | "weekly" | "monthly";
  day?: number | null;
  time?: string;
  timeZone?: string;
  locale?: string;
  segment?: string | null;
  createdBy?: string;
  activeSince: Date;
}

/** A digest subscription as `/kpi subscribe` would store it, active since `activeSince`. */
export async function createSubscription(db: Db, s: SubInput) {
  return db.digestSubscription.create({
    data: {
      id: crypto.randomUUID(),
      teamId: s.teamId,
      channelId: s.channelId,
      frequency: s.frequency ?? "weekly",
      day: s.day === undefined ? 1 : s.day,
      time: s.time ?? "09:00",
      timeZone: s.timeZone ?? "UTC",
      locale: s.locale ?? "en",
      segment: s.segment ?? null,
      createdBy: s.createdBy ?? "U0SUBSCRIBER",
      createdAt: s.activeSince,
      activeSince: s.activeSince,
    },
  });
}

/** A logger whose lines the test can read. */
export function captureLog() {
  const lines: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { log: createLogger("debug", sink), lines };
}

/** What the fake answers to a successful chat.postMessage, for handlers that only sometimes fail. */
export const postOk = (fake: FakeSlack, args: Record<string, any>) => ({
  ok: true,
  channel: args.channel,
  ts: fake.nextTs(),
  message: { text: args.text, metadata: args.metadata },
});

/** chat.postMessage calls that Slack accepted (the fake records refused ones too), in one channel. */
export const digestPosts = (fake: FakeSlack, channel: string, accepted: Set<unknown> = new Set()) =>
  fake.callsTo("chat.postMessage").filter((c) => c.args.channel === channel && c.args.metadata?.event_type === "retention_digest" && (accepted.size === 0 || accepted.has(c)));

export const minutes = (n: number) => n * 60_000;

/**
 * The scheduler tests' harness: one real bot (its WebClient, with the app's retry settings, talks to the fake
 * Slack) and a fresh database per test, because the scheduler works across workspaces and tests jump in time.
 * `tick` runs one digest tick as replica `instanceId`.
 */
export function useDigestHarness(kind: StoreKind) {
  const h = {} as {
    t: TestBot;
    store: TestStore;
    tick: (now: Date | string, over?: Partial<DigestTickOptions>) => ReturnType<typeof runDigestTick>;
  };
  let botStore: TestStore;
  beforeAll(async () => {
    botStore = await createTestStore(kind);
    h.t = await startTestBot(botStore);
  });
  afterAll(async () => {
    await h.t?.stop();
    await botStore?.close();
  });
  beforeEach(async () => {
    h.store = await createTestStore(kind);
    h.t.fake.on("chat.postMessage", (args) => postOk(h.t.fake, args));
  });
  afterEach(async () => {
    await h.store?.close();
  });
  h.tick = (now, over = {}) =>
    runDigestTick({
      db: h.store.db,
      client: h.t.bot.app.client,
      now: new Date(now),
      instanceId: "replica-a",
      log: captureLog().log,
      maxLateHours: 24,
      channelSpacingMs: 0,
      ...over,
    });
  return h;
}
