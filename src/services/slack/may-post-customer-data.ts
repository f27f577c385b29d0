import type { WebClient } from "@slack/web-api";
import { isSharedChannelAllowed } from "../settings/allow-shared-channel.js";
import type { TeamScope } from "../types.js";
import { isExternalChannel } from "./is-external-channel.js";

/**
 * The one guard before anything with customer data (voices, stories, KPIs, digests, at-risk names) is posted into a
 * channel: false for a channel shared with another organisation (Slack Connect, or about to be) unless an admin
 * allowed it with `/insight allow-shared`. Asked at posting time, since a channel can become shared at any moment.
 * Throws Slack's error when the channel cannot be looked up, so callers refuse rather than post blind.
 */
export async function mayPostCustomerData(scope: TeamScope & { client: WebClient }, channelId: string): Promise<boolean> {
  if (!(await isExternalChannel(scope.client, channelId))) return true;
  return isSharedChannelAllowed(scope, channelId);
}
