import type { KnownBlock } from "@slack/types";
import type { Translate } from "../../i18n/index.js";
import { ACTIONS } from "../../slack-ids.js";
import { clip, context, escapeMrkdwn, plain, quoteLines, section, slackDate } from "../blocks.js";

/** How many of the customers' words one DM quotes; the rest are counted. */
export const LOOP_DM_QUOTES = 10;

export interface LoopClosureView {
  closureId: string;
  /** Set when a theme was resolved (the DM names it); null for a single voice. */
  themeName: string | null;
  resolution: string | null;
  insights: readonly { customer: string; quote: string; resolution: string | null; link: string | null }[];
  /** "I told the customer" already pressed: when (the button is replaced by the date). */
  told: { at: Date } | null;
}

/** Slack shows the date in the reader's own time zone and language; the fallback is the UTC day. */

/**
 * The close-the-loop DM: what was resolved, the customers' words, the resolution (a single voice's own, else the
 * theme's), and an "I told the customer" button whose value is the LoopClosure id. Pure.
 */
export function loopClosureMessage(t: Translate, v: LoopClosureView): { text: string; blocks: KnownBlock[] } {
  const single = v.insights.length === 1 ? v.insights[0] : undefined;
  const resolution = v.resolution ?? single?.resolution ?? null;
  const link = single?.link ?? null;
  const title = v.themeName ? t("work.loop.dm.theme", { theme: escapeMrkdwn(v.themeName), count: v.insights.length }) : t("work.loop.dm.insight");
  const blocks: KnownBlock[] = [section(title)];
  for (const i of v.insights.slice(0, LOOP_DM_QUOTES)) {
    blocks.push(section(`*${escapeMrkdwn(clip(i.customer, 150))}*\n${quoteLines(escapeMrkdwn(clip(i.quote.trim(), 2500)))}`));
  }
  if (v.insights.length > LOOP_DM_QUOTES) blocks.push(context(t("work.loop.dm.more", { count: v.insights.length - LOOP_DM_QUOTES })));
  blocks.push(section(resolution ? t("work.message.resolution", { resolution: escapeMrkdwn(resolution) }) : t("work.loop.dm.noResolution")));
  if (link) blocks.push(context(t("work.message.link", { link: escapeMrkdwn(link) })));
  blocks.push(
    v.told
      ? context(t("work.loop.dm.told", { date: slackDate(v.told.at) }))
      : {
          type: "actions",
          block_id: "loop_closure",
          elements: [{ type: "button", action_id: ACTIONS.loopTold, style: "primary", text: plain(t("work.loop.dm.button")), value: v.closureId }],
        },
  );
  return { text: v.themeName ? t("work.loop.dm.themeFallback", { theme: escapeMrkdwn(v.themeName) }) : t("work.loop.dm.insightFallback"), blocks };
}
