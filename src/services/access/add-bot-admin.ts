import type { SlackMemberRef } from "../../domain/slack/member-ref.js";
import type { TeamScope } from "../types.js";

export type AddBotAdminResult =
  | { kind: "user"; added: boolean }
  /** `replaced`: the group that was admin before (one group at most), when it was another one. */
  | { kind: "group"; replaced: string | null };

/**
 * Names a person or a user group the bot's admin. A person already named stays as they are (`added: false`);
 * naming a group replaces the previous group in one statement, so two admins naming groups at once leave one.
 */
export async function addBotAdmin({ db, teamId }: TeamScope, opts: { member: SlackMemberRef; addedBy: string }): Promise<AddBotAdminResult> {
  const { member, addedBy } = opts;
  if (member.kind === "user") {
    const inserted = await db.$executeRaw`
      INSERT INTO "BotAdmin" ("teamId", "memberId", "kind", "addedBy") VALUES (${teamId}, ${member.id}, 'user', ${addedBy})
      ON CONFLICT ("teamId", "memberId") DO NOTHING`;
    return { kind: "user", added: inserted > 0 };
  }
  const before = await db.botAdmin.findFirst({ where: { teamId, kind: "group" } });
  await db.$executeRaw`
    INSERT INTO "BotAdmin" ("teamId", "memberId", "kind", "addedBy") VALUES (${teamId}, ${member.id}, 'group', ${addedBy})
    ON CONFLICT ("teamId") WHERE "kind" = 'group'
    DO UPDATE SET "memberId" = EXCLUDED."memberId", "addedBy" = EXCLUDED."addedBy", "createdAt" = CURRENT_TIMESTAMP`;
  return { kind: "group", replaced: before && before.memberId !== member.id ? before.memberId : null };
}
