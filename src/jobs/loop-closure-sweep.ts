/**
 * The sweeper for close-the-loop DMs (issue #16), every minute on every replica. The change that resolves a voice
 * queues its LoopClosure rows in its own transaction and the request then sends them; if the process dies between
 * the two, the rows stay pending. This sends pending rows queued more than a minute ago (newer ones are still the
 * request's), and the retries Slack failures put back. Each row is claimed by one UPDATE … SKIP LOCKED before
 * anything is sent (deliverLoopClosures), so any number of replicas sweep at once and each DM goes out once.
 */
import type { WebClient } from "@slack/web-api";
import type { Locale } from "../config.js";
import type { Db } from "../db/client.js";
import type { Log } from "../log.js";
import type { UserDirectory } from "../services/slack/user-directory.js";
import { deliverLoopClosures, type DeliverLoopClosuresResult } from "../services/work/deliver-loop-closures.js";

/** A pending row younger than this is left to the request that queued it. */
export const SWEEP_AFTER_MS = 60_000;
/** A claim older than this was left by a replica that died while sending: reported, never sent again blind. */
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
 * One sweep: sends up to LOOP_CLOSURE_BATCH owed DMs of every workspace. A row a dead replica left in `sending` is
 * not sent again (the DM may have gone out; the bot cannot read DMs back to check), only counted in the log so an
 * operator can look (docs/operations.md). Logs counts only, never who or what.
 */
export async function runLoopClosureSweep(opts: LoopClosureSweepOptions): Promise<DeliverLoopClosuresResult & { stale: number }> {
  const { db, log, now } = opts;
  const result = await deliverLoopClosures({ ...opts, queuedBefore: new Date(now.getTime() - SWEEP_AFTER_MS) });
  const stale = await db.loopClosure.count({ where: { status: "sending", claimedAt: { lt: new Date(now.getTime() - STALE_CLAIM_MS) } } });
  if (result.sent + result.skipped + result.retrying + result.failed > 0) log.info(result, "close-the-loop sweep");
  if (stale > 0) log.warn({ stale }, "close-the-loop DMs claimed by a replica that stopped while sending: not sent again");
  return { ...result, stale };
}
