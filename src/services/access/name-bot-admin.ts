import type { SlackMemberRef } from "../../domain/slack/member-ref.js";
import type { UserDirectory } from "../slack/user-directory.js";
import type { UserGroupDirectory } from "../slack/user-groups.js";
import type { TeamScope } from "../types.js";
import { type AddBotAdminResult, addBotAdmin } from "./add-bot-admin.js";
import { standingOf } from "./check-access.js";

export type NameBotAdminResult = AddBotAdminResult | { kind: "notMember" };

/**
 * Names a person or the user group as the bot's admin, for `/kpi admins add` and App Home alike. A person must be a
 * full member of this workspace (never a guest or another organisation's person: `notMember`, nothing stored); a
 * replaced group's cached members are forgotten so its members lose the role at once. The caller checks that the
 * one asking is an admin.
 */
export async function nameBotAdmin(
  scope: TeamScope & { users: UserDirectory; groups: UserGroupDirectory },
  opts: { member: SlackMemberRef; addedBy: string },
): Promise<NameBotAdminResult> {
  const { db, teamId, users, groups } = scope;
  if (opts.member.kind === "user" && standingOf(await users.get(teamId, opts.member.id), teamId) !== "member") return { kind: "notMember" };
  const result = await addBotAdmin({ db, teamId }, opts);
  if (result.kind === "group" && result.replaced) groups.forget(teamId, result.replaced);
  return result;
}
