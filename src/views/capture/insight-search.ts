import type { KnownBlock } from "@slack/types";
import { SEARCH_MAX_WORDS } from "../../domain/capture/search-words.js";
import type { Translate } from "../../i18n/index.js";
import { ACTIONS } from "../../slack-ids.js";
import { clip, context, escapeMrkdwn, plain, section, slackDate } from "../blocks.js";
import { longSections } from "../long-text.js";
import type { InsightView } from "./insight-message.js";

/**
 * One page of `/insight search` results with previous/next buttons, saying so when words were left out. The
 * buttons carry `query` as searchInsights returned it (at most 500 characters without control characters: its JSON
 * stays within a button value's 2,000).
 */
export function insightSearchResults(
  t: Translate,
  r: { query: string; leftOut?: number; items: (InsightView & { createdAt: Date })[]; total: number; page: number; pages: number },
): { text: string; blocks: KnownBlock[] } {
  const cut = r.leftOut ? t("insight.search.wordsCut", { max: SEARCH_MAX_WORDS, count: r.leftOut }) : null;
  if (r.total === 0) {
    const text = t("insight.search.none", { query: r.query });
    return { text: cut ? `${text}\n${cut}` : text, blocks: [section(escapeMrkdwn(text)), ...(cut ? [context(cut)] : [])] };
  }
  const headerText = t("insight.search.header", { query: r.query, total: r.total, page: r.page + 1, pages: r.pages });
  const blocks: KnownBlock[] = [section(escapeMrkdwn(headerText)), ...(cut ? [context(cut)] : [])];
  for (const i of r.items) {
    // The preview grows when escaped (`&` is `&amp;`): split rather than cut it inside an escape.
    blocks.push(
      ...longSections(escapeMrkdwn(clip(i.quote, 600)), {
        heading: t("insight.search.item", { customer: escapeMrkdwn(i.customer), date: slackDate(i.createdAt), sentiment: t(`sentiment.${i.sentiment as "positive"}`) }),
        quoted: true,
      }),
    );
    if (i.themes.length) blocks.push(context(i.themes.map((th) => `\`${th}\``).join(" ")));
  }
  const buttons = [];
  if (r.page > 0) {
    buttons.push({ type: "button" as const, action_id: `${ACTIONS.searchPage}_prev`, text: plain(t("button.previous")), value: JSON.stringify({ q: r.query, p: r.page - 1 }) });
  }
  if (r.page + 1 < r.pages) {
    buttons.push({ type: "button" as const, action_id: `${ACTIONS.searchPage}_next`, text: plain(t("button.next")), value: JSON.stringify({ q: r.query, p: r.page + 1 }) });
  }
  if (buttons.length) blocks.push({ type: "actions", elements: buttons });
  return { text: cut ? `${headerText}\n${cut}` : headerText, blocks };
}
