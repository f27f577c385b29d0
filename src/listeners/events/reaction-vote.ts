import { z } from "zod";
import type { VoteRecorder } from "../../services/ratings/record-votes.js";

/**
 * What the vote listener reads: Bolt's listener arguments have this shape, and so does the HTTP early-ack
 * lane (src/http/slack-events.ts), which calls the listener without Bolt's per-event dispatch.
 */
export interface ReactionArgs {
  event: { item_user?: string | undefined; event_ts?: string | undefined };
  body: unknown;
  context: { botUserId?: string | undefined; teamId?: string | undefined };
}

const ZReaction = z.object({
  user: z.string().min(1),
  reaction: z.string().min(1).max(200),
  item: z.object({ type: z.literal("message"), channel: z.string().min(1), ts: z.string().min(1) }),
});

/**
 * `reaction_added` / `reaction_removed`: a vote when the reacted message is one the bot posted
 * (`item_user` is the bot's own user id); anything else returns before touching the database. Votes are
 * stored even when the post is not recorded yet (race with the post); whether it is a story, an insight
 * or the author's own reaction is decided when scores are read. Bolt has already acked the event.
 */
export function reactionVote(recorder: VoteRecorder, action: "add" | "remove") {
  return async ({ event, body, context }: ReactionArgs) => {
    if (!context.botUserId || !context.teamId || event.item_user !== context.botUserId) return;
    const parsed = ZReaction.safeParse(event);
    if (!parsed.success) return;
    const { user, reaction, item } = parsed.data;
    const eventId = (body as { event_id?: string }).event_id ?? `${action}:${item.channel}:${item.ts}:${user}:${reaction}:${event.event_ts}`;
    await recorder.record({ action, eventId, teamId: context.teamId, channelId: item.channel, ts: item.ts, voterId: user, emoji: reaction });
  };
}
