import type { ModalView } from "@slack/types";
import { LIMITS, STORY_KINDS } from "../../domain/capture/vocabulary.js";
import type { Translate } from "../../i18n/index.js";
import { STORY_FIELDS as F, VIEWS } from "../../slack-ids.js";
import { formModal, option, plain } from "../blocks.js";

export interface StoryModalMeta {
  channelId?: string | undefined;
}

/**
 * The win/failure form. When the workspace has no stories channel and the form was not opened from a
 * channel (global shortcut), it asks where to post.
 */
export function storyModal(t: Translate, opts: { meta: StoryModalMeta; askChannel: boolean }): ModalView {
  const text = (id: string, label: string, max: number, multiline: boolean, optional = false, placeholder?: string) => ({
    type: "input" as const,
    block_id: id,
    optional,
    label: plain(label),
    element: {
      type: "plain_text_input" as const,
      action_id: id,
      multiline,
      max_length: max,
      ...(placeholder ? { placeholder: plain(placeholder) } : {}),
    },
  });
  return formModal({
    callbackId: VIEWS.story,
    metadata: opts.meta,
    title: t("story.modal.title"),
    submit: t("story.modal.submit"),
    close: t("insight.modal.cancel"),
    blocks: [
      {
        type: "input",
        block_id: F.kind,
        label: plain(t("story.field.kind")),
        element: {
          type: "radio_buttons",
          action_id: F.kind,
          options: STORY_KINDS.map((k) => option(t(`story.kind.${k}`), k)),
        },
      },
      text(F.title, t("story.field.title"), LIMITS.storyTitle, false),
      text(F.happened, t("story.field.happened"), LIMITS.storyText, true),
      text(F.learned, t("story.field.learned"), LIMITS.storyText, true),
      text(F.customer, t("story.field.customer"), LIMITS.customer, false, true),
      text(F.metricImpact, t("story.field.metricImpact"), LIMITS.metricImpact, false, true, t("story.field.metricImpact.placeholder")),
      ...(opts.askChannel
        ? [
            {
              type: "input" as const,
              block_id: F.channel,
              label: plain(t("story.field.channel")),
              element: { type: "conversations_select" as const, action_id: F.channel, filter: { include: ["public" as const, "private" as const], exclude_bot_users: true } },
            },
          ]
        : []),
    ],
  });
}
