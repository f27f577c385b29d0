import type { ModalView } from "@slack/types";
import type { Translate } from "../../i18n/index.js";
import { CAPTURE_VIEWS } from "../../slack-ids.js";
import { formModal } from "../blocks.js";
import { customerInput } from "./insight-modal.js";

/** What the link-to-customer modal carries: the voice, and the post it was opened from (updated after linking). */
export interface LinkCustomerMeta {
  insightId: string;
  channelId?: string | undefined;
}

/** "Link to customer": the customer picker alone, for a voice logged with a typed customer. */
export function linkCustomerModal(t: Translate, meta: LinkCustomerMeta): ModalView {
  return formModal({
    callbackId: CAPTURE_VIEWS.linkCustomer,
    metadata: meta,
    title: t("capture.link.modal.title"),
    submit: t("capture.link.modal.submit"),
    close: t("insight.modal.cancel"),
    blocks: [customerInput(t, t("capture.link.field"))],
  });
}
