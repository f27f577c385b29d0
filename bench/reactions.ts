/**
 * A burst of reaction events against the real bot: 10,000 signed `reaction_added` events, 200 in flight at
 * a time, on the bot's own story posts. Prints the p50/p99 ack latency (request sent -> HTTP 200 received)
 * and its ratio to a bare Bolt app that only acks, measured in this same run with the same client, then
 * checks every vote was stored. Store: embedded PGlite, or PostgreSQL when BENCH_DATABASE_URL is set.
 * Run: npx tsx bench/reactions.ts   (EVENTS=... CONCURRENCY=... to change the burst)
 */
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { createBot } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { openStore, type Store } from "../src/db/client.js";
import { deployMigrations } from "../src/db/migrate.js";
import { createLogger } from "../src/log.js";
import { FakeSlack } from "../test/slack/fake-slack.js";
import { eventCallback } from "../test/slack/payloads.js";
import { SIGNING_SECRET } from "../test/slack/sign.js";

const EVENTS = Number(process.env.EVENTS ?? 10_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 200);
const TOKEN = "xoxb-bench-0000-token";
const TEAM = "TBENCH00001";
const MESSAGES = 20;

interface Burst {
  p50: number;
  p99: number;
  max: number;
  seconds: number;
  failed: number;
}

/** Pre-built request bodies: 10,000 distinct (message, voter, emoji) votes, so each must be stored. */
function bodies(n: number, messages: { channelId: string; ts: string }[], prefix: string): string[] {
  const emojis = ["star", "+1", "fire", "bulb", "tada", "eyes", "+1::skin-tone-2", "heart"];
  return Array.from({ length: n }, (_, i) => {
    const msg = messages[i % messages.length]!;
    const rest = Math.floor(i / messages.length);
    const event = {
      type: "reaction_added",
      user: `UV${String(rest % 1000).padStart(5, "0")}`,
      reaction: emojis[Math.floor(rest / 1000) % emojis.length]!,
      item_user: "UBOT0000001",
      item: { type: "message", channel: msg.channelId, ts: msg.ts },
    };
    return JSON.stringify(eventCallback(TEAM, event, { eventId: `Ev${prefix}${i}` }));
  });
}

// The load generator runs in a worker thread so its own work does not sit on the bot's event loop (Slack
// is not in our process either). Plain JavaScript, so the worker needs no TypeScript loader. It keeps one
// keep-alive client per target across bursts, like Slack's connections, so the figures are acks rather
// than TCP handshakes. Each request is signed like Slack's (v0 HMAC).
const CLIENT_SOURCE = `
const http = require("node:http");
const { createHmac } = require("node:crypto");
const { parentPort, workerData } = require("node:worker_threads");
const agents = new Map();
const sign = (body, ts) => "v0=" + createHmac("sha256", workerData.secret).update("v0:" + ts + ":" + body).digest("hex");
parentPort.on("message", async ({ id, port, payloads, concurrency }) => {
  let agent = agents.get(port);
  if (!agent) agents.set(port, (agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })));
  const latencies = [];
  let next = 0, failed = 0;
  const started = performance.now();
  const one = (body) => new Promise((resolve) => {
    const ts = Math.floor(Date.now() / 1000);
    const t0 = performance.now();
    const req = http.request({ host: "127.0.0.1", port, path: "/slack/events", method: "POST", agent,
      headers: { "content-type": "application/json", "x-slack-request-timestamp": String(ts), "x-slack-signature": sign(body, ts), "content-length": Buffer.byteLength(body) } },
      (res) => { res.resume(); res.on("end", () => { latencies.push(performance.now() - t0); if (res.statusCode !== 200) failed++; resolve(); }); });
    req.on("error", () => { failed++; resolve(); });
    req.end(body);
  });
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < payloads.length) await one(payloads[next++]); }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  parentPort.postMessage({ id, result: { p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1], seconds, failed } });
});
`;

class LoadClient {
  private worker = new Worker(CLIENT_SOURCE, { eval: true, workerData: { secret: SIGNING_SECRET } });
  private seq = 0;

  /** Sends `payloads` to `port` with `concurrency` requests in flight; ack latencies in ms. */
  burst(port: number, payloads: string[], concurrency: number): Promise<Burst> {
    const id = ++this.seq;
    return new Promise((resolve) => {
      const onMessage = (m: { id: number; result: Burst }) => {
        if (m.id !== id) return;
        this.worker.off("message", onMessage);
        resolve(m.result);
      };
      this.worker.on("message", onMessage);
      this.worker.postMessage({ id, port, payloads, concurrency });
    });
  }

  stop = () => this.worker.terminate();
}

/** A Bolt app that acks reactions and does nothing else: the baseline. */
async function startBareBolt(apiUrl: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: "/slack/events", processBeforeResponse: false, logLevel: LogLevel.ERROR });
  const app = new App({ token: TOKEN, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: apiUrl } });
  app.event("reaction_added", async () => {});
  const server = http.createServer(receiver.requestListener);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function openBenchStore(): Promise<{ store: Store; cleanup: () => void; label: string }> {
  const url = process.env.BENCH_DATABASE_URL;
  const dir = mkdtempSync(path.join(os.tmpdir(), "rd-bench-"));
  await deployMigrations({ DATA_DIR: dir, ...(url ? { DATABASE_URL: url } : {}) });
  // The store as the bot opens it (PGlite on its worker thread, or a server pool).
  const store = await openStore({ dataDir: dir, databaseUrl: url });
  return { store, cleanup: () => rmSync(dir, { recursive: true, force: true }), label: url ? "postgres" : "pglite" };
}

const fmt = (b: Burst) =>
  `p50 ${b.p50.toFixed(1).padStart(6)} ms  p99 ${b.p99.toFixed(1).padStart(6)} ms  max ${b.max.toFixed(1).padStart(6)} ms  ${(EVENTS / b.seconds).toFixed(0).padStart(5)} events/s`;

export async function main() {
  const fake = await new FakeSlack().start();
  const { store, cleanup, label } = await openBenchStore();
  const run = `${Date.now().toString(36)}`;
  const messages = Array.from({ length: MESSAGES }, (_, i) => ({ channelId: `CBENCH${i % 4}`, ts: `1800000000.${run.slice(-4)}${String(i).padStart(2, "0")}` }));
  for (const [i, m] of messages.entries()) {
    const story = await store.db.story.create({
      data: { teamId: TEAM, sourceKey: `bench-${run}-${i}`, kind: i % 2 ? "failure" : "win", title: `Bench ${i}`, happened: "h", learned: "l", authorId: "UAUTHOR" },
    });
    await store.db.postedMessage.create({ data: { teamId: TEAM, channelId: m.channelId, ts: m.ts, kind: "story", storyId: story.id, authorId: "UAUTHOR" } });
  }
  const config = loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: "0", LOG_LEVEL: "warn", SCHEDULER_ENABLED: "false" });
  const bot = createBot({ config, store, log: createLogger("warn") });
  const { port } = await bot.start();
  const bare = await startBareBolt(fake.apiUrl);

  // Warm up both targets (connections, JIT, auth.test) with events that are not counted.
  const client = new LoadClient();
  const warm = bodies(2000, [{ channelId: "CWARM", ts: "1.000001" }], `warm${run}`);
  await client.burst(bare.port, warm, CONCURRENCY);
  await client.burst(port, warm, CONCURRENCY);
  await bot.inFlightIdle();

  const payloads = bodies(EVENTS, messages, run);
  const baseline = await client.burst(bare.port, payloads, CONCURRENCY);
  const ours = await client.burst(port, payloads, CONCURRENCY);
  const ackedAt = performance.now();
  await bot.inFlightIdle();
  const drainMs = performance.now() - ackedAt;
  const stored = await store.db.vote.count({ where: { teamId: TEAM, channelId: { in: [...new Set(messages.map((m) => m.channelId))] }, ts: { in: messages.map((m) => m.ts) } } });
  const thanked = await store.db.story.count({ where: { teamId: TEAM, sourceKey: { startsWith: `bench-${run}` }, thankedAt: { not: null } } });
  const thankPosts = fake.callsTo("chat.postMessage").filter((c) => c.args.thread_ts).length;

  console.log(`${EVENTS} reaction_added events, ${CONCURRENCY} in flight, store ${label}`);
  console.log(`bare Bolt (ack only)      ${fmt(baseline)}`);
  console.log(`retention desk            ${fmt(ours)}`);
  console.log(`ratio to bare Bolt        p50 ${(ours.p50 / baseline.p50).toFixed(2)}x  p99 ${(ours.p99 / baseline.p99).toFixed(2)}x`);
  console.log(`stored ${stored}/${EVENTS} votes (${EVENTS - stored} lost), non-200 acks ${ours.failed}, all stored ${drainMs.toFixed(0)} ms after the last ack`);
  console.log(`stories thanked ${thanked}/${MESSAGES}, thank-you posts ${thankPosts}`);

  await client.stop();
  await bare.stop();
  await bot.stop(60_000);
  await store.close();
  await fake.stop();
  cleanup();
  if (stored !== EVENTS || ours.failed) throw new Error("votes were lost");
  return { baseline, ours, stored };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
