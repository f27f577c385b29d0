// `npm run kpi -- [period] [options]` (`--help` for the options): the numbers `/kpi` shows, as a table, or with
// --json the same JSON as GET /api/v1/kpis (or /api/v1/cohorts with --cohorts). Uses DATABASE_URL (PostgreSQL)
// or the embedded store in DATA_DIR; --team defaults to INGEST_TEAM_ID.
import "dotenv/config";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Locale } from "../config.js";
import type { Store } from "../db/client.js";
import { isTimeZone } from "../domain/time/calendar.js";
import { isAppError } from "../errors/app-error.js";
import { translator, type Translate } from "../i18n/index.js";
import { computeCohorts } from "../services/kpi/compute-cohorts.js";
import { computeKpis } from "../services/kpi/compute-kpis.js";
import { cohortReportTable, kpiReportTable } from "../views/kpi/kpi-text-table.js";

/** A mistake on the command line: the message says what to change; exit code 1. */
export class KpiUsageError extends Error {}

const OPTIONS = {
  period: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  segment: { type: "string" },
  window: { type: "string" },
  team: { type: "string" },
  "time-zone": { type: "string" },
  cohorts: { type: "boolean", default: false },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

const localeOf = (env: NodeJS.ProcessEnv): Locale => (env.DEFAULT_LOCALE === "ja" ? "ja" : "en");

/** The command line read, or `help` when the user asked for the usage. Throws KpiUsageError. */
export function parseKpiArgs(argv: string[], t: Translate) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new KpiUsageError(`${t("kpi.cli.badOption", { message: (e as Error).message })}\n${t("kpi.cli.usage")}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1 || (positionals.length === 1 && values.period !== undefined)) {
    throw new KpiUsageError(`${t("kpi.cli.badOption", { message: positionals.join(" ") })}\n${t("kpi.cli.usage")}`);
  }
  return { ...values, period: values.period ?? positionals[0] };
}

/**
 * Runs `npm run kpi` on an open store and returns what it prints: the usage for --help, JSON with --json,
 * else a table. Throws KpiUsageError for a bad command line, a missing workspace, a bad period or window.
 */
export async function runKpiCli(argv: string[], store: Store, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const locale = localeOf(env);
  const t = translator(locale);
  const args = parseKpiArgs(argv, t);
  if (args.help) return t("kpi.cli.usage");
  const teamId = args.team ?? env.INGEST_TEAM_ID;
  if (!teamId) throw new KpiUsageError(t("kpi.cli.noTeam"));
  if (args["time-zone"] !== undefined && !isTimeZone(args["time-zone"])) throw new KpiUsageError(t("kpi.cli.badOption", { message: `--time-zone ${args["time-zone"]}` }));
  const window = args.window === undefined ? undefined : Number(args.window);
  const scope = { db: store.db, teamId, segment: args.segment, ...(args["time-zone"] ? { timeZone: args["time-zone"] } : {}) };
  try {
    if (args.cohorts) {
      const report = await computeCohorts({ ...scope, from: args.from, to: args.to });
      return args.json ? JSON.stringify(report, null, 2) : cohortReportTable(report, { t, locale });
    }
    const report = await computeKpis({ ...scope, period: args.period, from: args.from, to: args.to, window });
    return args.json ? JSON.stringify(report, null, 2) : kpiReportTable(report, { t, locale });
  } catch (e) {
    if (isAppError(e) && e.code === "BAD_INPUT") throw new KpiUsageError((t as (k: string, p?: unknown) => string)(e.messageKey, e.params));
    throw e;
  }
}

async function main(): Promise<number> {
  const t = translator(localeOf(process.env));
  // Usage mistakes and --help answer before the database is touched.
  try {
    if (parseKpiArgs(process.argv.slice(2), t).help) {
      process.stdout.write(`${t("kpi.cli.usage")}\n`);
      return 0;
    }
  } catch (e) {
    if (e instanceof KpiUsageError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const { openStore } = await import("../db/client.js");
  const { deployMigrations } = await import("../db/migrate.js");
  const dataDir = process.env.DATA_DIR || "./data";
  const databaseUrl = process.env.DATABASE_URL || undefined;
  await deployMigrations({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
  const store = await openStore({ databaseUrl, dataDir });
  try {
    process.stdout.write(`${await runKpiCli(process.argv.slice(2), store)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof KpiUsageError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
