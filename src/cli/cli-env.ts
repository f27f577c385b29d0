import { z } from "zod";
import { ZConfig } from "../config.js";

/** What the data CLIs (import, erase-customer) read from the environment: the store, the default workspace, the language. */
export const ZCliEnv = z.object({
  DATABASE_URL: ZConfig.shape.DATABASE_URL,
  DATA_DIR: ZConfig.shape.DATA_DIR,
  INGEST_TEAM_ID: z.string().trim().optional(),
  DEFAULT_LOCALE: ZConfig.shape.DEFAULT_LOCALE,
});
export type CliEnv = z.infer<typeof ZCliEnv>;

/** A Slack workspace (T…) or Enterprise Grid org (E…) id, as the CLIs accept it for --team. */
export const TEAM_ID = /^[TE][A-Z0-9]+$/;
