import type { ModalView } from "@slack/types";
import { MAX_POINTS } from "../../domain/ratings/scale.js";
import type { Translate } from "../../i18n/index.js";
import { HOME_SCALE_FIELDS as F, HOME_VIEWS } from "../../slack-ids.js";
import { formModal, plain, section } from "../blocks.js";

/** The small modal an admin opens from Home to give an emoji points (0 takes it off the scale). */
export function ratingScaleModal(t: Translate): ModalView {
  return formModal({
    callbackId: HOME_VIEWS.ratingScale,
    title: t("homeTab.scale.title"),
    submit: t("homeTab.scale.submit"),
    close: t("homeTab.scale.cancel"),
    blocks: [
      {
        type: "input",
        block_id: F.emoji,
        label: plain(t("homeTab.scale.emoji")),
        element: { type: "plain_text_input", action_id: F.emoji, max_length: 100, placeholder: plain(t("homeTab.scale.emojiPlaceholder")) },
      },
      {
        type: "input",
        block_id: F.points,
        label: plain(t("homeTab.scale.points")),
        element: { type: "number_input", action_id: F.points, is_decimal_allowed: false, min_value: "0", max_value: String(MAX_POINTS) },
      },
    ],
  });
}

/** Told to a non-admin who used a settings control (Home has no ephemeral messages). */
export function refusedModal(t: Translate): ModalView {
  return { type: "modal", title: plain(t("homeTab.settings.title")), close: plain(t("homeTab.scale.cancel")), blocks: [section(t("homeTab.admin.refused"))] };
}
