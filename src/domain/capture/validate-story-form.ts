import type { MessageKey } from "../../i18n/index.js";
import { STORY_FIELDS as F } from "../../slack-ids.js";
import { readConversation, readOption, readText, type ViewStateValues } from "./read-view-state.js";
import { storableText } from "../text/storable-text.js";
import type { StoryInput } from "./schemas.js";
import type { FieldErrors } from "./validate-insight-form.js";
import { LIMITS, STORY_KINDS, type StoryKind } from "./vocabulary.js";

/** Turns the story modal's state into a story (and the chosen channel, if asked), or field errors. */
export function validateStoryForm(
  values: ViewStateValues,
  extra: { authorId: string },
): { ok: true; input: StoryInput; channelId: string | undefined } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const kind = readOption(values, F.kind);
  const fields: [string, MessageKey, number, boolean][] = [
    [F.title, "story.field.title", LIMITS.storyTitle, true],
    [F.happened, "story.field.happened", LIMITS.storyText, true],
    [F.learned, "story.field.learned", LIMITS.storyText, true],
    [F.customer, "story.field.customer", LIMITS.customer, false],
    [F.metricImpact, "story.field.metricImpact", LIMITS.metricImpact, false],
  ];
  const text: Record<string, string> = {};
  for (const [id, label, max, required] of fields) {
    const v = readText(values, id);
    text[id] = v;
    if (required && !v) errors[id] = { key: "error.required" };
    else if (v.length > max) errors[id] = { key: "error.tooLong", params: { fieldKey: label, max, length: v.length } };
    else if (!storableText().safeParse(v).success) errors[id] = { key: "error.unstorableText" };
  }
  if (!kind || !(STORY_KINDS as readonly string[]).includes(kind)) errors[F.kind] = { key: "error.required" };
  const asked = values[F.channel] !== undefined;
  const channelId = readConversation(values, F.channel);
  if (asked && !channelId) errors[F.channel] = { key: "error.required" };
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    channelId,
    input: {
      kind: kind as StoryKind,
      title: text[F.title]!,
      happened: text[F.happened]!,
      learned: text[F.learned]!,
      customer: text[F.customer] || null,
      metricImpact: text[F.metricImpact] || null,
      authorId: extra.authorId,
    },
  };
}
