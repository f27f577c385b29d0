import type { KnownBlock } from "@slack/types";
import type { Translate } from "../../i18n/index.js";
import { ACTIONS } from "../../slack-ids.js";
import { clip, context, escapeMrkdwn, plain, section, slackDate } from "../blocks.js";
import type { DuplicateCandidate } from "./insight-modal.js";

/**
 * The private reply to a quick `/insight` that resembles voices already logged: each voice with a "Same as this
 * one" button, and "Log as a new voice". Each button's value is the draft (`draftValue`, the command's text and id,
 * see quick-insight-draft.ts) with the voice's id, so the click needs nothing stored in between.
 */
export function duplicateOffer(t: Translate, duplicates: readonly DuplicateCandidate[], buttonValue: (insightId: string | null) => string): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [section(t("capture.duplicates.intro"))];
  for (const d of duplicates.slice(0, 5)) {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: clip(`${escapeMrkdwn(d.customer)}\n> ${escapeMrkdwn(clip(d.quote.replace(/\s+/g, " "), 280))}`, 3000) },
      accessory: { type: "button", action_id: ACTIONS.captureSameAs, text: plain(t("capture.duplicates.same")), value: buttonValue(d.id) },
    });
    blocks.push(context(t("capture.duplicates.meta", { date: slackDate(d.createdAt), count: d.evidenceCount })));
  }
  blocks.push({
    type: "actions",
    elements: [{ type: "button", action_id: ACTIONS.captureLogNew, text: plain(t("capture.duplicates.logNew")), value: buttonValue(null) }],
  });
  return { text: t("capture.duplicates.intro"), blocks };
}
