import type { View } from "@slack/types";
import type { Translate } from "../../i18n/index.js";
import { MAX_RESOLUTION_LENGTH, type InsightWork } from "../../domain/work/insight-work.js";
import { WORK_FIELDS_IDS, WORK_VIEWS } from "../../slack-ids.js";
import { formModal, plain } from "../blocks.js";

/**
 * The modal behind the "Link and resolution" button of a posted insight or an App Home voice; private_metadata is
 * `{"insightId":…}`, with `"fromHome":true` when opened from App Home.
 */
export function insightLinkModal(t: Translate, insightId: string, w: Pick<InsightWork, "link" | "resolution">, opts: { fromHome?: boolean } = {}): View {
  return formModal({
    callbackId: WORK_VIEWS.insightLink,
    metadata: opts.fromHome ? { insightId, fromHome: true } : { insightId },
    title: t("work.modal.title"),
    submit: t("work.modal.submit"),
    close: t("work.modal.cancel"),
    blocks: [
      {
        type: "input",
        block_id: WORK_FIELDS_IDS.link,
        optional: true,
        label: plain(t("work.field.link")),
        hint: plain(t("work.modal.link.hint")),
        element: { type: "url_text_input", action_id: WORK_FIELDS_IDS.link, ...(w.link ? { initial_value: w.link } : {}) },
      },
      {
        type: "input",
        block_id: WORK_FIELDS_IDS.resolution,
        optional: true,
        label: plain(t("work.field.resolution")),
        hint: plain(t("work.modal.resolution.hint")),
        element: { type: "plain_text_input", action_id: WORK_FIELDS_IDS.resolution, max_length: MAX_RESOLUTION_LENGTH, ...(w.resolution ? { initial_value: w.resolution } : {}) },
      },
    ],
  });
}
