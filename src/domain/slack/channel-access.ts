/**
 * Whether the bot is in a channel, as far as it can tell. Slack sends reaction and message events only
 * from channels the bot is a member of, and conversations.history needs membership, so a channel the bot
 * posts to but is not in never counts ratings.
 * - member:        in the channel (already, or joined just now)
 * - notMember:     a public channel it has not joined (yet)
 * - inviteNeeded:  it cannot join by itself: a private channel (invisible to a bot that is not in it,
 *                  so Slack answers channel_not_found), or an install without channels:join
 * - archived:      the channel is archived
 */
export type ChannelAccess = "member" | "notMember" | "inviteNeeded" | "archived";

const INVITE_NEEDED = new Set(["channel_not_found", "method_not_supported_for_channel_type", "missing_scope", "not_in_channel", "channel_is_limited_access"]);

/** What a Slack error of conversations.join / conversations.info says about membership, or null when nothing. */
export function accessOfError(code: string): ChannelAccess | null {
  if (code === "is_archived") return "archived";
  return INVITE_NEEDED.has(code) ? "inviteNeeded" : null;
}
