import type { WebClient } from "@slack/web-api";
import { TEAM_CHANNEL, type AlertKind, type AlertOptions } from "../../domain/alerts/alert-kinds.js";
import { getWorkspace } from "../settings/get-workspace.js";
import { accessOfError } from "../../domain/slack/channel-access.js";
import { checkChannelAccess } from "../slack/check-channel-access.js";
import { joinChannel, type ChannelAccess } from "../slack/join-channel.js";
import { slackErrorCode } from "../slack/slack-error.js";
import { mayPostCustomerData } from "../slack/may-post-customer-data.js";
import type { TeamScope } from "../types.js";
import { subscribeAlerts } from "./alert-subscriptions.js";

/** What an admin asked for, from `/kpi alerts add` or App Home's "Add alert" modal (both read by readAlertOptions). */
export interface AlertSubscriptionRequest {
  channelId: string;
  kind: AlertKind;
  options: AlertOptions;
  quiet: { start: string; end: string } | null;
  /** The zone typed or picked; null = the admin's Slack time zone, else the workspace's. */
  timeZone: string | null;
  groupAbove: number | null;
  locale: string;
  createdBy: string;
}

export type SaveAlertSubscriptionResult =
  | { status: "blockedExternal" }
  /** The bot cannot see the channel (a private one it was not invited to) or it is archived: nothing saved. */
  | { status: "unreachable"; access: "inviteNeeded" | "archived" }
  | { status: "saved"; created: boolean; timeZone: string /** Whether the bot is in the channel now (it joins public ones). */; access: ChannelAccess | "unknown" };

/**
 * Subscribes a channel to an alert kind for `/kpi alerts add` and App Home alike: refuses a channel shared with another
 * organisation (alerts carry customer data) and one the bot cannot see (a private channel it was not invited to) or that
 * is archived, joins a public channel so posts land, saves the subscription (an upsert) and says whether the bot is in
 * the channel. Throws only for database errors.
 */
export async function saveAlertSubscription(
  scope: TeamScope & { client: WebClient; userTimeZone: () => Promise<string | undefined> },
  request: AlertSubscriptionRequest,
): Promise<SaveAlertSubscriptionResult> {
  const { db, teamId, client } = scope;
  const timeZone = async () => request.timeZone ?? (await scope.userTimeZone()) ?? (await getWorkspace({ db, teamId })).timeZone;
  if (request.channelId === TEAM_CHANNEL) {
    // The owning team's channels are checked when each alert is posted: the route decides, and a route can change.
    const zone = await timeZone();
    const { created } = await subscribeAlerts({ db, teamId }, { ...request, timeZone: zone });
    return { status: "saved", created, timeZone: zone, access: "unknown" };
  }
  let allowed: boolean;
  try {
    allowed = await mayPostCustomerData({ db, teamId, client }, request.channelId);
  } catch (e) {
    // Whether a channel the bot cannot see is shared is unknown: refuse, and say what would fix it.
    const access = accessOfError(slackErrorCode(e));
    if (access === "inviteNeeded" || access === "archived") return { status: "unreachable", access };
    allowed = false;
  }
  if (!allowed) return { status: "blockedExternal" };
  // A private channel the bot is in cannot be joined (Slack says so with an error): ask Slack about membership instead.
  const joined = await joinChannel(client, request.channelId).catch(() => null);
  const access = joined === "member" ? joined : ((await checkChannelAccess(client, [request.channelId])).get(request.channelId) ?? "unknown");
  const zone = await timeZone();
  const { created } = await subscribeAlerts({ db, teamId }, { ...request, timeZone: zone });
  return { status: "saved", created, timeZone: zone, access };
}
