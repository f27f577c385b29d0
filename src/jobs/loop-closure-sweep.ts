/**
 * The sweeper for close-the-loop DMs (issue #16), every minute on every replica. The change that resolves a voice
 * queues its LoopClosure rows in its own transaction and the request then sends them; if the process dies between
 * the two, the rows stay pending. This sends pending rows queued more than a minute ago (newer ones are still the
 * request's), and the retries Slack failures put back. Each row is claimed by one UPDATE … SKIP LOCKED before
 * anything is sent (deliverLoopClosures), so any number of replicas sweep at once and each DM goes out once. A claim
 * left by a replica that stopped mid-send is settled from the DM conversation first (recoverLoopClosures).
 */
import type { WebClient } from "@slack/web-api";
import type { Locale } from "../config.js";
import type { Db } from "../db/client.js";
import type { Log } from "../log.js";
import type { UserDirectory } from "../services/slack/user-directory.js";
import { deliverLoopClosures, type DeliverLoopClosuresResult } from "../services/work/deliver-loop-closures.js";
import { recoverLoopClosures, type RecoverLoopClosuresResult } from "../services/work/recover-loop-closures.js";

/** A pending row younger than this is left to the request that queued it. */
export const SWEEP_AFTER_MS = 60_000;
/** A claim older than this was left by a replica that died while sending: checked against the DM conversation, never sent again blind. */
export const STALE_CLAIM_MS = 10 * 60_000;

export interface LoopClosureSweepOptions {
  db: Db;
  client: WebClient;
  log: Log;
  users: UserDirectory;
  defaultLocale: Locale;
  now: Date;
  /** Names this replica in the rows it claims. */
  instanceId: string;
}

/**
 * One sweep: first settles claims dead replicas left in `sending` (found in the recipient's DM conversation: sent;
 * not there: pending again, sent below; the conversation unreadable: left and counted as `stale`), then sends up to
 * LOOP_CLOSURE_BATCH owed DMs of every workspace. Logs counts only, never who or what.
 */
export async function runLoopClosureSweep(opts: LoopClosureSweepOptions): Promise<DeliverLoopClosuresResult & Omit<RecoverLoopClosuresResult, "unknown"> & { stale: number }> {
  const { db, log, now } = opts;
  const claimedBefore = new Date(now.getTime() - STALE_CLAIM_MS);
  const recovered = await recoverLoopClosures({ ...opts, claimedBefore });
  const result = await deliverLoopClosures({ ...opts, queuedBefore: new Date(now.getTime() - SWEEP_AFTER_MS) });
  const stale = await db.loopClosure.count({ where: { status: "sending", claimedAt: { lt: claimedBefore } } });
  if (result.sent + result.skipped + result.retrying + result.failed + recovered.confirmed + recovered.requeued > 0) {
    log.info({ ...result, confirmed: recovered.confirmed, requeued: recovered.requeued }, "close-the-loop sweep");
  }
  if (stale > 0) log.warn({ stale }, "close-the-loop DMs claimed by a replica that stopped while sending: not checked yet, not sent again");
  return { ...result, confirmed: recovered.confirmed, requeued: recovered.requeued, stale };
}
