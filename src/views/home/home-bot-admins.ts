import type { KnownBlock, PlainTextOption } from "@slack/types";
import type { BotAdmins } from "../../domain/access/bot-admins.js";
import type { Translate } from "../../i18n/index.js";
import { ACTIONS } from "../../slack-ids.js";
import { BLOCK_LIMITS } from "../block-limits.js";
import { context, option, plain, section } from "../blocks.js";

/** Named people listed with a remove button on Home; the rest are counted (`/kpi admins` lists everyone). */
export const HOME_NAMED_ADMINS = 10;

/** A user group as the picker offers it (see services/slack/user-groups.ts). */
export interface GroupChoice {
  id: string;
  handle: string;
  name: string;
}

/** block_id of a named person's or group's row; the remove button's value carries the id too. */
export const adminRowBlockId = (memberId: string) => `${ACTIONS.homeAdminRemove}:${memberId}`;

const removeButton = (t: Translate, memberId: string) => ({
  type: "button" as const,
  action_id: ACTIONS.homeAdminRemove,
  text: plain(t("admins.home.remove")),
  value: memberId,
});

/**
 * The admins part of the App Home admin section: Slack's admins and owners (always), each named person and the
 * named user group with a remove button, a person picker and a user-group picker. `groups` is null when Slack did
 * not list them. Every control is re-checked on the server. Pure.
 */
export function homeBotAdminBlocks(t: Translate, admins: BotAdmins, groups: ReadonlyArray<GroupChoice> | null): KnownBlock[] {
  const blocks: KnownBlock[] = [section(`*${t("admins.title")}*\n${t("admins.workspace")}`)];
  const shown = admins.users.slice(0, HOME_NAMED_ADMINS);
  for (const u of shown) {
    blocks.push({ type: "section", block_id: adminRowBlockId(u.userId), text: { type: "mrkdwn", text: `<@${u.userId}>` }, accessory: removeButton(t, u.userId) });
  }
  if (admins.users.length > shown.length) blocks.push(context(t("admins.home.morePeople", { count: admins.users.length - shown.length })));
  if (admins.group) {
    const g = admins.group.groupId;
    blocks.push({ type: "section", block_id: adminRowBlockId(g), text: { type: "mrkdwn", text: t("admins.group", { group: `<!subteam^${g}>` }) }, accessory: removeButton(t, g) });
  }
  if (!admins.users.length && !admins.group) blocks.push(context(t("admins.none")));

  const pickers: Extract<KnownBlock, { type: "actions" }>["elements"] = [
    { type: "users_select", action_id: ACTIONS.homeAdminAddUser, placeholder: plain(t("admins.home.addPerson")) },
  ];
  const notes: string[] = [];
  if (groups === null) notes.push(t("admins.home.noGroupList"));
  else if (groups.length) {
    const listed = groups.slice(0, BLOCK_LIMITS.optionsPerSelect);
    // Option text holds 75 characters: a long group name is shortened with "…" there; the handle comes first.
    const options: PlainTextOption[] = listed.map((g) => option(g.name && g.name !== g.handle ? `@${g.handle} (${g.name})` : `@${g.handle}`, g.id));
    const current = options.find((o) => o.value === admins.group?.groupId);
    pickers.push({
      type: "static_select",
      action_id: ACTIONS.homeAdminGroup,
      placeholder: plain(t("admins.home.pickGroup")),
      options,
      ...(current ? { initial_option: current } : {}),
    });
    if (groups.length > listed.length) notes.push(t("admins.home.moreGroups", { count: groups.length - listed.length }));
  }
  blocks.push({ type: "actions", block_id: "home_admins_add", elements: pickers });
  blocks.push(context(...notes, t("admins.hint")));
  return blocks;
}
