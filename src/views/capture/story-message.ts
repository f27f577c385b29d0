import type { KnownBlock } from "@slack/types";
import type { Translate } from "../../i18n/index.js";
import { context, escapeMrkdwn, personName } from "../blocks.js";
import { headerOrSection, longSections } from "../long-text.js";

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
    headerOrSection(`${icon} ${escapeMrkdwn(s.title)}`, (x) => x),
    context(`*${kindLabel}*`),
    // Escaping makes the words longer than typed: split across blocks, never cut.
    ...longSections(escapeMrkdwn(s.happened), { heading: `*${t("story.message.happened")}*` }),
    ...longSections(escapeMrkdwn(s.learned), { heading: `*${t("story.message.learned")}*` }),
  ];
  const meta: string[] = [];
  if (s.customer) meta.push(t("story.message.customer", { customer: escapeMrkdwn(s.customer) }));
  const impact = s.metricImpact ? t("story.message.impact", { impact: escapeMrkdwn(s.metricImpact) }) : null;
  // A context element holds 2,000 characters; an impact that escapes longer gets a section of its own.
  if (impact && impact.length > 2000) blocks.push(...longSections(impact));
  else if (impact) meta.push(impact);
  meta.push(t("story.message.by", { author: personName({ id: s.authorId, name: names.get(s.authorId) }) }));
  blocks.push(context(...meta));
  return { text: t("story.message.fallback", { kind: kindLabel, title: escapeMrkdwn(s.title) }), blocks };
}
