import { randomUUID } from "node:crypto";
import type { Db } from "../../src/db/client.js";
import { eventCallback } from "../slack/payloads.js";

export const BOT_USER = "UBOT0000001";

let tsCounter = 1_700_100_000_000;
/** A message ts no other test uses. */
export const newTs = () => {
  tsCounter += 1;
  return `${Math.floor(tsCounter / 1000)}.${String(tsCounter % 1000).padStart(6, "0")}`;
};

/** A `reaction_added` / `reaction_removed` envelope as Slack sends it. */
export function reactionEvent(teamId: string, o: { added?: boolean; user: string; reaction: string; channel: string; ts: string; itemUser?: string }, eventId?: string) {
  return eventCallback(
    teamId,
    {
      type: o.added === false ? "reaction_removed" : "reaction_added",
      user: o.user,
      reaction: o.reaction,
      item_user: o.itemUser ?? BOT_USER,
      item: { type: "message", channel: o.channel, ts: o.ts },
    },
    eventId ? { eventId } : {},
  );
}

/** A story the bot posted: the Story row and its PostedMessage, as publishStory leaves them. */
export async function seedStory(db: Db, teamId: string, o: { authorId?: string; kind?: "win" | "failure"; title?: string; channelId?: string; ts?: string; postedAt?: Date }) {
  const story = await db.story.create({
    data: { teamId, sourceKey: randomUUID(), kind: o.kind ?? "win", title: o.title ?? "Saved the Acme renewal", happened: "h", learned: "l", authorId: o.authorId ?? "U0AUTHOR" },
  });
  const msg = await db.postedMessage.create({
    data: {
      teamId,
      channelId: o.channelId ?? "C0STORIES",
      ts: o.ts ?? newTs(),
      kind: "story",
      storyId: story.id,
      authorId: story.authorId,
      ...(o.postedAt ? { postedAt: o.postedAt } : {}),
    },
  });
  return { story, channelId: msg.channelId, ts: msg.ts };
}

/** An insight the bot posted in one channel. */
export async function seedInsight(db: Db, teamId: string, o: { authorId?: string; customer?: string; quote?: string; channelId?: string; ts?: string; postedAt?: Date }) {
  const insight = await db.insight.create({
    data: {
      teamId,
      sourceKey: randomUUID(),
      customer: o.customer ?? "Acme",
      source: "call",
      sentiment: "negative",
      themes: [],
      quote: o.quote ?? "Too slow",
      teams: ["product"],
      authorId: o.authorId ?? "U0AUTHOR",
      searchText: "x",
    },
  });
  const msg = await db.postedMessage.create({
    data: {
      teamId,
      channelId: o.channelId ?? "C0PRODUCT",
      ts: o.ts ?? newTs(),
      kind: "insight",
      insightId: insight.id,
      authorId: insight.authorId,
      ...(o.postedAt ? { postedAt: o.postedAt } : {}),
    },
  });
  return { insight, channelId: msg.channelId, ts: msg.ts };
}
