import type { ModalView } from "@slack/types";
import type { Translate } from "../../i18n/index.js";
import { CAPTURE_VIEWS } from "../../slack-ids.js";
import { plain } from "../blocks.js";
import { customerInput } from "./insight-modal.js";

/** What the link-to-customer modal carries: the voice, and the post it was opened from (updated after linking). */
export interface LinkCustomerMeta {
  insightId: string;
  channelId?: string | undefined;
}

/** "Link to customer": the customer picker alone, for a voice logged with a typed customer. */
export function linkCustomerModal(t: Translate, meta: LinkCustomerMeta): ModalView {
  return {
    type: "modal",
    callback_id: CAPTURE_VIEWS.linkCustomer,
    private_metadata: JSON.stringify(meta),
    title: plain(t("capture.link.modal.title")),
    submit: plain(t("capture.link.modal.submit")),
    close: plain(t("insight.modal.cancel")),
    blocks: [customerInput(t, t("capture.link.field"))],
  };
}
