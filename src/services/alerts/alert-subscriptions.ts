import type { AlertKind, AlertOptions } from "../../domain/alerts/alert-kinds.js";
import { DEFAULT_GROUP_ABOVE } from "../../domain/alerts/alert-kinds.js";
import type { AlertSubscription } from "../../generated/prisma/client.js";
import type { TeamScope } from "../types.js";

/** The workspace's alert subscriptions, by channel then kind. */
export function listAlertSubscriptions(scope: TeamScope): Promise<AlertSubscription[]> {
  return scope.db.alertSubscription.findMany({ where: { teamId: scope.teamId }, orderBy: [{ channelId: "asc" }, { kind: "asc" }] });
}

/**
 * Subscribes a channel to one kind (or updates its options): an upsert on (team, channel, kind), so a retried command
 * leaves one row. Quiet hours and time zone given here apply to every kind of the channel. `created` says which.
 */
export async function subscribeAlerts(
  scope: TeamScope,
  s: {
    channelId: string;
    kind: AlertKind;
    options: AlertOptions;
    quiet: { start: string; end: string } | null;
    timeZone: string;
    groupAbove: number | null;
    locale: string;
    createdBy: string;
  },
): Promise<{ created: boolean }> {
  const { db, teamId } = scope;
  const key = { teamId_channelId_kind: { teamId, channelId: s.channelId, kind: s.kind } };
  const existing = await db.alertSubscription.findUnique({ where: key, select: { id: true } });
  await db.alertSubscription.upsert({
    where: key,
    create: {
      teamId,
      channelId: s.channelId,
      kind: s.kind,
      options: s.options as object,
      timeZone: s.timeZone,
      groupAbove: s.groupAbove ?? DEFAULT_GROUP_ABOVE,
      locale: s.locale,
      createdBy: s.createdBy,
      quietStart: s.quiet?.start ?? null,
      quietEnd: s.quiet?.end ?? null,
    },
    update: { options: s.options as object, timeZone: s.timeZone, locale: s.locale, ...(s.groupAbove !== null ? { groupAbove: s.groupAbove } : {}) },
  });
  if (s.quiet) await setQuietHours(scope, { channelId: s.channelId, quiet: s.quiet, timeZone: s.timeZone });
  return { created: !existing };
}

/** Stops one kind of alert in a channel (its ledger goes with it); false when it was not subscribed. */
export async function unsubscribeAlerts(scope: TeamScope, s: { channelId: string; kind: AlertKind }): Promise<boolean> {
  const { count } = await scope.db.alertSubscription.deleteMany({ where: { teamId: scope.teamId, channelId: s.channelId, kind: s.kind } });
  return count > 0;
}

/** Sets (or with null removes) the quiet hours of every alert subscription of a channel; returns how many changed. */
export async function setQuietHours(scope: TeamScope, s: { channelId: string; quiet: { start: string; end: string } | null; timeZone: string | null }): Promise<number> {
  const { count } = await scope.db.alertSubscription.updateMany({
    where: { teamId: scope.teamId, channelId: s.channelId },
    data: { quietStart: s.quiet?.start ?? null, quietEnd: s.quiet?.end ?? null, ...(s.timeZone ? { timeZone: s.timeZone } : {}) },
  });
  return count;
}

/** Removes one subscription by id (App Home's Remove button; its ledger goes with it); false when it was not there. */
export async function removeAlertSubscription(scope: TeamScope, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  const { count } = await scope.db.alertSubscription.deleteMany({ where: { teamId: scope.teamId, id } });
  return count > 0;
}
