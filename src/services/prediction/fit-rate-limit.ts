import type { TeamScope } from "../types.js";

const HOUR_MS = 3_600_000;

/** Workspaces with an API-started fit running in this process: a second one waits for it. */
const running = new Set<string>();
/** How long a caller waits when a fit of the workspace is still running here. */
const RUNNING_RETRY_SECONDS = 30;

/**
 * Runs `fit` unless the workspace already started `perHour` model fits in the last hour (every stored attempt
 * counts, whichever replica or job made it: the store is the shared ledger) or has one running in this process.
 * Returns `{ retryAfter }` (seconds) instead of running it.
 */
export async function withFitRateLimit<T>(
  { db, teamId }: TeamScope,
  opts: { now: Date; perHour: number },
  runFit: () => Promise<T>,
): Promise<{ result: T } | { retryAfter: number }> {
  if (running.has(teamId)) return { retryAfter: RUNNING_RETRY_SECONDS };
  const recent = await db.modelFit.findMany({
    where: { teamId, createdAt: { gt: new Date(opts.now.getTime() - HOUR_MS) } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
    take: opts.perHour,
  });
  if (recent.length >= opts.perHour) {
    // The window frees a slot when the oldest of the last `perHour` fits is an hour old.
    const freeAt = recent[recent.length - 1]!.createdAt.getTime() + HOUR_MS;
    return { retryAfter: Math.max(1, Math.ceil((freeAt - opts.now.getTime()) / 1000)) };
  }
  running.add(teamId);
  try {
    return { result: await runFit() };
  } finally {
    running.delete(teamId);
  }
}
