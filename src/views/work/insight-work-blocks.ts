import type { KnownBlock } from "@slack/types";
import type { Translate } from "../../i18n/index.js";
import { INSIGHT_STATUSES, type InsightWork } from "../../domain/work/insight-work.js";
import { ACTIONS, INSIGHT_WORK_BLOCK } from "../../slack-ids.js";
import { context, escapeMrkdwn, option, plain } from "../blocks.js";

export const statusLabel = (t: Translate, status: string) => ((INSIGHT_STATUSES as readonly string[]).includes(status) ? t(`work.status.${status as "new"}`) : status);

/**
 * The follow-up part of a posted insight: its status, owner, link and resolution, and the controls that change
 * them (status menu, owner picker, link-and-resolution button). The block_id carries the insight's id.
 */
export function insightWorkBlocks(t: Translate, insightId: string, w: InsightWork): KnownBlock[] {
  const lines = [t("work.message.state", { status: statusLabel(t, w.status), owner: w.ownerId ? `<@${w.ownerId}>` : t("work.message.noOwner") })];
  if (w.link) lines.push(t("work.message.link", { link: escapeMrkdwn(w.link) }));
  if (w.resolution) lines.push(t("work.message.resolution", { resolution: escapeMrkdwn(w.resolution) }));
  const statusOptions = INSIGHT_STATUSES.map((s) => option(statusLabel(t, s), s));
  return [
    context(...lines),
    {
      type: "actions",
      block_id: `${INSIGHT_WORK_BLOCK}:${insightId}`,
      elements: [
        {
          type: "static_select",
          action_id: ACTIONS.insightStatus,
          placeholder: plain(t("work.button.status.placeholder")),
          options: statusOptions,
          initial_option: statusOptions.find((o) => o.value === w.status) ?? statusOptions[0]!,
        },
        {
          type: "users_select",
          action_id: ACTIONS.insightOwner,
          placeholder: plain(t("work.button.owner.placeholder")),
          ...(w.ownerId ? { initial_user: w.ownerId } : {}),
        },
        { type: "button", action_id: ACTIONS.insightLink, text: plain(t("work.button.link")), value: insightId },
      ],
    },
  ];
}
