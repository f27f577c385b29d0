import { revokeAllApiTokens } from "../api-tokens/api-tokens.js";
import type { TeamScope } from "../types.js";

/** The pause reason of digests stopped because the app left the workspace; reinstalling resumes only these. */
export const UNINSTALLED = "uninstalled";

const DAY_MS = 86_400_000;

/**
 * The app was uninstalled from the workspace, or its bot token revoked (Slack's app_uninstalled / tokens_revoked):
 * at once, its digests stop and its API tokens are revoked; its data is erased by the housekeeping job after
 * `graceDays` (ERASE_GRACE_DAYS). One transaction. A repeated event (Slack retries) keeps the first erase date.
 * Returns when the erase is due.
 */
export async function suspendWorkspace({ db, teamId }: TeamScope, opts: { now: Date; graceDays: number }): Promise<{ eraseAfter: Date; tokensRevoked: number }> {
  return db.$transaction(async (tx) => {
    const eraseAfter = new Date(opts.now.getTime() + opts.graceDays * DAY_MS);
    const existing = await tx.workspace.findUnique({ where: { teamId }, select: { eraseAfter: true } });
    const w = existing?.eraseAfter
      ? existing
      : await tx.workspace.upsert({
          where: { teamId },
          create: { teamId, uninstalledAt: opts.now, eraseAfter },
          update: { uninstalledAt: opts.now, eraseAfter },
          select: { eraseAfter: true },
        });
    await tx.digestSubscription.updateMany({ where: { teamId, pausedAt: null }, data: { pausedAt: opts.now, pauseReason: UNINSTALLED } });
    const tokensRevoked = await revokeAllApiTokens({ db: tx, teamId }, { now: opts.now });
    return { eraseAfter: w.eraseAfter!, tokensRevoked };
  });
}
