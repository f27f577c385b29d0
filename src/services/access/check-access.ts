import { AppError } from "../../errors/app-error.js";
import type { SlackUser, UserDirectory } from "../slack/user-directory.js";
import type { UserGroupDirectory } from "../slack/user-groups.js";
import type { TeamScope } from "../types.js";

/**
 * Where a person stands towards this workspace's data:
 *  - member: a full member of the workspace the request is for;
 *  - guest: a multi- or single-channel guest of it;
 *  - stranger: someone of another organisation (a Slack Connect user), whatever their rank there;
 *  - unknown: Slack could not tell us (users.info failed).
 */
export type Standing = "member" | "guest" | "stranger" | "unknown";

export interface Access {
  standing: Standing;
  /** The bot's admin: a member who is a Slack admin or owner, or was named (in person or by user group). */
  isAdmin: boolean;
}

export interface AccessScope extends TeamScope {
  users: UserDirectory;
  groups: UserGroupDirectory;
}

/** A user's standing from users.info, against the workspace (or Enterprise Grid org) the request is for. */
export function standingOf(user: SlackUser, teamId: string): Standing {
  if (!user.known || user.deleted) return "unknown";
  // users.info says which team the person belongs to; the request's team_id can be ours for an external user.
  const ours = user.teamId === teamId || (user.enterpriseId !== undefined && user.enterpriseId === teamId);
  if (!ours) return "stranger";
  return user.isGuest ? "guest" : "member";
}

/**
 * Decides what `userId` may do in the workspace: asked on every request that reads customer data or changes
 * settings (never trusted from a rendered button). Named admins come from the database on every call, so removing
 * one takes effect at once; Slack's own flags are cached for minutes by the user directory, group members for one.
 */
export async function checkAccess(scope: AccessScope, userId: string): Promise<Access> {
  const { db, teamId, users, groups } = scope;
  const user = await users.get(teamId, userId);
  const standing = standingOf(user, teamId);
  if (standing !== "member") return { standing, isAdmin: false };
  if (user.isWorkspaceAdmin) return { standing, isAdmin: true };
  const named = await db.botAdmin.findMany({ where: { teamId, OR: [{ memberId: userId }, { kind: "group" }] } });
  if (named.some((r) => r.kind === "user" && r.memberId === userId)) return { standing, isAdmin: true };
  const group = named.find((r) => r.kind === "group");
  const inGroup = group ? (await groups.members(teamId, group.memberId)).has(userId) : false;
  return { standing, isAdmin: inGroup };
}

const REFUSAL = { guest: "access.guest", stranger: "access.stranger", unknown: "access.unknown" } as const;

/** The error for a person who may not read customer data (AppError FORBIDDEN, in their words); undefined for a member. */
export function customerDataRefusal(access: Access): AppError | undefined {
  return access.standing === "member" ? undefined : new AppError("FORBIDDEN", REFUSAL[access.standing]);
}
