import type { Translate } from "../../i18n/index.js";
import type { BotAdmins } from "../../domain/access/bot-admins.js";

/**
 * Who the bot's admins are, as mrkdwn lines: Slack's admins and owners, then the people and the user group named.
 * Slack renders the mentions as names. Pure.
 */
export function botAdminsLines(t: Translate, admins: BotAdmins): string[] {
  const lines = [t("admins.workspace")];
  if (admins.users.length) lines.push(t("admins.people", { people: admins.users.map((u) => `<@${u.userId}>`).join(", ") }));
  if (admins.group) lines.push(t("admins.group", { group: `<!subteam^${admins.group.groupId}>` }));
  if (!admins.users.length && !admins.group) lines.push(t("admins.none"));
  return lines;
}

/** `/kpi admins`: the title, the list and how to change it. */
export function botAdminsText(t: Translate, admins: BotAdmins): string {
  return [`*${t("admins.title")}*`, ...botAdminsLines(t, admins), t("admins.hint")].join("\n");
}
