/**
 * One minute of the digest scheduler. Called every minute by node-cron (jobs/index.ts) on every replica;
 * the replica holding the lease does the work. Safe to call at any time with any `now`: the run ledger's
 * unique constraint is what guarantees one post per (subscription, scheduled time).
 */
import { claimDigestRuns } from "../services/digest/claim-digest-runs.js";
import { deliverDigestRuns } from "../services/digest/deliver-digest-runs.js";
import type { DigestRunOptions, DigestTickResult } from "../services/digest/digest-work.js";
import { errorFields } from "../log.js";
import { acquireLease } from "../services/digest/scheduler-lease.js";

export type { DigestTickResult } from "../services/digest/digest-work.js";

export const DIGEST_LEASE = "digest-scheduler";

export interface DigestTickOptions extends DigestRunOptions {
  /** Lease length; renewed every tick and during long ticks. */
  leaseTtlMs?: number;
}

/** Runs one scheduler tick; resolves with what it did. Throws only when the database is unreachable. */
export async function runDigestTick(opts: DigestTickOptions): Promise<DigestTickResult> {
  const { db, now, instanceId, log } = opts;
  const leaseTtlMs = opts.leaseTtlMs ?? 120_000;
  const result: DigestTickResult = { leader: false, posted: 0, recovered: 0, skipped: 0, failed: 0, paused: 0 };
  if (!(await acquireLease(db, { name: DIGEST_LEASE, holder: instanceId, now, ttlMs: leaseTtlMs }))) return result;
  result.leader = true;
  const started = Date.now();
  // A tick can outlast the lease (a backlog of posts paced per channel): keep renewing while working.
  const renew = setInterval(
    () => {
      const at = new Date(now.getTime() + (Date.now() - started));
      acquireLease(db, { name: DIGEST_LEASE, holder: instanceId, now: at, ttlMs: leaseTtlMs }).catch((e) => log.warn({ err: errorFields(e) }, "digest lease renewal failed"));
    },
    Math.max(1000, leaseTtlMs / 3),
  );
  try {
    const work = await claimDigestRuns(opts, result);
    await deliverDigestRuns(opts, work, result);
  } finally {
    clearInterval(renew);
  }
  if (result.posted + result.recovered + result.failed + result.skipped > 0) log.info({ ...result, instanceId }, "digest tick");
  return result;
}
