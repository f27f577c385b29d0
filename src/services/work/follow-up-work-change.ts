import type { WebClient } from "@slack/web-api";
import type { Config } from "../../config.js";
import type { Db } from "../../db/client.js";
import type { FieldChange } from "../../domain/work/insight-work.js";
import type { Translate } from "../../i18n/index.js";
import type { Log } from "../../log.js";
import type { StoredInsight } from "../capture/log-insight.js";
import type { UserDirectory } from "../slack/user-directory.js";
import { announceInsightChange } from "./announce-insight-change.js";
import { deliverLoopClosures } from "./deliver-loop-closures.js";

/** What telling Slack about stored changes needs (listener and API deps both fit). */
export interface WorkFollowUpDeps {
  db: Db;
  log: Log;
  users: UserDirectory;
  channelT: Translate;
  config: Pick<Config, "DEFAULT_LOCALE">;
  now: () => Date;
}

/**
 * Tells Slack about changes already stored: one thread line and an updated post per changed insight (one after
 * the other, so a theme with many voices stays within Slack's rate limits; the Web API client waits out a 429's
 * Retry-After), then the close-the-loop DMs the changes queued. Never throws for a Slack failure.
 */
export async function followUpWorkChange(
  deps: WorkFollowUpDeps,
  client: WebClient,
  teamId: string,
  input: { items: readonly { insight: StoredInsight; changes: FieldChange[] }[]; actorId: string | null; theme?: string | undefined },
): Promise<void> {
  const scope = { db: deps.db, teamId, client, log: deps.log, t: deps.channelT };
  for (const item of input.items) await announceInsightChange(scope, { ...item, actorId: input.actorId, theme: input.theme });
  if (input.items.some((i) => i.changes.some((c) => c.field === "status" && c.to === "done"))) {
    await deliverLoopClosures({ db: deps.db, client, log: deps.log, teamId, users: deps.users, defaultLocale: deps.config.DEFAULT_LOCALE, now: deps.now() });
  }
}
