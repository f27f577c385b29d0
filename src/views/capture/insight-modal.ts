import type { KnownBlock, ModalView } from "@slack/types";
import { LIMITS, SENTIMENTS, SOURCES, TEAMS } from "../../domain/capture/vocabulary.js";
import type { Translate } from "../../i18n/index.js";
import { CAPTURE_FIELDS, INSIGHT_FIELDS as F, VIEWS } from "../../slack-ids.js";
import { formModal, clip, option, plain } from "../blocks.js";
import { splitText } from "../long-text.js";

export interface InsightModalMeta {
  channelId?: string | undefined;
  messagePermalink?: string | undefined;
  messageAuthorId?: string | undefined;
  /** Set once similar voices were offered (their ids): the next submission reads the choice instead of offering again. */
  offered?: string[] | undefined;
}

/** An existing voice offered as "same as this one?" (find-similar-insights.ts). */
export interface DuplicateCandidate {
  id: string;
  customer: string;
  quote: string;
  createdAt: Date;
  evidenceCount: number;
}

/** The customer picker: imported customers by name or id (options listener), or the typed text as written. */
export function customerPicker(t: Translate, actionId: string) {
  return {
    type: "external_select" as const,
    action_id: actionId,
    min_query_length: 3,
    placeholder: plain(t("capture.customer.placeholder")),
  };
}

/** The customer input block (picker and hint) under `label`: the insight form and "Link to customer" share it. */
export function customerInput(t: Translate, label: string): KnownBlock {
  return { type: "input", block_id: F.customer, label: plain(label), hint: plain(t("capture.customer.hint")), element: customerPicker(t, F.customer) };
}

/**
 * The insight form. Prefilled when saving a Slack message (the quote and its link). `themes` are the
 * workspace's existing themes, offered as suggestions; new ones are typed in a free field.
 */
export function insightModal(t: Translate, opts: { themes: string[]; prefillQuote?: string; meta: InsightModalMeta; duplicates?: readonly DuplicateCandidate[] }): ModalView {
  const themeOptions = opts.themes.slice(0, 100).map((th) => option(th, th));
  // A message longer than the field: copy whole words up to the limit and say so (the link keeps it all).
  const prefill = opts.prefillQuote ? splitText(opts.prefillQuote, LIMITS.quote)[0]! : undefined;
  const cut = opts.prefillQuote && prefill !== undefined && prefill.length < opts.prefillQuote.length;
  return formModal({
    callbackId: VIEWS.insight,
    metadata: opts.meta,
    title: t("insight.modal.title"),
    submit: t("insight.modal.submit"),
    close: t("insight.modal.cancel"),
    blocks: [
      customerInput(t, t("insight.field.customer")),
      {
        type: "input",
        block_id: F.source,
        label: plain(t("insight.field.source")),
        element: {
          type: "static_select",
          action_id: F.source,
          options: SOURCES.map((s) => option(t(`source.${s}`), s)),
        },
      },
      {
        type: "input",
        block_id: F.sentiment,
        label: plain(t("insight.field.sentiment")),
        element: {
          type: "radio_buttons",
          action_id: F.sentiment,
          initial_option: option(t("sentiment.neutral"), "neutral"),
          options: SENTIMENTS.map((s) => option(t(`sentiment.${s}`), s)),
        },
      },
      ...(themeOptions.length
        ? [
            {
              type: "input" as const,
              block_id: F.themesExisting,
              optional: true,
              label: plain(t("insight.field.themesExisting")),
              element: {
                type: "multi_static_select" as const,
                action_id: F.themesExisting,
                placeholder: plain(t("insight.field.themesExisting.placeholder")),
                options: themeOptions,
              },
            },
          ]
        : []),
      {
        type: "input",
        block_id: F.themesNew,
        optional: true,
        label: plain(t("insight.field.themesNew")),
        hint: plain(t("insight.field.themesNew.hint")),
        element: { type: "plain_text_input", action_id: F.themesNew, max_length: 500 },
      },
      {
        type: "input",
        block_id: F.quote,
        label: plain(t("insight.field.quote")),
        ...(cut ? { hint: plain(t("insight.field.quote.cut", { kept: prefill!.length, total: opts.prefillQuote!.length })) } : {}),
        element: {
          type: "plain_text_input",
          action_id: F.quote,
          multiline: true,
          max_length: LIMITS.quote,
          ...(prefill ? { initial_value: prefill } : {}),
        },
      },
      {
        type: "input",
        block_id: F.context,
        optional: true,
        label: plain(t("insight.field.context")),
        element: { type: "plain_text_input", action_id: F.context, multiline: true, max_length: LIMITS.context },
      },
      {
        type: "input",
        block_id: F.teams,
        label: plain(t("insight.field.teams")),
        element: {
          type: "checkboxes",
          action_id: F.teams,
          options: TEAMS.map((team) => option(t(`team.${team}`), team)),
        },
      },
      ...duplicateBlocks(t, opts.duplicates ?? []),
    ],
  });
}

/**
 * "Same as a voice already logged?": shown after a first submission found similar voices. Every other input keeps its
 * block and action id, so Slack keeps what was typed when the modal is updated with this block.
 */
function duplicateBlocks(t: Translate, duplicates: readonly DuplicateCandidate[]): KnownBlock[] {
  if (duplicates.length === 0) return [];
  const options = duplicates.slice(0, 9).map((d) => ({
    text: plain(clip(t("capture.duplicates.option", { customer: d.customer }), 75)),
    description: plain(clip(`“${d.quote.replace(/\s+/g, " ")}” · ${t("capture.duplicates.meta", { date: d.createdAt.toISOString().slice(0, 10), count: d.evidenceCount })}`, 75)),
    value: d.id,
  }));
  const keepNew = option(t("capture.duplicates.new"), "new");
  return [
    {
      type: "input",
      block_id: CAPTURE_FIELDS.duplicateOf,
      label: plain(t("capture.duplicates.label")),
      hint: plain(t("capture.duplicates.hint")),
      element: { type: "radio_buttons", action_id: CAPTURE_FIELDS.duplicateOf, options: [...options, keepNew], initial_option: keepNew },
    },
  ];
}
