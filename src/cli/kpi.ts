// `npm run kpi -- [--from YYYY-MM-DD --to YYYY-MM-DD] [--segment S] [--window DAYS] [--team T] [--cohorts]`:
// prints the same JSON as GET /api/v1/kpis (or /api/v1/cohorts with --cohorts). `--to` is exclusive.
// Uses DATABASE_URL (PostgreSQL) or the embedded store in DATA_DIR; --team defaults to INGEST_TEAM_ID.
import "dotenv/config";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Store } from "../db/client.js";
import { isAppError } from "../errors/app-error.js";
import { translator } from "../i18n/index.js";
import { computeCohorts } from "../services/kpi/compute-cohorts.js";
import { computeKpis } from "../services/kpi/compute-kpis.js";

/** Parses the arguments and returns the JSON to print; throws Error with a usage message on bad input. */
export async function runKpiCli(argv: string[], store: Store, env: NodeJS.ProcessEnv = process.env): Promise<unknown> {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: "string" },
      to: { type: "string" },
      segment: { type: "string" },
      window: { type: "string" },
      team: { type: "string" },
      cohorts: { type: "boolean", default: false },
    },
    strict: true,
  });
  const teamId = values.team ?? env.INGEST_TEAM_ID;
  if (!teamId) throw new Error("--team T0123 is required (or set INGEST_TEAM_ID)");
  const window = values.window === undefined ? undefined : Number(values.window);
  try {
    if (values.cohorts) return await computeCohorts({ db: store.db, teamId, from: values.from, to: values.to, segment: values.segment });
    return await computeKpis({ db: store.db, teamId, from: values.from, to: values.to, segment: values.segment, window });
  } catch (e) {
    if (isAppError(e)) throw new Error((translator("en") as (k: string, p?: unknown) => string)(e.messageKey, e.params));
    throw e;
  }
}

async function main() {
  const { openStore } = await import("../db/client.js");
  const { deployMigrations } = await import("../db/migrate.js");
  const dataDir = process.env.DATA_DIR || "./data";
  const databaseUrl = process.env.DATABASE_URL || undefined;
  await deployMigrations({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
  const store = await openStore({ databaseUrl, dataDir });
  try {
    const out = await runKpiCli(process.argv.slice(2), store);
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
