import type { View } from "@slack/types";
import { MAX_RESOLUTION_LENGTH } from "../../domain/work/insight-work.js";
import type { Translate } from "../../i18n/index.js";
import { THEME_FIELDS_IDS, WORK_FIELDS_IDS, WORK_VIEWS } from "../../slack-ids.js";
import { formModal, clip, escapeMrkdwn, option, plain, section } from "../blocks.js";
import { type ThemeRow, themeStatusLabel } from "./theme-list-blocks.js";

/** What the theme modal can set: a theme is planned, done or won't do (the API can also reopen it). */
export const THEME_MODAL_STATUSES = ["planned", "done", "wont_do"] as const;

/** What the theme modal carries to its submission. */
export interface ThemeModalMeta {
  theme: string;
  fromHome: boolean;
}

/**
 * The theme modal (the Update button of a theme in App Home or `/insight themes`): status (planned, done, won't do),
 * a one-line resolution and an optional link, prefilled with the theme's own; the intro says how many open voices
 * follow. private_metadata is ThemeModalMeta as JSON. Pure.
 */
export function themeModal(t: Translate, th: Pick<ThemeRow, "name" | "status" | "resolution" | "link" | "open">, opts: { fromHome: boolean }): View {
  const options = THEME_MODAL_STATUSES.map((s) => option(themeStatusLabel(t, s), s));
  const initial = options.find((o) => o.value === th.status);
  const meta: ThemeModalMeta = { theme: th.name, fromHome: opts.fromHome };
  return formModal({
    callbackId: WORK_VIEWS.theme,
    metadata: meta,
    title: t("work.theme.modal.title"),
    submit: t("work.modal.submit"),
    close: t("work.modal.cancel"),
    blocks: [
      section(t("work.theme.modal.intro", { theme: escapeMrkdwn(clip(th.name, 100)), open: th.open })),
      {
        type: "input",
        block_id: THEME_FIELDS_IDS.status,
        label: plain(t("work.field.status")),
        element: { type: "static_select", action_id: THEME_FIELDS_IDS.status, options, ...(initial ? { initial_option: initial } : {}) },
      },
      {
        type: "input",
        block_id: WORK_FIELDS_IDS.resolution,
        optional: true,
        label: plain(t("work.field.resolution")),
        hint: plain(t("work.modal.resolution.hint")),
        element: { type: "plain_text_input", action_id: WORK_FIELDS_IDS.resolution, max_length: MAX_RESOLUTION_LENGTH, ...(th.resolution ? { initial_value: th.resolution } : {}) },
      },
      {
        type: "input",
        block_id: WORK_FIELDS_IDS.link,
        optional: true,
        label: plain(t("work.field.link")),
        hint: plain(t("work.modal.link.hint")),
        element: { type: "url_text_input", action_id: WORK_FIELDS_IDS.link, ...(th.link ? { initial_value: th.link } : {}) },
      },
    ],
  });
}

/** What the theme modal shows once saved: the theme's new status and how many voices followed, or that nothing changed. Pure. */
export function themeSavedModal(t: Translate, r: { theme: string; status: string; changed: boolean; followed: number }): View {
  const theme = escapeMrkdwn(clip(r.theme, 100));
  const status = themeStatusLabel(t, r.status);
  return {
    type: "modal",
    callback_id: WORK_VIEWS.theme,
    title: plain(t("work.theme.modal.title")),
    close: plain(t("work.theme.modal.close")),
    blocks: [section(r.changed ? t("work.theme.saved", { theme, status, count: r.followed }) : t("work.theme.unchanged", { theme, status }))],
  };
}
