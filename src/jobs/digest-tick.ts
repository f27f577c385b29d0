/**
 * One minute of the digest scheduler. Called every minute by node-cron (jobs/index.ts) on every replica;
 * the replica holding the lease does the work. Safe to call at any time with any `now`: the run ledger's
 * unique constraint is what guarantees one post per (subscription, scheduled time).
 */
import type { WebClient } from "@slack/web-api";
import type { Db } from "../db/client.js";
import { composeDigest } from "../domain/digest/compose-digest.js";
import type { DigestData } from "../domain/digest/digest-data.js";
import { occurrencesBetween, periodBefore, type DigestFrequency, type DigestSchedule } from "../domain/digest/schedule.js";
import type { DigestRun, DigestSubscription } from "../generated/prisma/client.js";
import { translator } from "../i18n/index.js";
import type { Locale } from "../config.js";
import { errorFields, type Log } from "../log.js";
import { findPostedDigest, isChannelGone, postDigest } from "../services/digest/deliver-digest.js";
import { activeSubscriptions, claimRuns, finishRun, pauseSubscription, reclaimRun, recordSkipped, recoverableRuns } from "../services/digest/digest-runs.js";
import { gatherDigestData } from "../services/digest/gather-digest-data.js";
import { acquireLease } from "../services/digest/scheduler-lease.js";
import { slackErrorCode } from "../services/slack/slack-error.js";

export const DIGEST_LEASE = "digest-scheduler";

export interface DigestTickOptions {
  db: Db;
  client: WebClient;
  /** The scheduler's clock: what is due, what is late. Tests pass any instant. */
  now: Date;
  /** This replica's name in the lease and the ledger. */
  instanceId: string;
  log: Log;
  /** Runs older than this are skipped (and logged, and recorded) instead of posted late. */
  maxLateHours: number;
  /** Lease length; renewed every tick and during long ticks. */
  leaseTtlMs?: number;
  /** A claim this old, never finished, belongs to a replica that stopped: recover it. */
  staleClaimMs?: number;
  /** Tries per run (first post plus retries after failures). */
  maxAttempts?: number;
  /** Runs processed at once. */
  concurrency?: number;
  /** Gap between two posts to one channel: Slack allows about one message per second per channel. */
  channelSpacingMs?: number;
  /** Test seam: called after Slack accepted a digest and before the ledger records it. */
  afterPost?: (run: DigestRun) => Promise<void> | void;
}

export interface DigestTickResult {
  leader: boolean;
  posted: number;
  recovered: number;
  skipped: number;
  failed: number;
  paused: number;
}

/** A run posted more than this after its time says it is late. */
const LATE_AFTER_MS = 10 * 60_000;
/** How far back missed runs are looked for at all (beyond the late limit, only to record them skipped). */
const LOOKBACK_MS = 35 * 86_400_000;

type Work = { run: DigestRun; sub: DigestSubscription; recovering: boolean };

const scheduleOf = (s: DigestSubscription): DigestSchedule => ({
  frequency: s.frequency as DigestFrequency,
  day: s.day,
  time: s.time,
  timeZone: s.timeZone,
});

/** Runs one scheduler tick; resolves with what it did. Throws only when the database is unreachable. */
export async function runDigestTick(opts: DigestTickOptions): Promise<DigestTickResult> {
  const { db, now, instanceId, log } = opts;
  const leaseTtlMs = opts.leaseTtlMs ?? 120_000;
  const result: DigestTickResult = { leader: false, posted: 0, recovered: 0, skipped: 0, failed: 0, paused: 0 };
  if (!(await acquireLease(db, { name: DIGEST_LEASE, holder: instanceId, now, ttlMs: leaseTtlMs }))) return result;
  result.leader = true;
  const started = Date.now();
  // A tick can outlast the lease (a backlog of posts paced per channel): keep renewing while working.
  const renew = setInterval(() => {
    const at = new Date(now.getTime() + (Date.now() - started));
    acquireLease(db, { name: DIGEST_LEASE, holder: instanceId, now: at, ttlMs: leaseTtlMs }).catch((e) => log.warn({ err: errorFields(e) }, "digest lease renewal failed"));
  }, Math.max(1000, leaseTtlMs / 3));
  try {
    const work = [...(await recoverWork(opts)), ...(await claimDueWork(opts, result))];
    await processAll(opts, work, result);
  } finally {
    clearInterval(renew);
  }
  if (result.posted + result.recovered + result.failed + result.skipped > 0) log.info({ ...result, instanceId }, "digest tick");
  return result;
}

async function recoverWork(opts: DigestTickOptions): Promise<Work[]> {
  const { db, now } = opts;
  const stale = await recoverableRuns(db, {
    staleBefore: new Date(now.getTime() - (opts.staleClaimMs ?? 10 * 60_000)),
    notBefore: new Date(now.getTime() - opts.maxLateHours * 3_600_000),
    maxAttempts: opts.maxAttempts ?? 3,
  });
  if (!stale.length) return [];
  const subs = new Map((await db.digestSubscription.findMany({ where: { id: { in: [...new Set(stale.map((r) => r.subscriptionId))] } } })).map((s) => [s.id, s]));
  const work: Work[] = [];
  for (const candidate of stale) {
    const run = await reclaimRun(db, { run: candidate, holder: opts.instanceId, now });
    const sub = subs.get(candidate.subscriptionId);
    if (run && sub) work.push({ run, sub, recovering: true });
  }
  return work;
}

/** The start of the period a run at `scheduledFor` reports on: the ledger's second key. */
const periodStartOf = (sub: DigestSubscription, scheduledFor: Date) => periodBefore(sub.frequency as DigestFrequency, sub.timeZone, scheduledFor).start;

async function claimDueWork(opts: DigestTickOptions, result: DigestTickResult): Promise<Work[]> {
  const { db, now, log } = opts;
  const lateLimit = new Date(now.getTime() - opts.maxLateHours * 3_600_000);
  const work: Work[] = [];
  const wanted: Parameters<typeof claimRuns>[1] = [];
  const subs = new Map<string, DigestSubscription>();
  for (const sub of await activeSubscriptions(db)) {
    const after = new Date(Math.max(sub.lastScheduledFor?.getTime() ?? 0, sub.activeSince.getTime() - 1, now.getTime() - LOOKBACK_MS));
    const due = occurrencesBetween(scheduleOf(sub), after, now);
    const tooOld = due.filter((at) => at < lateLimit);
    if (tooOld.length) {
      // Only the latest of them goes in the ledger: it shows in `/kpi subscriptions` and bounds the next look-back.
      const last = tooOld[tooOld.length - 1]!;
      if (await recordSkipped(db, { subscriptionId: sub.id, teamId: sub.teamId, scheduledFor: last, periodStart: periodStartOf(sub, last), now })) {
        result.skipped += tooOld.length;
        log.warn({ teamId: sub.teamId, subscriptionId: sub.id, missed: tooOld.length, latest: last.toISOString(), maxLateHours: opts.maxLateHours }, "digest runs too late to post: skipped");
      }
    }
    for (const scheduledFor of due.filter((at) => at >= lateLimit)) {
      wanted.push({ subscriptionId: sub.id, teamId: sub.teamId, scheduledFor, periodStart: periodStartOf(sub, scheduledFor), late: now.getTime() - scheduledFor.getTime() > LATE_AFTER_MS });
    }
    subs.set(sub.id, sub);
  }
  for (const run of await claimRuns(db, wanted, { holder: opts.instanceId, now })) work.push({ run, sub: subs.get(run.subscriptionId)!, recovering: false });
  return work.sort((a, b) => a.run.scheduledFor.getTime() - b.run.scheduledFor.getTime());
}

/**
 * Processes runs `concurrency` at a time, posts to one channel one after another and at least
 * `channelSpacingMs` apart, so Slack's per-channel limit is met instead of answered with 429s.
 */
async function processAll(opts: DigestTickOptions, work: Work[], result: DigestTickResult): Promise<void> {
  const spacing = opts.channelSpacingMs ?? 1100;
  const limit = Math.max(1, opts.concurrency ?? 16);
  let active = 0;
  const waiting: (() => void)[] = [];
  const slot = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((r) => waiting.push(r));
    active += 1;
    try {
      return await fn();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
  const digestCache = new Map<string, Promise<DigestData>>();
  const permalinks = new Map<string, Promise<string | undefined>>();
  const permalink = (channel: string, ts: string) => {
    const key = `${channel}:${ts}`;
    if (!permalinks.has(key)) {
      permalinks.set(key, opts.client.chat.getPermalink({ channel, message_ts: ts }).then((r) => r.permalink, () => undefined));
    }
    return permalinks.get(key)!;
  };
  const gather = (sub: DigestSubscription, run: DigestRun) => {
    const period = periodBefore(sub.frequency as DigestFrequency, sub.timeZone, run.scheduledFor);
    const key = [sub.teamId, period.start.toISOString(), period.end.toISOString(), period.timeZone, sub.segment ?? ""].join("|");
    if (!digestCache.has(key)) {
      const p = gatherDigestData({ db: opts.db, teamId: sub.teamId, period, segment: sub.segment, permalink });
      p.catch(() => digestCache.delete(key));
      digestCache.set(key, p);
    }
    return digestCache.get(key)!;
  };
  const chains = new Map<string, Promise<void>>();
  for (const w of work) {
    // Channel ids are unique across workspaces; a Slack Connect channel subscribed from two of them is one channel.
    const channelKey = w.sub.channelId;
    const previous = chains.get(channelKey);
    const next = (previous ?? Promise.resolve()).then(async () => {
      if (previous && spacing > 0) await new Promise((r) => setTimeout(r, spacing));
      await slot(() => processRun(opts, w, gather, result));
    });
    chains.set(channelKey, next);
  }
  await Promise.all(chains.values());
}

async function processRun(
  opts: DigestTickOptions,
  { run, sub, recovering }: Work,
  gather: (sub: DigestSubscription, run: DigestRun) => Promise<DigestData>,
  result: DigestTickResult,
): Promise<void> {
  const { db, client, now, log, instanceId: holder } = opts;
  const ctx = { teamId: sub.teamId, subscriptionId: sub.id, runId: run.id, channel: sub.channelId, scheduledFor: run.scheduledFor.toISOString() };
  const fail = async (error: string) => {
    result.failed += 1;
    await finishRun(db, { id: run.id, holder, status: "failed", now, error });
  };
  let ts: string;
  try {
    if (recovering) {
      // The earlier attempt may have posted and died before recording it: look before posting again.
      const found = await findPostedDigest(client, { channel: sub.channelId, runId: run.id, oldest: new Date(run.scheduledFor.getTime() - 60 * 60_000) });
      if (found !== null) {
        await finishRun(db, { id: run.id, holder, status: "posted", now, messageTs: found });
        result.recovered += 1;
        log.info(ctx, "digest found already posted: recorded without posting again");
        return;
      }
      if (run.attempts > (opts.maxAttempts ?? 3)) return void (await fail("gave_up"));
      if (run.scheduledFor.getTime() < now.getTime() - opts.maxLateHours * 3_600_000) {
        result.skipped += 1;
        log.warn(ctx, "unfinished digest run too late to post: skipped");
        await finishRun(db, { id: run.id, holder, status: "skipped", now, error: "too_late" });
        return;
      }
    }
    const late = run.late || now.getTime() - run.scheduledFor.getTime() > LATE_AFTER_MS;
    const locale = (sub.locale === "ja" ? "ja" : "en") as Locale;
    const composed = composeDigest(await gather(sub, run), translator(locale), { locale, ...(late ? { lateFor: run.scheduledFor } : {}) });
    if (composed.fit) log.warn({ ...ctx, fit: composed.fit }, "digest cut to fit Block Kit limits");
    ts = await postDigest(client, { channel: sub.channelId, runId: run.id, subscriptionId: sub.id, scheduledFor: run.scheduledFor, text: composed.text, blocks: composed.blocks });
    run.late = late;
  } catch (e) {
    const code = slackErrorCode(e);
    if (isChannelGone(code)) {
      result.paused += 1;
      await pauseSubscription(db, { id: sub.id, teamId: sub.teamId, reason: code, now });
      await fail(code);
      log.warn({ ...ctx, code }, "digest channel unavailable: subscription paused");
      await tellSubscriber(client, sub, code).catch((err) => log.warn({ ...ctx, err: slackErrorCode(err) }, "could not tell the subscriber about the pause"));
      return;
    }
    log.error({ ...ctx, code, err: errorFields(e) }, "digest run failed");
    await fail(code === "unknown_error" ? "internal" : code);
    return;
  }
  try {
    await opts.afterPost?.(run);
    await finishRun(db, { id: run.id, holder, status: "posted", now, messageTs: ts, late: run.late });
    result.posted += 1;
  } catch (e) {
    // Slack has the message, the ledger does not: the claim goes stale and recovery finds the message by its run id.
    log.error({ ...ctx, err: errorFields(e) }, "digest posted but not recorded");
  }
}

/** Tells whoever subscribed the channel, in the subscription's language, that its digest is paused. */
async function tellSubscriber(client: WebClient, sub: DigestSubscription, code: string): Promise<void> {
  const t = translator(sub.locale === "ja" ? "ja" : "en");
  const reason = (t as unknown as (k: string) => string)(`digest.reason.${code}`);
  await client.chat.postMessage({ channel: sub.createdBy, text: t("digest.paused.notice", { channel: sub.channelId, reason }) });
}
