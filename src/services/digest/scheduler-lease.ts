import type { Db } from "../../db/client.js";

/**
 * Takes or renews the named lease for `holder` until `expiresAt`: one statement, so two replicas racing
 * for an expired lease cannot both win. True when `holder` holds it afterwards. A replica that dies
 * stops renewing, and another takes over once `expiresAt` has passed.
 */
export async function acquireLease(db: Db, opts: { name: string; holder: string; now: Date; ttlMs: number }): Promise<boolean> {
  const expiresAt = new Date(opts.now.getTime() + opts.ttlMs);
  const rows = await db.$queryRaw<{ holder: string }[]>`
    insert into "SchedulerLease" (name, holder, "expiresAt") values (${opts.name}, ${opts.holder}, ${expiresAt})
    on conflict (name) do update set holder = excluded.holder, "expiresAt" = excluded."expiresAt"
      where "SchedulerLease"."expiresAt" < ${opts.now} or "SchedulerLease".holder = ${opts.holder}
    returning holder`;
  return rows.length === 1 && rows[0]!.holder === opts.holder;
}

/** Gives the lease up (on shutdown), so another replica does not wait for it to expire. */
export async function releaseLease(db: Db, opts: { name: string; holder: string }): Promise<void> {
  await db.schedulerLease.deleteMany({ where: { name: opts.name, holder: opts.holder } });
}
