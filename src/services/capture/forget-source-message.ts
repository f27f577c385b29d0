import type { TeamScope } from "../types.js";

const CHANNEL = /^[CDG][A-Z0-9]+$/;
const TS = /^(\d+)\.(\d+)$/;

/**
 * The message an insight was saved from was deleted in Slack: the insight keeps the customer's words (they
 * were saved on purpose) but forgets the link to the message and who wrote it. The link is matched on the
 * permalink's path (`/archives/<channel>/p<ts without the dot>`, optionally followed by a query string for
 * thread replies). Returns how many insights changed; 0 for an id that is not a Slack channel/ts.
 */
export async function forgetSourceMessage({ db, teamId }: TeamScope, opts: { channelId: string; ts: string }): Promise<number> {
  const ts = TS.exec(opts.ts);
  if (!CHANNEL.test(opts.channelId) || !ts) return 0;
  const path = `/archives/${opts.channelId}/p${ts[1]}${ts[2]}`;
  return db.$executeRaw`
    update "Insight" set "messagePermalink" = null, "messageAuthorId" = null
     where "teamId" = ${teamId} and "messagePermalink" is not null
       and (right("messagePermalink", ${path.length}) = ${path} or strpos("messagePermalink", ${`${path}?`}) > 0)`;
}
