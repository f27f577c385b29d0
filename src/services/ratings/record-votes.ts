import type { Db } from "../../db/client.js";
import { errorFields, type Log } from "../../log.js";

/** One reaction event on a message the bot posted, as it will be stored. */
export interface VoteEvent {
  action: "add" | "remove";
  eventId: string;
  teamId: string;
  channelId: string;
  ts: string;
  voterId: string;
  /** The reaction as Slack named it (skin tone included); the base emoji is taken at read time. */
  emoji: string;
}

/** A message that received at least one new vote in a batch. */
export interface VotedMessage {
  teamId: string;
  channelId: string;
  ts: string;
}

const MAX_BATCH = 500;
/**
 * How long the first queued event waits for others before a batch is written. A burst then becomes a few
 * large statements (about 0.2 ms per vote on PGlite at 200 a batch, 5 ms for a batch of one), which keeps
 * the event loop, and so the acks of the next events, free. Only storage waits; the ack is already sent.
 */
const LINGER_MS = 25;
const RETRY_DELAY_MS = 200;

/**
 * Stores reaction votes in batches: a burst of reactions becomes a few multi-row statements instead of
 * one round trip each, which keeps the event loop (and so the ack of the next events) free.
 *
 * Each event is stored at most once whatever Slack redelivers: its id goes into ProcessedEvent in the
 * same statement that adds or removes the vote, so a retried `reaction_added` arriving after the
 * `reaction_removed` does not bring the vote back. Vote's primary key (team, channel, ts, voter, emoji)
 * makes adding idempotent (`ON CONFLICT DO NOTHING`), never check-then-insert.
 *
 * Batches are written one at a time in arrival order, and within a batch adds and removes are applied as
 * consecutive runs in that order, so add-then-remove of the same reaction ends with no vote.
 */
export class VoteRecorder {
  private queue: { event: VoteEvent; done: Deferred<VotedMessage[]> }[] = [];
  private writing = false;

  /**
   * `afterBatch` runs once per stored batch that added votes (e.g. recognition); each event's promise
   * waits for it, but the next batch is written without waiting.
   */
  constructor(
    private readonly db: Db,
    private readonly log: Log,
    private readonly afterBatch?: (voted: VotedMessage[]) => Promise<void>,
  ) {}

  /**
   * Queues one vote event; resolves when its batch is stored, with the messages of that batch that got
   * new votes (for recognition). Rejects when the database failed twice for the batch.
   */
  record(event: VoteEvent): Promise<VotedMessage[]> {
    const done = deferred<VotedMessage[]>();
    this.queue.push({ event, done });
    if (!this.writing) {
      this.writing = true;
      setImmediate(() => void this.drain());
    }
    return done.promise;
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      // Events arriving during a write form the next batch; give a small one a moment to grow.
      if (this.queue.length < MAX_BATCH / 2) await new Promise((r) => setTimeout(r, LINGER_MS));
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const voted = await this.writeWithRetry(batch.map((b) => b.event));
        const after = voted.length && this.afterBatch ? this.afterBatch(voted).catch((e: unknown) => this.log.error({ err: errorFields(e) }, "after-vote work failed")) : undefined;
        for (const b of batch) b.done.resolve(after ? after.then(() => voted) : voted);
      } catch (e) {
        this.log.error({ err: errorFields(e), events: batch.length }, "storing votes failed");
        for (const b of batch) b.done.reject(e);
      }
    }
    this.writing = false;
  }

  private async writeWithRetry(events: VoteEvent[]): Promise<VotedMessage[]> {
    try {
      return await writeVotes(this.db, events);
    } catch (e) {
      this.log.warn({ err: errorFields(e), events: events.length }, "storing votes failed, retrying once");
      await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
      return writeVotes(this.db, events);
    }
  }
}

/**
 * Applies vote events in order (consecutive adds or removes as one statement each). Returns the
 * messages that got at least one new vote. Idempotent per event id.
 */
export async function writeVotes(db: Db, events: readonly VoteEvent[]): Promise<VotedMessage[]> {
  const voted = new Map<string, VotedMessage>();
  for (const run of runsOf(events)) {
    const cols = {
      team: run.events.map((e) => e.teamId),
      channel: run.events.map((e) => e.channelId),
      ts: run.events.map((e) => e.ts),
      voter: run.events.map((e) => e.voterId),
      emoji: run.events.map((e) => e.emoji),
      event: run.events.map((e) => e.eventId),
    };
    const args = [cols.team, cols.channel, cols.ts, cols.voter, cols.emoji, cols.event] as const;
    if (run.action === "add") {
      const rows = await db.$queryRawUnsafe<VotedMessage[]>(ADD_VOTES, ...args);
      for (const r of rows) voted.set(`${r.teamId}|${r.channelId}|${r.ts}`, { teamId: r.teamId, channelId: r.channelId, ts: r.ts });
    } else {
      await db.$executeRawUnsafe(REMOVE_VOTES, ...args);
    }
  }
  return [...voted.values()];
}

function runsOf(events: readonly VoteEvent[]): { action: VoteEvent["action"]; events: VoteEvent[] }[] {
  const runs: { action: VoteEvent["action"]; events: VoteEvent[] }[] = [];
  for (const e of events) {
    const last = runs.at(-1);
    if (last && last.action === e.action) last.events.push(e);
    else runs.push({ action: e.action, events: [e] });
  }
  return runs;
}

const INPUT = `input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
    AS i("teamId", "channelId", "ts", "voterId", "emoji", "eventId")
), fresh AS (
  INSERT INTO "ProcessedEvent" ("eventId", "teamId")
  SELECT DISTINCT "eventId", "teamId" FROM input
  ON CONFLICT ("eventId") DO NOTHING
  RETURNING "eventId"
)`;

const ADD_VOTES = `WITH ${INPUT}
INSERT INTO "Vote" ("teamId", "channelId", "ts", "voterId", "emoji", "eventId")
SELECT DISTINCT ON (i."teamId", i."channelId", i."ts", i."voterId", i."emoji") i."teamId", i."channelId", i."ts", i."voterId", i."emoji", i."eventId"
FROM input i JOIN fresh f ON f."eventId" = i."eventId"
ON CONFLICT DO NOTHING
RETURNING "teamId", "channelId", "ts"`;

const REMOVE_VOTES = `WITH ${INPUT}
DELETE FROM "Vote" v
USING input i JOIN fresh f ON f."eventId" = i."eventId"
WHERE v."teamId" = i."teamId" AND v."channelId" = i."channelId" AND v."ts" = i."ts"
  AND v."voterId" = i."voterId" AND v."emoji" = i."emoji"`;

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T | Promise<T>) => void;
  reject: (e: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T | Promise<T>) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A rejection is also reported through the listener; do not crash the process if nobody awaits it.
  promise.catch(() => {});
  return { promise, resolve, reject };
}
