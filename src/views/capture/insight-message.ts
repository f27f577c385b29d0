import type { KnownBlock } from "@slack/types";
import type { Translate } from "../../i18n/index.js";
import type { TeamName } from "../../domain/capture/vocabulary.js";
import type { InsightWork } from "../../domain/work/insight-work.js";
import { ACTIONS } from "../../slack-ids.js";
import { context, escapeMrkdwn, personName, plain } from "../blocks.js";
import { headerOrSection, longSections } from "../long-text.js";
import { insightWorkBlocks } from "../work/insight-work-blocks.js";

export interface InsightView extends InsightWork {
  id: string;
  customer: string;
  source: string;
  sentiment: string;
  themes: string[];
  quote: string;
  context: string | null;
  teams: string[];
  authorId: string;
  messagePermalink: string | null;
  messageAuthorId: string | null;
  /** The imported customer the voice is linked to and their state at capture (snapshot-customer.ts); null: typed. */
  customerId?: bigint | null;
  customerSegment?: string | null;
  customerActive?: boolean | null;
  customerRevenue?: { toNumber(): number } | null;
  customerPAlive?: number | null;
  customerExpectedClv?: number | null;
  /** Supporting evidence added with "same as this one". */
  evidenceCount?: number;
}

const SENTIMENT_EMOJI: Record<string, string> = { positive: "🟢", neutral: "⚪", negative: "🔴" };

/** Names teams in the reader's language: "Product and Support". */
export const teamList = (t: Translate, teams: readonly string[]) => teams.map((team) => t(`team.${team as TeamName}`)).join(t("word.and"));

/**
 * The message posted to a team channel for one customer voice; colleagues react to it to rate it, and set its
 * follow-up (status, owner, link) from its controls. Posted once and updated (chat.update) on every change. The
 * person who logged it and the original message's author are named by `names` (user id -> Slack name), not
 * mentioned: a channel post would notify them every time.
 */
export function insightMessage(t: Translate, i: InsightView, names: ReadonlyMap<string, string>): { text: string; blocks: KnownBlock[] } {
  const person = (id: string) => personName({ id, name: names.get(id) });
  const sentiment = t(`sentiment.${i.sentiment as "positive"}`);
  const blocks: KnownBlock[] = [
    // Text already escaped (Slack renders entities in plain_text too); a header too long becomes a section.
    headerOrSection(`${SENTIMENT_EMOJI[i.sentiment] ?? ""} ${t("insight.message.header", { sentiment, customer: escapeMrkdwn(i.customer) })}`.trim(), (x) => x),
    // Escaping and quote prefixes make the words longer than typed: split, never cut.
    ...longSections(escapeMrkdwn(i.quote), { quoted: true }),
  ];
  if (i.context) blocks.push(...longSections(escapeMrkdwn(i.context), { heading: `*${t("insight.message.context")}*` }));
  const meta = [
    t("insight.message.meta", {
      source: t(`source.${i.source as "call"}`),
      author: person(i.authorId),
      teams: teamList(t, i.teams),
    }),
  ];
  if (i.themes.length) meta.push(t("insight.message.themes", { themes: i.themes.map((th) => `\`${escapeMrkdwn(th)}\``).join(" ") }));
  if (i.messagePermalink && i.messageAuthorId) {
    meta.push(t("insight.message.original", { link: i.messagePermalink, author: person(i.messageAuthorId) }));
  }
  blocks.push(context(...meta));
  const [customerState, linkButton] = customerBlocks(t, i);
  blocks.push(customerState!);
  blocks.push(...insightWorkBlocks(t, i.id, i));
  if (linkButton) blocks.push(linkButton);
  return { text: t("insight.message.fallback", { customer: escapeMrkdwn(i.customer), sentiment }), blocks };
}

/** `${CUSTOMER_BLOCK}:<insightId>`: the link-to-customer button of a voice whose customer was typed. */
export const CUSTOMER_BLOCK = "insight_customer";

/** The customer's state at capture and the evidence count; for a typed customer, the button that links it later. */
function customerBlocks(t: Translate, i: InsightView): KnownBlock[] {
  const lines =
    i.customerId != null
      ? [
          t("capture.snapshot.line", {
            segment: i.customerSegment ? escapeMrkdwn(i.customerSegment) : null,
            active: i.customerActive ?? null,
            revenue: i.customerRevenue != null ? i.customerRevenue.toNumber() : null,
            pAlive: i.customerPAlive ?? null,
            clv: i.customerExpectedClv ?? null,
          }),
        ]
      : [t("capture.snapshot.unlinked")];
  if (i.evidenceCount) lines.push(t("capture.evidence.count", { count: i.evidenceCount }));
  const blocks: KnownBlock[] = [context(...lines)];
  if (i.customerId == null) {
    blocks.push({
      type: "actions",
      block_id: `${CUSTOMER_BLOCK}:${i.id}`,
      elements: [{ type: "button", action_id: ACTIONS.insightLinkCustomer, text: plain(t("capture.button.linkCustomer")), value: i.id }],
    });
  }
  return blocks;
}
