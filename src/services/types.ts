import type { WebClient } from "@slack/web-api";
import type { Db } from "../db/client.js";
import type { Log } from "../log.js";

/** What every service call gets: the database and the workspace it acts for. */
export interface TeamScope {
  db: Db;
  teamId: string;
}

/** Services that also talk to Slack get its Web API client and a logger. */
export interface SlackScope extends TeamScope {
  client: WebClient;
  log: Log;
}
