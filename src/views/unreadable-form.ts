import type { ModalView } from "@slack/types";
import type { Translate } from "../i18n/index.js";
import { plain, section } from "./blocks.js";

/** Replaces a submitted modal whose content could not be read: says so, and that nothing was saved. */
export function unreadableFormView(t: Translate): ModalView {
  return {
    type: "modal",
    title: plain(t("form.unreadable.title")),
    close: plain(t("form.unreadable.close")),
    blocks: [section(t("form.unreadable.body"))],
  };
}
