/**
 * `npx tsx bench/digest.ts`: 1,000 digest subscriptions due at the same minute, one scheduler tick, against
 * the fake Web API enforcing about one message per second per channel (HTTP 429 with Retry-After: 1).
 * Checks every digest was delivered and none twice, prints total time and the ratio to the floor the
 * rate limit allows, and to a baseline measured in the same run (the same posts made directly, no database).
 *
 * Two layouts: 1,000 distinct channels (10 workspaces x 100), where the floor is one round of posts; and
 * 100 Slack Connect channels each subscribed by the same 10 workspaces, 10 digests per channel, where the
 * floor is 9 s (posts at 0, 1, ..., 9 s). Store: embedded PGlite, or PostgreSQL when BENCH_DATABASE_URL is set.
 * DIGEST_BENCH_SUBS scales the subscription count (multiples of 100).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { createBot } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { pgliteDir, storeFromPglite, storeFromPool, type Store } from "../src/db/client.js";
import { deployMigrations } from "../src/db/migrate.js";
import { openPglite } from "../src/db/pglite.js";
import { runDigestTick } from "../src/jobs/digest-tick.js";
import { createLogger } from "../src/log.js";
import { FakeSlack } from "../test/slack/fake-slack.js";
import { SIGNING_SECRET } from "../test/slack/sign.js";

const SUBS = Number(process.env.DIGEST_BENCH_SUBS ?? 1000);
const TEAMS = 10;
const DUE = new Date("2026-11-23T09:00:00Z");
const MIN_GAP_MS = 1000;

/** The fake Web API's per-channel limit: a post within a second of the channel's last accepted one gets a 429. */
function rateLimited(fake: FakeSlack) {
  const lastAccepted = new Map<string, number>();
  const accepted: { channel: string; runId: string | undefined; at: number }[] = [];
  let refused = 0;
  fake.on("chat.postMessage", (args) => {
    const now = Date.now();
    const last = lastAccepted.get(args.channel);
    if (last !== undefined && now - last < MIN_GAP_MS) {
      refused += 1;
      return { status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } };
    }
    lastAccepted.set(args.channel, now);
    accepted.push({ channel: args.channel, runId: args.metadata?.event_payload?.run_id, at: now });
    return { ok: true, channel: args.channel, ts: fake.nextTs(), message: { text: args.text } };
  });
  return { accepted, refused: () => refused, reset: () => (lastAccepted.clear(), (accepted.length = 0), (refused = 0)) };
}

async function openBenchStore(): Promise<{ store: Store; cleanup: () => Promise<void>; label: string }> {
  const url = process.env.BENCH_DATABASE_URL;
  const dir = mkdtempSync(path.join(os.tmpdir(), "rd-bench-digest-"));
  if (url) {
    const name = `rd_bench_digest_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    await deployMigrations({ DATA_DIR: dir, DATABASE_URL: u.toString() });
    const pool = new pg.Pool({ connectionString: u.toString(), max: 10 });
    // Dropping the scratch database at the end ends its connections; that is expected, not a crash.
    pool.on("error", () => {});
    const store = storeFromPool(pool);
    return {
      store,
      label: "PostgreSQL",
      cleanup: async () => {
        await store.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  await deployMigrations({ DATA_DIR: dir });
  const store = storeFromPglite(await openPglite(pgliteDir(dir)));
  return { store, label: "PGlite", cleanup: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** Subscriptions due at DUE, and a little data per workspace so every digest has sections to gather. */
async function seed(store: Store, layout: "distinct" | "shared", tag: string): Promise<string[]> {
  const teams = Array.from({ length: TEAMS }, (_, i) => `TB${tag}${i}`);
  const perTeam = SUBS / TEAMS;
  const rows = teams.flatMap((teamId, ti) =>
    Array.from({ length: perTeam }, (_, ci) => ({
      id: crypto.randomUUID(),
      teamId,
      channelId: layout === "shared" ? `CSHARED${ci}` : `C${ti}X${ci}`,
      frequency: "weekly",
      day: 1,
      time: "09:00",
      timeZone: "UTC",
      locale: ci % 2 ? "ja" : "en",
      createdBy: "U0ADMIN",
      activeSince: new Date("2026-11-23T08:00:00Z"),
    })),
  );
  await store.db.digestSubscription.createMany({ data: rows });
  for (const teamId of teams) {
    await store.db.insight.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({
        teamId,
        sourceKey: `${tag}-${i}`,
        customer: `Customer ${i % 7}`,
        source: "call",
        sentiment: ["negative", "neutral", "positive"][i % 3]!,
        themes: [`theme-${i % 5}`],
        quote: `Quote ${i}`,
        teams: ["product"],
        authorId: "U1",
        searchText: "q",
        createdAt: new Date(Date.UTC(2026, 10, 16 + (i % 7), 10)),
      })),
    });
  }
  return teams;
}

/** The floor the per-channel limit allows: the busiest channel's posts one second apart. */
const floorMs = (postsPerChannel: number) => Math.max(1, postsPerChannel - 1) * MIN_GAP_MS;

export async function main() {
  const fake = await new FakeSlack().start();
  const limit = rateLimited(fake);
  const { store, cleanup, label } = await openBenchStore();
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: "0",
    LOG_LEVEL: "error",
    SCHEDULER_ENABLED: "false",
  });
  const log = createLogger("error");
  // The app's own WebClient: its retry settings are what production uses on a 429.
  const client = createBot({ config, store, log }).app.client;
  try {
    process.stdout.write(
      `store: ${label}; ${SUBS} subscriptions in ${TEAMS} workspaces due at ${DUE.toISOString()}; fake Web API: 1 message/s per channel, else 429 Retry-After: 1\n`,
    );
    for (const layout of ["distinct", "shared"] as const) {
      const tag = layout === "shared" ? "S" : "D";
      await store.db.schedulerLease.deleteMany({});
      await seed(store, layout, tag);
      const channels = layout === "shared" ? SUBS / TEAMS : SUBS;
      const perChannel = SUBS / channels;

      // Baseline: the same number of posts, straight to the fake, paced one second apart per channel, no database.
      limit.reset();
      const baseStart = performance.now();
      const byChannel = Array.from({ length: channels }, (_, c) => c);
      await Promise.all(
        byChannel.map(async (c) => {
          for (let k = 0; k < perChannel; k++) {
            if (k > 0) await new Promise((r) => setTimeout(r, MIN_GAP_MS + 50));
            await client.chat.postMessage({ channel: `CBASE${tag}${c}`, text: "baseline", metadata: { event_type: "bench", event_payload: { run_id: `${c}-${k}` } } });
          }
        }),
      );
      const baseMs = performance.now() - baseStart;
      limit.reset();

      const start = performance.now();
      const result = await runDigestTick({ db: store.db, client, now: DUE, instanceId: `bench-${layout}`, log, maxLateHours: 24 });
      const ms = performance.now() - start;
      const runs = await store.db.digestRun.findMany({ where: { teamId: { startsWith: `TB${tag}` } }, select: { id: true, status: true } });
      const postedIds = limit.accepted.map((a) => a.runId);
      const delivered = new Set(postedIds).size;
      const duplicates = postedIds.length - delivered;
      const allPosted = runs.length === SUBS && runs.every((r) => r.status === "posted") && delivered === SUBS;
      process.stdout.write(
        [
          `${layout === "shared" ? "100 shared channels x 10 workspaces" : "1,000 distinct channels"} (${perChannel} digest${perChannel > 1 ? "s" : ""} per channel):`,
          `  delivered ${delivered}/${SUBS}, duplicates ${duplicates}, ledger posted ${runs.filter((r) => r.status === "posted").length}, 429s answered ${limit.refused()}, tick result ${JSON.stringify(result)}`,
          `  total ${(ms / 1000).toFixed(2)} s; rate-limit floor ${(floorMs(perChannel) / 1000).toFixed(1)} s -> ratio ${(ms / floorMs(perChannel)).toFixed(2)}; baseline (same posts, no database) ${(baseMs / 1000).toFixed(2)} s -> ratio ${(ms / baseMs).toFixed(2)}`,
          `  ${allPosted && duplicates === 0 ? "OK: all delivered, none twice" : "FAILED: not all delivered exactly once"}`,
        ].join("\n") + "\n",
      );
      if (!allPosted || duplicates) process.exitCode = 1;
    }
  } finally {
    await cleanup();
    await fake.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
