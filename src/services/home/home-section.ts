import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { Config } from "../../config.js";
import type { Db } from "../../db/client.js";
import type { Translate } from "../../i18n/index.js";
import type { Log } from "../../log.js";
import type { Access } from "../access/check-access.js";
import type { UserDirectory } from "../slack/user-directory.js";
import type { UserGroupDirectory } from "../slack/user-groups.js";

/** What composing Home needs from the bot (the listeners' deps fit it as they are). */
export interface HomeDeps {
  db: Db;
  log: Log;
  users: UserDirectory;
  groups: UserGroupDirectory;
  config: Pick<Config, "DEFAULT_LOCALE">;
  now: () => Date;
}

/** What a home section gets: who is looking, in which language, and the bot's Web API client (chart uploads). */
export interface HomeSectionInput {
  deps: HomeDeps;
  client: WebClient;
  teamId: string;
  userId: string;
  t: Translate;
  now: Date;
  /** Whether the user may see customer data (members) and settings (the bot's admins). */
  access: Access;
}

/** One part of the App Home tab. Sections are built in parallel; one that fails is left out (and logged). */
export type HomeSection = { name: string; build: (input: HomeSectionInput) => Promise<KnownBlock[]> };
