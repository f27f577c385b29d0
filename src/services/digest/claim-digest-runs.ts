import { occurrencesBetween, periodBefore, type DigestFrequency, type DigestSchedule } from "../../domain/digest/schedule.js";
import type { DigestSubscription } from "../../generated/prisma/client.js";
import { activeSubscriptions, claimRuns, reclaimRun, recordSkipped, recoverableRuns } from "./digest-runs.js";
import { LATE_AFTER_MS, type DigestRunOptions, type DigestTickResult, type DigestWork } from "./digest-work.js";

/** How far back missed runs are looked for at all (beyond the late limit, only to record them skipped). */
const LOOKBACK_MS = 35 * 86_400_000;

const scheduleOf = (s: DigestSubscription): DigestSchedule => ({
  frequency: s.frequency as DigestFrequency,
  day: s.day,
  time: s.time,
  timeZone: s.timeZone,
});

/**
 * Decides what is due and claims it for this replica: first the runs another replica claimed and never
 * finished (stale claims), then every subscription's occurrences since its last run. Runs older than
 * `maxLateHours` are recorded as skipped (counted in `result`), not claimed. Ordered by scheduled time.
 */
export async function claimDigestRuns(opts: DigestRunOptions, result: DigestTickResult): Promise<DigestWork[]> {
  return [...(await recoverWork(opts)), ...(await claimDueWork(opts, result))];
}

async function recoverWork(opts: DigestRunOptions): Promise<DigestWork[]> {
  const { db, now } = opts;
  const stale = await recoverableRuns(db, {
    staleBefore: new Date(now.getTime() - (opts.staleClaimMs ?? 10 * 60_000)),
    notBefore: new Date(now.getTime() - opts.maxLateHours * 3_600_000),
    maxAttempts: opts.maxAttempts ?? 3,
  });
  if (!stale.length) return [];
  const subs = new Map((await db.digestSubscription.findMany({ where: { id: { in: [...new Set(stale.map((r) => r.subscriptionId))] } } })).map((s) => [s.id, s]));
  const work: DigestWork[] = [];
  for (const candidate of stale) {
    const run = await reclaimRun(db, { run: candidate, holder: opts.instanceId, now });
    const sub = subs.get(candidate.subscriptionId);
    if (run && sub) work.push({ run, sub, recovering: true });
  }
  return work;
}

/** The start of the period a run at `scheduledFor` reports on: the ledger's second key. */
const periodStartOf = (sub: DigestSubscription, scheduledFor: Date) => periodBefore(sub.frequency as DigestFrequency, sub.timeZone, scheduledFor).start;

async function claimDueWork(opts: DigestRunOptions, result: DigestTickResult): Promise<DigestWork[]> {
  const { db, now, log } = opts;
  const lateLimit = new Date(now.getTime() - opts.maxLateHours * 3_600_000);
  const work: DigestWork[] = [];
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
        log.warn(
          { teamId: sub.teamId, subscriptionId: sub.id, missed: tooOld.length, latest: last.toISOString(), maxLateHours: opts.maxLateHours },
          "digest runs too late to post: skipped",
        );
      }
    }
    for (const scheduledFor of due.filter((at) => at >= lateLimit)) {
      wanted.push({
        subscriptionId: sub.id,
        teamId: sub.teamId,
        scheduledFor,
        periodStart: periodStartOf(sub, scheduledFor),
        late: now.getTime() - scheduledFor.getTime() > LATE_AFTER_MS,
      });
    }
    subs.set(sub.id, sub);
  }
  for (const run of await claimRuns(db, wanted, { holder: opts.instanceId, now })) work.push({ run, sub: subs.get(run.subscriptionId)!, recovering: false });
  return work.sort((a, b) => a.run.scheduledFor.getTime() - b.run.scheduledFor.getTime());
}
