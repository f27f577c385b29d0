import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { splitText } from "./long-text.js";

/** Small helpers so view files read like the message they build. Text here is already translated. */
export const plain = (text: string, emoji = true) => ({ type: "plain_text" as const, text, emoji });
export const mrkdwn = (text: string) => ({ type: "mrkdwn" as const, text });
export const header = (text: string): KnownBlock => ({ type: "header", text: plain(clipMarkup(text, 150)) });
export const section = (text: string): KnownBlock => ({ type: "section", text: mrkdwn(clipMarkup(text, 3000)) });
export const context = (...texts: string[]): KnownBlock => ({
  type: "context",
  elements: texts.slice(0, 10).map((t) => mrkdwn(clipMarkup(t, 2000))),
});
export const divider = (): KnownBlock => ({ type: "divider" });
export const option = (text: string, value: string): PlainTextOption => ({ text: plain(clip(text, 75)), value });

/**
 * A form modal as ours read: its callback id, translated title, submit and close labels, its blocks, and `metadata`
 * kept as JSON in private_metadata when given (what the submission needs to know besides the values).
 */
export function formModal(m: { callbackId: string; metadata?: unknown; title: string; submit: string; close: string; blocks: ModalView["blocks"] }): ModalView {
  return {
    type: "modal",
    callback_id: m.callbackId,
    ...(m.metadata === undefined ? {} : { private_metadata: JSON.stringify(m.metadata) }),
    title: plain(m.title),
    submit: plain(m.submit),
    close: plain(m.close),
    blocks: m.blocks,
  };
}

/** Cuts display text that is ours to shorten (labels, previews), marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The last guard of `header`, `section` and `context`: text past the field's limit ends with "…" at a word or
 * character boundary, never inside an escape (`&amp;`) or a reference (`<@U1>`). Views whose text can grow past a
 * limit with user data split it instead (views/long-text.ts); reaching this cut is a view's bug, never silent data
 * loss in storage.
 */
export function clipMarkup(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${splitText(text, max - 1)[0]}…`;
}

/** Quotes text in mrkdwn so every line shows as a quote. */
export const quoteLines = (text: string) =>
  text
    .split("\n")
    .map((l) => `> ${l}`)
    .join("\n");

/**
 * Escapes the three characters Slack treats as control characters in every text object and in a message's `text`.
 * The one helper for every user-supplied string (customer names, quotes, titles, segments, themes) on every
 * surface, so `<!channel>` or `<@U123>` typed by someone reaches Slack as text, never as a mention or link.
 */
export const escapeMrkdwn = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Someone a post names: their Slack id and, when it could be looked up, their name. */
export interface PersonRef {
  id: string;
  name?: string | undefined;
}

/**
 * Names a person without notifying them: their name as plain text. Only an unknown name falls back to a
 * mention, which Slack shows as the name (and notifies). Posts that want attention (thanks) mention instead.
 */
export const personName = (p: PersonRef) => (p.name ? escapeMrkdwn(p.name) : `<@${p.id}>`);

/**
 * A day as Slack shows it to each reader, in their own time zone and language (`<!date^…^{date_short}|…>`); the
 * fallback, for clients that cannot render it, is the UTC day.
 */
export const slackDate = (at: Date): string => `<!date^${Math.floor(at.getTime() / 1000)}^{date_short}|${at.toISOString().slice(0, 10)}>`;
