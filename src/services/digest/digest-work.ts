import type { WebClient } from "@slack/web-api";
import type { Db } from "../../db/client.js";
import type { DigestRun, DigestSubscription } from "../../generated/prisma/client.js";
import type { Log } from "../../log.js";

/** What one pass of the digest scheduler works with: who it is, its clock and its limits. */
export interface DigestRunOptions {
  db: Db;
  client: WebClient;
  /** The scheduler's clock: what is due, what is late. Tests pass any instant. */
  now: Date;
  /** This replica's name in the lease and the ledger. */
  instanceId: string;
  log: Log;
  /** Runs older than this are skipped (and logged, and recorded) instead of posted late. */
  maxLateHours: number;
  /** A claim this old, never finished, belongs to a replica that stopped: recover it. */
  staleClaimMs?: number;
  /** Tries per run (first post plus retries after failures). */
  maxAttempts?: number;
  /** Runs processed at once. */
  concurrency?: number;
  /** Gap between two posts to one channel: Slack allows about one message per second per channel. */
  channelSpacingMs?: number;
  /** Test seam: called after Slack accepted a digest and before the ledger records it. */
  afterPost?: (run: DigestRun) => Promise<void> | void;
}

export interface DigestTickResult {
  leader: boolean;
  posted: number;
  recovered: number;
  skipped: number;
  failed: number;
  paused: number;
}

/** A run posted more than this after its time says it is late. */
export const LATE_AFTER_MS = 10 * 60_000;

/** A claimed run of a subscription; `recovering` when another replica claimed it first and stopped. */
export type DigestWork = { run: DigestRun; sub: DigestSubscription; recovering: boolean };
