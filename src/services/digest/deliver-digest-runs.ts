import type { WebClient } from "@slack/web-api";
import type { Locale } from "../../config.js";
import { composeDigest } from "../../views/digest/compose-digest.js";
import type { DigestData } from "../../domain/digest/digest-data.js";
import { periodBefore, type DigestFrequency } from "../../domain/digest/schedule.js";
import type { DigestRun, DigestSubscription } from "../../generated/prisma/client.js";
import { translator } from "../../i18n/index.js";
import { errorFields } from "../../log.js";
import { mayPostCustomerData } from "../slack/may-post-customer-data.js";
import { slackErrorCode } from "../slack/slack-error.js";
import { findPostedDigest, isChannelGone, postDigest } from "./deliver-digest.js";
import { finishRun, pauseSubscription } from "./digest-runs.js";
import { LATE_AFTER_MS, type DigestRunOptions, type DigestTickResult, type DigestWork } from "./digest-work.js";
import { gatherDigestData } from "./gather-digest-data.js";

/**
 * Posts claimed runs and records each outcome in the ledger (counted in `result`). Processes runs `concurrency` at a time, posts to one channel one after another and at least
 * `channelSpacingMs` apart, so Slack's per-channel limit is met instead of answered with 429s.
 */
export async function deliverDigestRuns(opts: DigestRunOptions, work: DigestWork[], result: DigestTickResult): Promise<void> {
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
      permalinks.set(
        key,
        opts.client.chat.getPermalink({ channel, message_ts: ts }).then(
          (r) => r.permalink,
          () => undefined,
        ),
      );
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

/** Pause reason of a subscription whose channel became shared with another organisation (not allowed by an admin). */
const EXTERNAL_CHANNEL = "external_channel";
class ExternalChannelError extends Error {}

async function processRun(
  opts: DigestRunOptions,
  { run, sub, recovering }: DigestWork,
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
    // The channel may have been shared with another organisation since it was subscribed: no customer data goes there.
    if (!(await mayPostCustomerData({ db, teamId: sub.teamId, client }, sub.channelId))) throw new ExternalChannelError();
    const late = run.late || now.getTime() - run.scheduledFor.getTime() > LATE_AFTER_MS;
    const locale = (sub.locale === "ja" ? "ja" : "en") as Locale;
    const composed = composeDigest(await gather(sub, run), translator(locale), { locale, ...(late ? { lateFor: run.scheduledFor } : {}) });
    if (composed.fit) log.warn({ ...ctx, fit: composed.fit }, "digest cut to fit Block Kit limits");
    ts = await postDigest(client, { channel: sub.channelId, runId: run.id, subscriptionId: sub.id, scheduledFor: run.scheduledFor, text: composed.text, blocks: composed.blocks });
    run.late = late;
  } catch (e) {
    const code = e instanceof ExternalChannelError ? EXTERNAL_CHANNEL : slackErrorCode(e);
    if (isChannelGone(code) || code === EXTERNAL_CHANNEL) {
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
