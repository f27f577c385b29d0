import { parseMemberRef, type SlackMemberRef } from "../../domain/slack/member-ref.js";
import { AppError } from "../../errors/app-error.js";
import { requestContext } from "../../middleware/context.js";
import { nameBotAdmin } from "../../services/access/name-bot-admin.js";
import { listBotAdmins } from "../../services/access/list-bot-admins.js";
import { removeBotAdmin } from "../../services/access/remove-bot-admin.js";
import { botAdminsText } from "../../views/access/bot-admins.js";
import type { ListenerDeps } from "../deps.js";
import type { KpiSubcommand } from "./kpi-command.js";

/** How a person or group is named back to the admin (Slack renders the names; ephemeral, so nobody is notified). */
const mention = (m: SlackMemberRef) => (m.kind === "user" ? `<@${m.id}>` : `<!subteam^${m.id}>`);

/**
 * `/kpi admins` lists the bot's admins; `/kpi admins add|remove @person|@group` changes them (admins only, checked
 * here on the server). Replies are ephemeral.
 */
export function kpiAdminsSubcommand(deps: ListenerDeps): KpiSubcommand {
  return async ({ respond, context, command }, rest) => {
    const ctx = requestContext(context);
    const { t } = ctx;
    const scope = { db: deps.db, teamId: ctx.teamId };
    const reply = (text: string) => respond({ response_type: "ephemeral", text });
    const [verb = "", target, ...extra] = rest;
    const action = verb.toLowerCase();

    if (action === "" || action === "list") return void (await reply(botAdminsText(t, await listBotAdmins(scope))));
    if ((action !== "add" && action !== "remove") || extra.length > 0) return void (await reply(t("admins.usage")));
    if (!(await ctx.isAdmin())) throw new AppError("NOT_ADMIN", "error.notAdmin");
    const member = parseMemberRef(target);
    if (!member) return void (await reply(t("admins.badMember")));
    const name = mention(member);

    if (action === "add") {
      const result = await nameBotAdmin({ ...scope, users: deps.users, groups: deps.groups }, { member, addedBy: command.user_id });
      // Only full members of this workspace: a guest or another organisation's person never becomes admin.
      if (result.kind === "notMember") return void (await reply(t("admins.notMember", { member: name })));
      deps.log.info({ teamId: ctx.teamId, userId: ctx.userId, kind: member.kind }, "bot admin added");
      if (result.kind === "user") return void (await reply(t(result.added ? "admins.added" : "admins.already", { member: name })));
      return void (await reply(result.replaced ? t("admins.groupReplaced", { group: name, previous: `<!subteam^${result.replaced}>` }) : t("admins.groupSet", { group: name })));
    }

    const removed = await removeBotAdmin(scope, member.id);
    if (member.kind === "group") deps.groups.forget(ctx.teamId, member.id);
    deps.log.info({ teamId: ctx.teamId, userId: ctx.userId, kind: member.kind, removed }, "bot admin removed");
    if (!removed) return void (await reply(t("admins.notNamed", { member: name })));
    const stillSlackAdmin = member.kind === "user" && (await deps.users.get(ctx.teamId, member.id)).isWorkspaceAdmin;
    await reply(t(stillSlackAdmin ? "admins.removedWorkspaceAdmin" : "admins.removed", { member: name }));
  };
}
