import type { WebClient } from "@slack/web-api";
import type { Config } from "../../config.js";
import type { Translate } from "../../i18n/index.js";
import type { Db } from "../../db/client.js";
import type { Log } from "../../log.js";
import type { UserDirectory } from "../../services/slack/user-directory.js";
import type { AlertRunner } from "../../services/alerts/alert-runner.js";

/**
 * What the REST routes get from the app: the database, a logger, the clock, the settings they read, and Slack's Web
 * API with the channels' language for routes whose changes are posted in Slack.
 */
export interface ApiDeps {
  client: WebClient;
  channelT: Translate;
  db: Db;
  log: Log;
  now: () => Date;
  /** Who people are (users.info): close-the-loop DMs skip people who left, guests and other organisations. */
  users: UserDirectory;
  config: Pick<Config, "INGEST_LOCK_WAIT_MS" | "FIT_RATE_LIMIT_PER_HOUR" | "DEFAULT_LOCALE">;
  /** Evaluates alerts after an ingestion batch or a fit, off the request. */
  alerts?: AlertRunner;
}
