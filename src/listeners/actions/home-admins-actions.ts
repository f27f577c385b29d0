import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs, StaticSelectAction, UsersSelectAction } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { z } from "zod";
import type { SlackMemberRef } from "../../domain/slack/member-ref.js";
import type { Translate } from "../../i18n/index.js";
import { requestContext } from "../../middleware/context.js";
import { nameBotAdmin } from "../../services/access/name-bot-admin.js";
import { removeBotAdmin } from "../../services/access/remove-bot-admin.js";
import { republishHome } from "../../services/home/publish-home.js";
import { plain, section } from "../../views/blocks.js";
import type { ListenerDeps } from "../deps.js";
import { adminOrRefuse } from "./home-settings-actions.js";

type ActionArgs<A extends BlockAction["actions"][number]> = SlackActionMiddlewareArgs<BlockAction<A>> & AllMiddlewareArgs;

const ZUser = z.string().regex(/^[UW][A-Z0-9]+$/);
const ZGroup = z.string().regex(/^S[A-Z0-9]+$/);
const ZMember = z.union([ZUser.transform((id): SlackMemberRef => ({ kind: "user", id })), ZGroup.transform((id): SlackMemberRef => ({ kind: "group", id }))]);

/** Home has no ephemeral messages: what an admin must know about their pick is told in a small modal. */
const noticeModal = (t: Translate, text: string): ModalView => ({
  type: "modal",
  title: plain(t("homeTab.settings.title")),
  close: plain(t("homeTab.scale.cancel")),
  blocks: [section(text)],
});

/** A person or the user group picked on Home -> named the bot's admin (admins only, re-checked here), Home refreshed. */
function nameFromHome(deps: ListenerDeps, pick: (action: UsersSelectAction | StaticSelectAction) => SlackMemberRef | undefined) {
  return async ({ ack, action, body, client, context }: ActionArgs<UsersSelectAction | StaticSelectAction>) => {
    await ack();
    const ctx = requestContext(context);
    if (!(await adminOrRefuse(ctx, client, body.trigger_id))) return;
    const member = pick(action);
    if (!member) return;
    const result = await nameBotAdmin({ db: deps.db, teamId: ctx.teamId, users: deps.users, groups: deps.groups }, { member, addedBy: body.user.id });
    if (result.kind === "notMember") {
      await client.views.open({ trigger_id: body.trigger_id, view: noticeModal(ctx.t, ctx.t("admins.notMember", { member: `<@${member.id}>` })) });
    } else deps.log.info({ teamId: ctx.teamId, userId: ctx.userId, kind: member.kind }, "bot admin added");
    await republishHome(deps, client, ctx.teamId, body.user.id);
  };
}

/** "Add a person" on Home (users_select). */
export function homeAdminAddUserAction(deps: ListenerDeps) {
  return nameFromHome(deps, (a) => {
    const id = ZUser.safeParse("selected_user" in a ? a.selected_user : undefined);
    return id.success ? { kind: "user", id: id.data } : undefined;
  });
}

/** "Name a user group" on Home (static_select of usergroups.list; one group at most, so it replaces the previous). */
export function homeAdminGroupAction(deps: ListenerDeps) {
  return nameFromHome(deps, (a) => {
    const id = ZGroup.safeParse("selected_option" in a ? a.selected_option?.value : undefined);
    return id.success ? { kind: "group", id: id.data } : undefined;
  });
}

/** "Remove" beside a named person or group on Home: takes them off (admins only, re-checked here), Home refreshed. */
export function homeAdminRemoveAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client, context }: ActionArgs<ButtonAction>) => {
    await ack();
    const ctx = requestContext(context);
    if (!(await adminOrRefuse(ctx, client, body.trigger_id))) return;
    const member = ZMember.safeParse(action.value);
    if (!member.success) return;
    const removed = await removeBotAdmin({ db: deps.db, teamId: ctx.teamId }, member.data.id);
    if (member.data.kind === "group") deps.groups.forget(ctx.teamId, member.data.id);
    deps.log.info({ teamId: ctx.teamId, userId: ctx.userId, kind: member.data.kind, removed }, "bot admin removed");
    await republishHome(deps, client, ctx.teamId, body.user.id);
  };
}
