import type { Config } from "../../config.js";
import type { Db } from "../../db/client.js";
import type { Log } from "../../log.js";

/** What the REST routes get from the app: the database, a logger, the clock and the settings they read. */
export interface ApiDeps {
  db: Db;
  log: Log;
  now: () => Date;
  config: Pick<Config, "INGEST_LOCK_WAIT_MS" | "FIT_RATE_LIMIT_PER_HOUR">;
}
