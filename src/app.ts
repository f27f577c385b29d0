import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import type { Config } from "./config.js";
import type { Store } from "./db/client.js";
import { apiHandler, type ApiRoute } from "./http/api.js";
import { slackEventsHandler } from "./http/slack-events.js";
import { createHttpServer } from "./http/server.js";
import { translator } from "./i18n/index.js";
import type { ListenerDeps } from "./listeners/deps.js";
import { createAlertRunner } from "./services/alerts/alert-runner.js";
import { registerListeners } from "./listeners/index.js";
import { boltLogger, type Log } from "./log.js";
import { registerContextMiddleware } from "./middleware/context.js";
import { registerErrorHandler } from "./middleware/errors.js";
import { InFlight } from "./middleware/in-flight.js";
import { registerReinstallMiddleware } from "./middleware/reinstall.js";
import { registerViewShapeMiddleware } from "./middleware/view-shape.js";
import { tokenChecker } from "./services/api-tokens/api-tokens.js";
import { UserDirectory } from "./services/slack/user-directory.js";
import type { BotIdentity } from "./services/slack/verify-bot-token.js";
import { apiRoutes } from "./http/routes/index.js";
import { UserGroupDirectory } from "./services/slack/user-groups.js";

export interface BotOptions {
  config: Config;
  store: Store;
  log: Log;
  now?: () => Date;
  /** The bot's ids from auth.test (main.ts checks the token first); without them Bolt asks Slack itself. */
  identity?: BotIdentity | undefined;
}

export interface Bot {
  app: App;
  deps: ListenerDeps;
  server: Server;
  /** Starts HTTP (and Socket Mode when configured); resolves with the bound port. */
  start(): Promise<{ port: number }>;
  /** Stops taking requests, waits for work in flight (up to `graceMs`), stops Socket Mode. Does not close the store. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves when no listener work is in flight (tests use it instead of sleeping). */
  inFlightIdle(): Promise<void>;
}

/** Builds the whole bot from its configuration and store: wiring only. */
export function createBot({ config, store, log, now = () => new Date(), identity }: BotOptions): Bot {
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  const clientOptions = config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {};
  const logger = boltLogger(log);
  const receiver = socketMode
    ? new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN!, logger, installerOptions: { clientOptions } })
    : new HTTPReceiver({ signingSecret: config.SLACK_SIGNING_SECRET, endpoints: "/slack/events", logger, processBeforeResponse: false });
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    ...(identity ? { botId: identity.botId, botUserId: identity.botUserId } : {}),
    receiver,
    logger,
    extendedErrorHandler: true,
    // No conversation store: nothing reads it, and it costs every event (reaction bursts) a lookup.
    convoStore: false,
    clientOptions: { ...clientOptions, retryConfig: { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000 } },
  });
  const inFlight = new InFlight();
  inFlight.register(app);
  const users = new UserDirectory(app.client);
  const groups = new UserGroupDirectory(app.client);
  registerContextMiddleware(app, { db: store.db, users, groups, defaultLocale: config.DEFAULT_LOCALE });
  registerViewShapeMiddleware(app);
  registerErrorHandler(app, { client: app.client, log, defaultLocale: config.DEFAULT_LOCALE });
  // Who the token belongs to: known from main.ts, else asked once (as Bolt's authorize does), again after a failure.
  let asked: Promise<BotIdentity> | undefined = identity ? Promise.resolve(identity) : undefined;
  const whoAmI = () =>
    (asked ??= app.client.auth.test().then((r) => {
      if (!r.user_id) throw new Error("auth.test returned no user_id");
      return { botId: r.bot_id ?? "", botUserId: r.user_id, teamId: r.team_id, teamName: r.team };
    })).catch((e: unknown) => {
      asked = undefined;
      throw e;
    });
  const installedWorkspace = async () => {
    const me = await whoAmI();
    if (!me.teamId) throw new Error("auth.test returned no team_id");
    return { teamId: me.teamId, teamName: me.teamName ?? me.teamId };
  };
  const alerts = createAlertRunner({ db: store.db, client: app.client, log, now, track: (work) => inFlight.track(work) });
  const deps: ListenerDeps = { db: store.db, log, config, users, groups, now, channelT: translator(config.DEFAULT_LOCALE), installedWorkspace, alerts };
  registerReinstallMiddleware(app, deps);
  const { eventLanes } = registerListeners(app, deps);
  const lookUpBotUserId = () => whoAmI().then((me) => me.botUserId);

  const routes: ApiRoute[] = apiRoutes({ ...deps, client: app.client });
  // INGEST_TOKEN writes into INGEST_TEAM_ID, by default the workspace the bot is installed in.
  const envToken = config.INGEST_TOKEN
    ? { sha256: config.INGEST_TOKEN.sha256, teamId: config.INGEST_TEAM_ID ? async () => config.INGEST_TEAM_ID! : async () => (await installedWorkspace()).teamId }
    : undefined;
  let closing = false;
  const server = createHttpServer({
    slack: socketMode
      ? undefined
      : slackEventsHandler({
          app,
          bolt: (receiver as HTTPReceiver).requestListener,
          signingSecret: config.SLACK_SIGNING_SECRET,
          lanes: eventLanes,
          botUserId: lookUpBotUserId,
          track: (work) => inFlight.track(work),
          log,
        }),
    ping: () => store.ping(),
    api: apiHandler({ routes, checkToken: tokenChecker(store.db, envToken, now), bodyLimit: config.API_BODY_LIMIT_BYTES, log }),
    log,
    isClosing: () => closing,
    timeouts: { headersMs: config.HTTP_HEADERS_TIMEOUT_MS, requestMs: config.HTTP_REQUEST_TIMEOUT_MS },
  });

  return {
    app,
    deps,
    server,
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(config.PORT, () => resolve());
      });
      if (socketMode) await app.start();
      const port = (server.address() as AddressInfo).port;
      const workspace = identity?.teamId ? { teamId: identity.teamId, teamName: identity.teamName } : {};
      log.info({ port, mode: socketMode ? "socket" : "http", store: store.kind, ...workspace }, "retention desk started");
      return { port };
    },
    inFlightIdle: () => inFlight.drain(60_000),
    async stop(graceMs = 10_000) {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (socketMode) await app.stop().catch(() => {});
      await inFlight.drain(graceMs);
      server.closeAllConnections();
      await closed;
    },
  };
}
