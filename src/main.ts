import "dotenv/config";
import { ConfigError, loadConfig } from "./config.js";
import { openMigratedStore } from "./db/migrate.js";
import { boltLogger, createLogger, errorFields, guardProcess } from "./log.js";
import { SlackStartError, verifyBotToken } from "./services/slack/verify-bot-token.js";

/** Wiring only: config -> migrations -> db -> app -> jobs -> start; graceful stop on SIGTERM/SIGINT. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  // The config keeps only INGEST_TOKEN's hash; the plain value must not linger in the environment either.
  delete process.env.INGEST_TOKEN;
  const log = createLogger(config.LOG_LEVEL);
  // Until the bot is up an uncaught exception just exits; afterwards it stops gracefully (see below).
  let onUncaught: () => void = () => process.exit(1);
  guardProcess(process, log, () => onUncaught());
  let identity;
  try {
    identity = await verifyBotToken(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL, logger: boltLogger(log, "web-api") });
  } catch (e) {
    // `reason` says which of network, SLACK_API_URL or the token is wrong (SlackStartError: never the token itself).
    log.fatal({ err: errorFields(e), problem: e instanceof SlackStartError ? e.problem : "slack", reason: e instanceof Error ? e.message : undefined }, "cannot start");
    process.exit(1);
  }
  log.info({ store: config.DATABASE_URL ? "postgres" : "pglite" }, "applying database migrations");
  const opening = openMigratedStore({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    onIdleError: (e) => log.warn({ err: errorFields(e) }, "database server closed an idle connection; reconnecting on next use"),
    // Without its database the bot can only fail every request: exit, so the supervisor starts a fresh one.
    onLost: (e) => {
      log.fatal({ err: errorFields(e) }, "the embedded database stopped");
      process.exit(1);
    },
  });
  // The rest of the bot (listeners, services, views, charts: about a second of loading) loads while the database
  // opens on its own thread, so a start pays for the longer of the two, not both.
  const [{ store, applied }, { createBot }, { startJobs }, { dropLeftoverWorkTables }] = await Promise.all([
    opening,
    import("./app.js"),
    import("./jobs/index.js"),
    import("./services/ingest/import-work-table.js"),
  ]);
  log.info({ applied: applied.length, latest: applied.at(-1) }, applied.length ? "database migrations applied" : "database schema is up to date");
  // Work tables (customer rows) of file imports that crashed: dropped now unless an import still holds them.
  const dropped = await dropLeftoverWorkTables(store.db);
  if (dropped.length) log.info({ tables: dropped.length }, "dropped work tables of interrupted imports");
  const bot = createBot({ config, store, log, identity });
  const jobs = startJobs({ config, store, client: bot.app.client, log });
  await bot.start();

  let stopping = false;
  const shutdown = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await jobs.stop();
    await bot.stop();
    await store.close();
    log.info("stopped");
    process.exit(code);
  };
  onUncaught = () => void shutdown("uncaughtException", 1).catch(() => process.exit(1));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((e) => {
  process.stderr.write(`${JSON.stringify({ level: 60, msg: "start failed", err: String(e instanceof Error ? e.message : e) })}\n`);
  process.exit(1);
});
