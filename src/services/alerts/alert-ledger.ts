/**
 * The alert ledger (issue #17): one open row per (subscription, condition), enforced by a partial unique index, so
 * whichever replica inserts it first owns the alert and nobody posts it twice; a row is claimed before posting (a
 * lease: a claim older than CLAIM_LEASE_MS is taken over, after looking for the post in the channel) and a condition
 * that stops being true is cleared, so it can fire again later as a new row.
 */
import type { Db } from "../../db/client.js";
import type { AlertFacts } from "../../domain/alerts/alert-kinds.js";
import type { AlertLedger } from "../../generated/prisma/client.js";

/** How long a claim holds before another replica may take the alert over (it first looks for the post). */
export const CLAIM_LEASE_MS = 2 * 60_000;
/** Attempts per alert before it is recorded as failed. */
export const MAX_ATTEMPTS = 3;

export interface FiredAlert {
  subscriptionId: string;
  teamId: string;
  conditionKey: string;
  facts: AlertFacts;
  dueAt: Date;
  /** Where it goes when not the subscription's channel (a voice alert to the owning team's channel). */
  channelId?: string | null;
}

/** Inserts the alerts whose condition has no open row yet (pending until `dueAt`); returns the rows inserted. */
export async function fireAlerts(db: Db, alerts: readonly FiredAlert[], now: Date): Promise<AlertLedger[]> {
  if (!alerts.length) return [];
  return db.$queryRaw<AlertLedger[]>`
    insert into "AlertLedger" (id, "teamId", "subscriptionId", "conditionKey", status, facts, "firedAt", "dueAt", "channelId")
    select gen_random_uuid(), a.team, a.sub, a.key, 'pending', a.facts, ${now}, a.due, a.channel
    from unnest(${alerts.map((a) => a.teamId)}::text[], ${alerts.map((a) => a.subscriptionId)}::uuid[], ${alerts.map((a) => a.conditionKey)}::text[],
                ${alerts.map((a) => JSON.stringify(a.facts))}::jsonb[], ${alerts.map((a) => a.dueAt.toISOString())}::timestamptz[],
                ${alerts.map((a) => a.channelId ?? null)}::text[]) as a(team, sub, key, facts, due, channel)
    on conflict do nothing
    returning *`;
}

/**
 * Clears the open rows of conditions that are no longer true: of `subscriptionId`, those whose key starts with
 * `prefix` (and is one of `among`, when given: the customers a batch judged) and is not in `stillTrue`. A row not
 * posted yet is expired (never posted). Returns how many were cleared.
 */
export async function clearAlerts(db: Db, q: { subscriptionId: string; prefix: string; among?: readonly string[]; stillTrue: readonly string[]; now: Date }): Promise<number> {
  const among = q.among ? [...q.among] : null;
  return db.$executeRaw`
    update "AlertLedger" set "clearedAt" = ${q.now}, status = case when status = 'pending' then 'expired' else status end
    where "subscriptionId" = ${q.subscriptionId}::uuid and "clearedAt" is null and status <> 'claimed'
      and starts_with("conditionKey", ${q.prefix}) and not ("conditionKey" = any(${[...q.stillTrue]}::text[]))
      and (${among}::text[] is null or "conditionKey" = any(${among}::text[]))`;
}

/**
 * Claims every alert due by `now` for `holder`: pending rows whose time has come, and claims older than the lease
 * (a replica that died between claiming and recording). One statement per row set; a row two replicas race for is
 * claimed by one (the other's update finds it claimed afresh). Optionally only one workspace's alerts.
 */
export async function claimDueAlerts(db: Db, q: { holder: string; now: Date; teamId?: string }): Promise<AlertLedger[]> {
  const stale = new Date(q.now.getTime() - CLAIM_LEASE_MS);
  return db.$queryRaw<AlertLedger[]>`
    update "AlertLedger" set status = 'claimed', "claimedBy" = ${q.holder}, "claimedAt" = ${q.now}, attempts = attempts + 1
    where id in (
      select id from "AlertLedger"
      where ((status = 'pending' and "dueAt" <= ${q.now}) or (status = 'claimed' and "claimedAt" < ${stale}))
        and (${q.teamId ?? null}::text is null or "teamId" = ${q.teamId ?? null})
      order by "dueAt"
      limit 500
      for update skip locked)
    returning *`;
}

/** Records how claimed alerts ended; only the holder of the claim can. */
export async function finishAlerts(
  db: Db,
  q: { ids: readonly string[]; holder: string; now: Date; status: "posted" | "failed" | "pending"; messageTs?: string; error?: string },
): Promise<number> {
  if (!q.ids.length) return 0;
  return db.$executeRaw`
    update "AlertLedger" set status = ${q.status}, "postedAt" = ${q.status === "posted" ? q.now : null},
      "messageTs" = ${q.messageTs ?? null}, error = ${q.error ?? null}
    where id = any(${[...q.ids]}::uuid[]) and "claimedBy" = ${q.holder} and status = 'claimed'`;
}

/** Alerts posted to a channel (by its subscriptions, or routed there) in the hour before `now` (grouping counts them). */
export async function postedInLastHour(db: Db, q: { subscriptionIds: readonly string[]; channelId: string; now: Date }): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>`
    select count(*)::int as n from "AlertLedger" l join "AlertSubscription" s on s.id = l."subscriptionId"
    where l."subscriptionId" = any(${[...q.subscriptionIds]}::uuid[]) and l.status = 'posted' and l."postedAt" > ${new Date(q.now.getTime() - 3_600_000)}
      and coalesce(l."channelId", s."channelId") = ${q.channelId}`;
  return rows[0]?.n ?? 0;
}
