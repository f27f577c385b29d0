import type { Db } from "../../db/client.js";
import type { Log } from "../../log.js";

/** What the REST routes get from the app: the database, a logger and the clock. */
export interface ApiDeps {
  db: Db;
  log: Log;
  now: () => Date;
}
