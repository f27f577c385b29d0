import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import type { Translate } from "../i18n/index.js";
import type { Log } from "../log.js";
import type { UserDirectory } from "../services/slack/user-directory.js";
import type { UserGroupDirectory } from "../services/slack/user-groups.js";
import type { AlertRunner } from "../services/alerts/alert-runner.js";

/** What listeners get from main.ts: never Prisma queries of their own, only handed to services. */
export interface ListenerDeps {
  db: Db;
  log: Log;
  config: Config;
  users: UserDirectory;
  /** Members of the user group named as the bot's admins. */
  groups: UserGroupDirectory;
  now: () => Date;
  /** Text posted into shared channels is in the workspace default language (DEFAULT_LOCALE). */
  channelT: Translate;
  /** The workspace the bot token belongs to (auth.test, asked once): the default INGEST_TEAM_ID. */
  installedWorkspace?: () => Promise<{ teamId: string; teamName: string }>;
  /** Evaluates alerts off the request (after a voice is logged, a refit); absent where alerts are off. */
  alerts?: AlertRunner;
}
