import { hostname } from "node:os";
import type { Locale } from "../../config.js";
import { translator } from "../../i18n/index.js";
import type { LoopClosure } from "../../generated/prisma/client.js";
import { loopClosureMessage } from "../../views/work/loop-closure-message.js";
import { standingOf } from "../access/check-access.js";
import { slackErrorCode } from "../slack/slack-error.js";
import type { UserDirectory } from "../slack/user-directory.js";
import type { SlackScope } from "../types.js";
import { loopClosureMetadata } from "./recover-loop-closures.js";

/** Sending attempts before a DM is given up (status failed). */
const MAX_ATTEMPTS = 5;
/** DMs claimed per call; the rest wait for the next call (the sweeper runs every minute). */
export const LOOP_CLOSURE_BATCH = 100;

export interface DeliverLoopClosuresOptions extends Omit<SlackScope, "teamId"> {
  /** Only this workspace's DMs; every workspace's when left out (the sweeping job). */
  teamId?: string | undefined;
  /** Only rows queued before this instant (the sweeper leaves the newest to the request that queued them). */
  queuedBefore?: Date | undefined;
  users: UserDirectory;
  defaultLocale: Locale;
  now: Date;
  /** Names the replica in claimedBy. */
  instanceId?: string;
}

export interface DeliverLoopClosuresResult {
  sent: number;
  skipped: number;
  retrying: number;
  failed: number;
}

const DEFAULT_INSTANCE = `${hostname()}:${process.pid}`;

/**
 * Sends the close-the-loop DMs that are owed (queued by the change that resolved the voices). Each pending row is
 * claimed by one UPDATE before anything is sent, so two replicas (or a retried request) never send one twice.
 * Nobody who left the workspace (users.info deleted), is a guest, or belongs to another organisation gets one: the
 * row says why (skipped). A Slack failure puts the row back for a later call, MAX_ATTEMPTS times at most.
 * Never throws for one DM; customer words never reach the log.
 */
export async function deliverLoopClosures(opts: DeliverLoopClosuresOptions): Promise<DeliverLoopClosuresResult> {
  const { db, log, now } = opts;
  const holder = opts.instanceId ?? DEFAULT_INSTANCE;
  const result: DeliverLoopClosuresResult = { sent: 0, skipped: 0, retrying: 0, failed: 0 };
  const ids = await db.$queryRaw<{ id: string }[]>`
    UPDATE "LoopClosure" SET status = 'sending', "claimedBy" = ${holder}, "claimedAt" = ${now}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM "LoopClosure"
      WHERE status = 'pending' AND (${opts.teamId ?? null}::text IS NULL OR "teamId" = ${opts.teamId ?? null}::text)
        AND (${opts.queuedBefore ?? null}::timestamptz IS NULL OR "createdAt" < ${opts.queuedBefore ?? null}::timestamptz)
      ORDER BY "createdAt", id LIMIT ${LOOP_CLOSURE_BATCH}
      FOR UPDATE SKIP LOCKED)
    AND status = 'pending'
    RETURNING id::text AS id`;
  const claimed = ids.length ? await db.loopClosure.findMany({ where: { id: { in: ids.map((r) => r.id) } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }) : [];
  for (const row of claimed) {
    const outcome = await deliverOne(opts, row).catch((e: unknown) => {
      log.warn({ teamId: row.teamId, loopClosureId: row.id, attempt: row.attempts, reason: slackErrorCode(e) }, "close-the-loop DM failed");
      return row.attempts >= MAX_ATTEMPTS ? ("failed" as const) : ("retrying" as const);
    });
    result[outcome] += 1;
    if (outcome === "retrying" || outcome === "failed") {
      await db.loopClosure.update({ where: { id: row.id }, data: { status: outcome === "failed" ? "failed" : "pending" } });
    }
  }
  return result;
}

async function deliverOne(opts: DeliverLoopClosuresOptions, row: LoopClosure): Promise<"sent" | "skipped"> {
  const { db, client, users } = opts;
  const skip = async (reason: string) => {
    await db.loopClosure.update({ where: { id: row.id }, data: { status: "skipped", skipReason: reason } });
    return "skipped" as const;
  };
  // Asked fresh: someone deactivated a minute ago must not get the DM.
  const user = await users.refresh(row.teamId, row.recipientId);
  if (user.deleted) return skip("left");
  if (!user.known) throw new Error("users.info failed");
  const standing = standingOf(user, row.teamId);
  if (standing !== "member") return skip(standing);
  const insights = await db.insight.findMany({
    where: { teamId: row.teamId, id: { in: row.insightIds }, hiddenAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, customer: true, quote: true, resolution: true, link: true },
  });
  if (insights.length === 0) return skip("hidden");
  const t = translator(user.locale ?? opts.defaultLocale);
  const message = loopClosureMessage(t, { closureId: row.id, themeName: row.themeName, resolution: row.resolution, insights, told: null });
  const res = await client.chat.postMessage({
    channel: row.recipientId,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
    metadata: loopClosureMetadata(row.id),
  });
  await db.loopClosure.update({ where: { id: row.id }, data: { status: "sent", sentAt: opts.now, channelId: res.channel ?? row.recipientId, messageTs: res.ts ?? null } });
  return "sent";
}
