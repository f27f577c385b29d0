import type { BotAdmins } from "../../domain/access/bot-admins.js";
import type { TeamScope } from "../types.js";

/** The people and the user group an admin named as the bot's admins (Slack's admins and owners are not listed). */
export async function listBotAdmins({ db, teamId }: TeamScope): Promise<BotAdmins> {
  const rows = await db.botAdmin.findMany({ where: { teamId }, orderBy: [{ createdAt: "asc" }, { memberId: "asc" }] });
  const group = rows.find((r) => r.kind === "group");
  return {
    users: rows.filter((r) => r.kind === "user").map((r) => ({ userId: r.memberId, addedBy: r.addedBy, addedAt: r.createdAt })),
    group: group ? { groupId: group.memberId, addedBy: group.addedBy, addedAt: group.createdAt } : null,
  };
}
