/**
 * The run ledger: one DigestRun per (subscription, scheduled time) and per (subscription, period), enforced by
 * unique constraints, so whichever replica inserts the row first owns the run and nobody posts it twice, nor
 * reports a period twice after a schedule change. Inserts skip a row that conflicts with either constraint.
 */
import type { Db } from "../../db/client.js";
import type { DigestRun, DigestSubscription } from "../../generated/prisma/client.js";

export type RunStatus = "claimed" | "posted" | "failed" | "skipped";

/** Active subscriptions of every workspace, with the latest time already in the ledger. */
export async function activeSubscriptions(db: Db): Promise<(DigestSubscription & { lastScheduledFor: Date | null })[]> {
  return db.$queryRaw`
    select s.*, (select max(r."scheduledFor") from "DigestRun" r where r."subscriptionId" = s.id) as "lastScheduledFor"
    from "DigestSubscription" s
    where s."pausedAt" is null`;
}

/**
 * Inserts the run as claimed by `holder`; null when a row for (subscription, scheduledFor) exists already:
 * another replica, or an earlier tick, has it.
 */
export async function claimRun(
  db: Db,
  r: { subscriptionId: string; teamId: string; scheduledFor: Date; periodStart: Date; late: boolean; holder: string; now: Date },
): Promise<DigestRun | null> {
  const rows = await db.$queryRaw<DigestRun[]>`
    insert into "DigestRun" (id, "subscriptionId", "teamId", "scheduledFor", "periodStart", status, late, "claimedBy", "claimedAt", attempts)
    values (${crypto.randomUUID()}::uuid, ${r.subscriptionId}::uuid, ${r.teamId}, ${r.scheduledFor}, ${r.periodStart}, 'claimed', ${r.late}, ${r.holder}, ${r.now}, 1)
    on conflict do nothing
    returning *`;
  return rows[0] ?? null;
}

/**
 * `claimRun` for many runs in one statement (a minute with a thousand due runs is one round trip):
 * returns the runs this replica won; the others exist already.
 */
export async function claimRuns(
  db: Db,
  runs: { subscriptionId: string; teamId: string; scheduledFor: Date; periodStart: Date; late: boolean }[],
  by: { holder: string; now: Date },
): Promise<DigestRun[]> {
  if (!runs.length) return [];
  return db.$queryRaw<DigestRun[]>`
    insert into "DigestRun" (id, "subscriptionId", "teamId", "scheduledFor", "periodStart", status, late, "claimedBy", "claimedAt", attempts)
    select gen_random_uuid(), r.sub, r.team, r.at, r.period, 'claimed', r.late, ${by.holder}, ${by.now}, 1
    from unnest(${runs.map((r) => r.subscriptionId)}::uuid[], ${runs.map((r) => r.teamId)}::text[],
                ${runs.map((r) => r.scheduledFor.toISOString())}::timestamptz[], ${runs.map((r) => r.periodStart.toISOString())}::timestamptz[],
                ${runs.map((r) => r.late)}::boolean[]) as r(sub, team, at, period, late)
    on conflict do nothing
    returning *`;
}

/** Records a run that is too old to post; false when it was already in the ledger. */
export async function recordSkipped(db: Db, r: { subscriptionId: string; teamId: string; scheduledFor: Date; periodStart: Date; now: Date }): Promise<boolean> {
  const n = await db.$executeRaw`
    insert into "DigestRun" (id, "subscriptionId", "teamId", "scheduledFor", "periodStart", status, late, "finishedAt", error, attempts)
    values (${crypto.randomUUID()}::uuid, ${r.subscriptionId}::uuid, ${r.teamId}, ${r.scheduledFor}, ${r.periodStart}, 'skipped', true, ${r.now}, 'too_late', 0)
    on conflict do nothing`;
  return n > 0;
}

/**
 * Runs to pick up again, of active subscriptions: claimed but never finished by a replica that stopped
 * (claim older than `staleBefore`, whatever its age: it needs an outcome), and failures worth another
 * attempt that are still within the late limit. Every retry first looks for the message in the channel.
 */
export async function recoverableRuns(db: Db, q: { staleBefore: Date; notBefore: Date; maxAttempts: number }): Promise<DigestRun[]> {
  return db.$queryRaw<DigestRun[]>`
    select r.* from "DigestRun" r join "DigestSubscription" s on s.id = r."subscriptionId"
    where s."pausedAt" is null
      and ((r.status = 'claimed' and r."claimedAt" < ${q.staleBefore})
        or (r.status = 'failed' and r.attempts < ${q.maxAttempts} and r."scheduledFor" >= ${q.notBefore}
            and r."scheduledFor" >= s."activeSince"))
    order by r."scheduledFor"`;
}

/** Takes over a run seen by `recoverableRuns`; false when another replica took it first (attempts moved on). */
export async function reclaimRun(db: Db, r: { run: DigestRun; holder: string; now: Date }): Promise<DigestRun | null> {
  const rows = await db.$queryRaw<DigestRun[]>`
    update "DigestRun" set status = 'claimed', "claimedBy" = ${r.holder}, "claimedAt" = ${r.now}, attempts = attempts + 1
    where id = ${r.run.id}::uuid and attempts = ${r.run.attempts} and status = ${r.run.status}
    returning *`;
  return rows[0] ?? null;
}

/** Records how a claimed run ended; only the replica holding the claim can. */
export async function finishRun(
  db: Db,
  r: { id: string; holder: string; status: Exclude<RunStatus, "claimed">; now: Date; late?: boolean; messageTs?: string; error?: string },
): Promise<boolean> {
  const { count } = await db.digestRun.updateMany({
    where: { id: r.id, claimedBy: r.holder, status: "claimed" },
    data: {
      status: r.status,
      finishedAt: r.now,
      messageTs: r.messageTs ?? null,
      error: r.error ?? null,
      ...(r.late !== undefined ? { late: r.late } : {}),
    },
  });
  return count === 1;
}

/** Pauses a subscription whose channel cannot take messages any more. */
export async function pauseSubscription(db: Db, s: { id: string; teamId: string; reason: string; now: Date }): Promise<void> {
  await db.digestSubscription.updateMany({ where: { id: s.id, teamId: s.teamId }, data: { pausedAt: s.now, pauseReason: s.reason } });
}
