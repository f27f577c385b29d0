/** The people and the user group an admin named as the bot's admins (Slack's admins and owners are implied). */
export interface BotAdmins {
  /** People named admin, oldest first. */
  users: { userId: string; addedBy: string; addedAt: Date }[];
  /** The user group named admin, if any. */
  group: { groupId: string; addedBy: string; addedAt: Date } | null;
}
