import "dotenv/config";
import { parseArgs } from "node:util";
import { TEAM_ID, ZCliEnv } from "./cli-env.js";
import { openStore } from "../db/client.js";
import { deployMigrations } from "../db/migrate.js";
import { isAppError } from "../errors/app-error.js";
import { translator } from "../i18n/index.js";
import { eraseCustomer } from "../services/privacy/erase-customer.js";

/**
 * `npm run erase-customer -- --team T0123 <customer id>`: erases one customer everywhere (privacy request), the same
 * way as DELETE /api/v1/customers/:id. Uses the bot's store (DATABASE_URL, or PGlite in DATA_DIR: stop the bot
 * first on PGlite). Exit codes: 0 erased, 3 no such customer, 1 usage error or failure.
 */

async function main(): Promise<number> {
  const env = ZCliEnv.parse(process.env);
  const t = translator(env.DEFAULT_LOCALE);
  let team: string | undefined;
  let externalId: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { team: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
    team = values.team ?? env.INGEST_TEAM_ID;
    if (!values.help && positionals.length === 1) externalId = positionals[0];
  } catch {
    externalId = undefined;
  }
  if (!team || !TEAM_ID.test(team) || !externalId) {
    process.stderr.write(`${t("privacy.erase.usage")}\n`);
    return 1;
  }
  await deployMigrations({ DATABASE_URL: env.DATABASE_URL, DATA_DIR: env.DATA_DIR });
  const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    const erased = await eraseCustomer({ db: store.db, teamId: team }, { externalId });
    process.stdout.write(`${t("privacy.erase.done", { customerId: externalId, ...erased })}\n`);
    return 0;
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") {
      process.stderr.write(`${t("privacy.customerNotFound", { customerId: externalId })}\n`);
      return 3;
    }
    throw e;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`erase failed: ${e instanceof Error ? e.name : "unknown error"}\n`);
    process.exit(1);
  },
);
