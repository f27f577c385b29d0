import type { KnownBlock } from "@slack/types";
import type { Translate } from "../../i18n/index.js";
import { ACTIONS } from "../../slack-ids.js";
import { formatters } from "../prediction/format.js";
import { clip, context, escapeMrkdwn, option, plain, section } from "../blocks.js";
import { statusLabel } from "./insight-work-blocks.js";

/** A theme as the list shows it (services/work/list-theme-work.ts gives these fields). */
export interface ThemeRow {
  name: string;
  status: string;
  resolution: string | null;
  link: string | null;
  customers: number;
  voices: number;
  open: number;
  value: number | null;
}

/** A theme's status in the reader's words: open is the theme's own word, the others are the voices' statuses. */
export const themeStatusLabel = (t: Translate, status: string) => (status === "open" ? t("work.theme.status.open") : statusLabel(t, status));

/**
 * Themes ranked by distinct customers or by value at risk: one section each (status, customers, voices, open voices,
 * value at risk, resolution and link) with an Update button that opens the theme modal (value: the theme's name),
 * then a line when more themes were left out, and `footer` lines. With `sortControl` (App Home) the title carries a
 * menu to rank by customers or by value at risk (`ACTIONS.homeThemeSort`). At most 2 + themes.length blocks. Pure.
 */
export function themeListBlocks(
  t: Translate,
  v: { themes: readonly ThemeRow[]; sort: "customers" | "value"; more: boolean; footer?: readonly string[]; sortControl?: boolean },
): { text: string; blocks: KnownBlock[] } {
  const title = v.sort === "value" ? t("work.themes.titleValue") : t("work.themes.title");
  const sorts = [option(t("work.themes.sort.customers"), "customers"), option(t("work.themes.sort.value"), "value")];
  const blocks: KnownBlock[] = [
    v.sortControl
      ? {
          type: "section",
          block_id: "home_theme_sort",
          text: { type: "mrkdwn", text: `*${title}*` },
          accessory: { type: "static_select", action_id: ACTIONS.homeThemeSort, options: sorts, initial_option: v.sort === "value" ? sorts[1]! : sorts[0]! },
        }
      : section(`*${title}*`),
  ];
  if (v.themes.length === 0) blocks.push(section(t("work.themes.empty")));
  const f = formatters(t);
  for (const th of v.themes) {
    const theme = escapeMrkdwn(clip(th.name, 100));
    const facts = [t("work.themes.line", { theme, status: themeStatusLabel(t, th.status), customers: th.customers, voices: th.voices, open: th.open })];
    if (th.value !== null) facts[0] += t("work.themes.value", { value: f.money(th.value) });
    if (th.resolution) facts.push(t("work.themes.resolution", { resolution: escapeMrkdwn(clip(th.resolution, 300)) }));
    if (th.link) facts.push(t("work.message.link", { link: escapeMrkdwn(clip(th.link, 500)) }));
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: facts.join("\n") },
      accessory: { type: "button", action_id: ACTIONS.themeOpen, text: plain(t("work.themes.button")), value: th.name },
    });
  }
  const notes = [...(v.more ? [t("work.themes.more")] : []), ...(v.footer ?? [])];
  if (notes.length) blocks.push(context(...notes));
  return { text: title, blocks };
}
