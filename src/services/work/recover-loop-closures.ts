import type { WebClient } from "@slack/web-api";
import type { Db } from "../../db/client.js";
import type { Log } from "../../log.js";
import { slackErrorCode } from "../slack/slack-error.js";

/** Every close-the-loop DM carries its LoopClosure id in Slack message metadata under this event type. */
export const LOOP_CLOSURE_EVENT_TYPE = "retention_loop_closure";

/** The metadata a close-the-loop DM is posted with: its row's id, so the DM can be found again in the conversation. */
export const loopClosureMetadata = (closureId: string) => ({ event_type: LOOP_CLOSURE_EVENT_TYPE, event_payload: { closure_id: closureId } });

/**
 * Rows checked per call, oldest claim first. Apps outside the Slack Marketplace may be held to one
 * conversations.history call a minute per workspace, and the sweeper runs every minute.
 */
export const RECOVER_BATCH = 10;
const HISTORY_PAGES = 3;
/** Slack's clock and ours may differ a little: the DM is looked for from this long before the claim. */
const CLOCK_MARGIN_MS = 60_000;

export interface RecoverLoopClosuresResult {
  /** The DM was in the conversation: the row is sent, with that message. */
  confirmed: number;
  /** No such DM: the row is pending again, so the next delivery sends it. */
  requeued: number;
  /** The conversation could not be read (no im:history on an older install, Slack failing): the row is left as it was. */
  unknown: number;
}

/**
 * Rows a replica claimed and never finished (status `sending`, claimed before `claimedBefore`): the replica stopped
 * between claiming and recording, and Slack may or may not have the DM. chat.postMessage has no idempotency key, so
 * the bot reads its DM conversation with the recipient (conversations.open, then conversations.history with message
 * metadata; scope im:history) for the message marked with the row's id. Found: the row is sent. Not found: pending
 * again. Unreadable: left as it is, never sent twice blind. A row changes only while it still holds the claim that was
 * read, so replicas checking at once change it once. Logs ids and error codes, never who or what.
 */
export async function recoverLoopClosures(opts: { db: Db; client: WebClient; log: Log; claimedBefore: Date }): Promise<RecoverLoopClosuresResult> {
  const { db, client, log } = opts;
  const result: RecoverLoopClosuresResult = { confirmed: 0, requeued: 0, unknown: 0 };
  const rows = await db.loopClosure.findMany({
    where: { status: "sending", claimedAt: { lt: opts.claimedBefore } },
    orderBy: [{ claimedAt: "asc" }, { id: "asc" }],
    take: RECOVER_BATCH,
    select: { id: true, teamId: true, recipientId: true, claimedBy: true, claimedAt: true },
  });
  for (const row of rows) {
    const claimedAt = row.claimedAt as Date;
    let found: { channel: string; ts: string } | null;
    try {
      found = await findLoopClosureDm(client, { userId: row.recipientId, closureId: row.id, oldest: new Date(claimedAt.getTime() - CLOCK_MARGIN_MS) });
    } catch (e) {
      const reason = slackErrorCode(e);
      log.warn({ teamId: row.teamId, loopClosureId: row.id, reason }, "close-the-loop DM left by a stopped replica: its conversation could not be read");
      result.unknown += 1;
      // Without the scope every other row would fail the same way: try again on the next sweep.
      if (reason === "missing_scope" || reason === "not_allowed_token_type") {
        result.unknown += rows.length - rows.indexOf(row) - 1;
        break;
      }
      continue;
    }
    const stillClaimed = { id: row.id, status: "sending", claimedBy: row.claimedBy, claimedAt };
    const { count } = await db.loopClosure.updateMany({
      where: stillClaimed,
      // The DM went out during that claim; its ts says exactly when.
      data: found ? { status: "sent", sentAt: claimedAt, channelId: found.channel, messageTs: found.ts } : { status: "pending" },
    });
    if (count > 0) result[found ? "confirmed" : "requeued"] += 1;
  }
  return result;
}

/**
 * The DM to `userId` marked with `closureId`, posted since `oldest`, or null when the conversation has none. Reads up
 * to three pages; throws `history_too_long` when more follow, and Slack's error.
 */
async function findLoopClosureDm(client: WebClient, q: { userId: string; closureId: string; oldest: Date }): Promise<{ channel: string; ts: string } | null> {
  const open = await client.conversations.open({ users: q.userId });
  const channel = open.channel?.id;
  if (!channel) throw new Error("conversations.open answered no channel");
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const res = await client.conversations.history({
      channel,
      oldest: (q.oldest.getTime() / 1000).toFixed(6),
      limit: 100,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    for (const m of res.messages ?? []) {
      const meta = (m as { metadata?: { event_type?: string; event_payload?: { closure_id?: string } } }).metadata;
      if (meta?.event_type === LOOP_CLOSURE_EVENT_TYPE && meta.event_payload?.closure_id === q.closureId) return { channel, ts: m.ts ?? "" };
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) return null;
  }
  // Not in the pages read, but more follow: unknown, not absent (sending again could double it).
  throw Object.assign(new Error("the DM conversation is longer than the pages read"), { code: "history_too_long" });
}
