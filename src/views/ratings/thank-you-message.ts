import type { KnownBlock } from "@slack/types";
import type { Translate } from "../../i18n/index.js";
import { escapeMrkdwn, section } from "../blocks.js";

/** The thank-you the bot posts in a story's thread when it reaches the recognition threshold. */
export function thankYouMessage(t: Translate, s: { authorId: string; title: string; points: number; storyKind: string | null }): { text: string; blocks: KnownBlock[] } {
  const text =
    s.storyKind === "failure"
      ? t("ratings.thanks.failure", { author: s.authorId, points: s.points, title: escapeMrkdwn(s.title) })
      : t("ratings.thanks.win", { author: s.authorId, points: s.points, title: escapeMrkdwn(s.title) });
  return { text, blocks: [section(text)] };
}
