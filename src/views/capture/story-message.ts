import type { KnownBlock } from "@slack/types";
import type { Translate } from "../../i18n/index.js";
import { context, escapeMrkdwn, header, personName, section } from "../blocks.js";

export interface StoryView {
  kind: string;
  title: string;
  happened: string;
  learned: string;
  customer: string | null;
  metricImpact: string | null;
  authorId: string;
}

/**
 * The posted story: the message colleagues react to. Failures are framed by what they taught. The author
 * is named by `names` (user id -> Slack name), not mentioned: the channel post would notify them.
 */
export function storyMessage(t: Translate, s: StoryView, names: ReadonlyMap<string, string>): { text: string; blocks: KnownBlock[] } {
  const kindLabel = s.kind === "failure" ? t("story.message.failure") : t("story.message.win");
  const icon = s.kind === "failure" ? "🧭" : "🏆";
  const blocks: KnownBlock[] = [
    header(`${icon} ${escapeMrkdwn(s.title)}`),
    context(`*${kindLabel}*`),
    section(`*${t("story.message.happened")}*\n${escapeMrkdwn(s.happened)}`),
    section(`*${t("story.message.learned")}*\n${escapeMrkdwn(s.learned)}`),
  ];
  const meta: string[] = [];
  if (s.customer) meta.push(t("story.message.customer", { customer: escapeMrkdwn(s.customer) }));
  if (s.metricImpact) meta.push(t("story.message.impact", { impact: escapeMrkdwn(s.metricImpact) }));
  meta.push(t("story.message.by", { author: personName({ id: s.authorId, name: names.get(s.authorId) }) }));
  blocks.push(context(...meta));
  return { text: t("story.message.fallback", { kind: kindLabel, title: escapeMrkdwn(s.title) }), blocks };
}
