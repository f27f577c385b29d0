import type { TeamScope } from "../types.js";

/**
 * Takes a named person or user group off the bot's admins; false when they were not named. Slack's workspace
 * admins and owners stay admins whatever is removed here, so the workspace can never lock itself out.
 */
export async function removeBotAdmin({ db, teamId }: TeamScope, memberId: string): Promise<boolean> {
  const { count } = await db.botAdmin.deleteMany({ where: { teamId, memberId } });
  return count > 0;
}
