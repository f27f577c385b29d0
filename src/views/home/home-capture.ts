import type { KnownBlock } from "@slack/types";
import type { Translate } from "../../i18n/index.js";
import { ACTIONS } from "../../slack-ids.js";
import { context, header, plain } from "../blocks.js";

/** The buttons to log an insight or share a story, with one line on what happens to them, under the Home title. Pure; 3 blocks. */
export function homeCaptureBlocks(t: Translate): KnownBlock[] {
  return [
    header(t("homeTab.title")),
    {
      type: "actions",
      block_id: "home_capture",
      elements: [
        { type: "button", action_id: ACTIONS.openInsightModal, style: "primary", text: plain(t("homeTab.logInsight")), value: "insight" },
        { type: "button", action_id: ACTIONS.openStoryModal, text: plain(t("homeTab.shareStory")), value: "story" },
      ],
    },
    context(t("homeTab.intro")),
  ];
}
