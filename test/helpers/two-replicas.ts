// Two bots ("replicas") on one database and one fake Slack. On a PostgreSQL server each has its own connection pool;
// PGlite is one process, so there both share its one connection (same lease and ledger logic, no true parallelism).
import { createBot, type Bot } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { openStore, type Store } from "../../src/db/client.js";
import { captureLog } from "../digest/helpers.js";
import { FakeSlack } from "../slack/fake-slack.js";
import { SIGNING_SECRET } from "../slack/sign.js";
import { BOT_TOKEN } from "./bot.js";
import { createTestStore, type StoreKind, type TestStore } from "./store.js";

export interface TwoReplicas {
  storeA: TestStore;
  storeB: Store;
  fake: FakeSlack;
  botA: Bot;
  botB: Bot;
}

/** Starts both replicas (scheduler off: the tests tick them by hand). */
export async function startTwoReplicas(kind: StoreKind): Promise<TwoReplicas> {
  const storeA = await createTestStore(kind);
  const storeB = kind === "postgres" ? await openStore({ databaseUrl: storeA.url!, dataDir: "unused" }) : { ...storeA, close: async () => {} };
  const fake = await new FakeSlack().start();
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: "0",
    LOG_LEVEL: "silent",
    SCHEDULER_ENABLED: "false",
  });
  return { storeA, storeB, fake, botA: createBot({ config, store: storeA, log: captureLog().log }), botB: createBot({ config, store: storeB, log: captureLog().log }) };
}

/** Stops what startTwoReplicas started (any part may be missing when the start failed). */
export async function stopTwoReplicas(r: Partial<TwoReplicas>): Promise<void> {
  await r.fake?.stop();
  await r.storeB?.close();
  await r.storeA?.close();
}
