import type { KnownBlock } from "@slack/types";
import type { Translate } from "../../i18n/index.js";
import { context, escapeMrkdwn, personName } from "../blocks.js";
import { longSections } from "../long-text.js";

/** Supporting evidence as the thread reply shows it. */
export interface EvidenceView {
  authorId: string;
  customer: string;
  quote: string;
}

/** The thread reply under a voice when someone adds "the same" from another customer: who, which customer, the words. */
export function evidenceThreadLine(t: Translate, e: EvidenceView, names: ReadonlyMap<string, string>): { text: string; blocks: KnownBlock[] } {
  const customer = escapeMrkdwn(e.customer);
  return {
    text: t("capture.evidence.fallback", { customer }),
    blocks: [
      context(t("capture.evidence.thread", { author: personName({ id: e.authorId, name: names.get(e.authorId) }), customer })),
      ...longSections(escapeMrkdwn(e.quote), { quoted: true }),
    ],
  };
}
