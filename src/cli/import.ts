import "dotenv/config";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { type CliEnv, TEAM_ID, ZCliEnv } from "./cli-env.js";
import { openStore } from "../db/client.js";
import { deployMigrations } from "../db/migrate.js";
import { translator, type Translate } from "../i18n/index.js";
import { CSV_PRESETS, CsvLayoutError, type CsvPreset } from "../ingest/csv-columns.js";
import { importCsvFile, type ImportSummary } from "../ingest/import-csv.js";
import { progressReporter } from "../ingest/import-progress.js";
import { INGEST_KINDS, type IngestKind } from "../services/ingest/ingesters.js";
import { MAX_RECORDS_PER_REQUEST } from "../services/ingest/ingest-result.js";

/**
 * `npm run import -- <customers|purchases|survey-responses> <file> [options]`: imports a CSV file into the
 * bot's store (DATABASE_URL, or PGlite in DATA_DIR; the bot must not be running on the same PGlite directory).
 * Exit codes: 0 all rows fine, 2 some rows bad (the good ones were imported), 1 nothing imported
 * (usage error, file does not fit, --strict with bad rows), 130 interrupted (nothing imported).
 */

const MAX_LISTED = 1000;
const n = (v: number) => v.toLocaleString("en-US");

class UsageError extends Error {}
/** `--help`: the usage goes to stdout and the exit code is 0. */
class HelpRequested extends Error {}

function parseCommandLine(argv: string[], t: Translate, env: CliEnv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      map: { type: "string", multiple: true },
      strict: { type: "boolean", default: false },
      team: { type: "string" },
      delimiter: { type: "string" },
      format: { type: "string", default: "csv" },
      "batch-size": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const kinds = INGEST_KINDS.join("|");
  if (values.help) throw new HelpRequested(t("import.help", { kinds, presets: Object.keys(CSV_PRESETS).join("|") }));
  if (positionals.length !== 2) throw new UsageError(`${t("import.usage", { kinds })}\n${t("import.seeHelp")}`);
  const [kind, file] = positionals as [string, string];
  if (!(INGEST_KINDS as readonly string[]).includes(kind)) throw new UsageError(t("import.badKind", { kind, kinds: INGEST_KINDS.join(", ") }));
  if (!existsSync(file)) throw new UsageError(t("import.noFile", { file }));
  const team = values.team ?? env.INGEST_TEAM_ID;
  if (!team) throw new UsageError(t("import.noTeam"));
  if (!TEAM_ID.test(team)) throw new UsageError(t("import.badTeam", { team }));
  const map: Record<string, string> = Object.create(null); // keys are the user's (--map __proto__=x)
  for (const m of values.map ?? []) {
    const eq = m.indexOf("=");
    if (eq <= 0 || eq === m.length - 1) throw new UsageError(t("import.badOption", { message: `--map ${m} (use --map column=header)` }));
    map[m.slice(0, eq).trim()] = m.slice(eq + 1).trim();
  }
  const format = values.format!;
  if (format !== "csv" && !Object.hasOwn(CSV_PRESETS, format))
    throw new UsageError(t("import.badOption", { message: `--format ${format} (csv, ${Object.keys(CSV_PRESETS).join(", ")})` }));
  const delimiter = values.delimiter === "tab" || values.delimiter === "\\t" ? "\t" : values.delimiter;
  if (delimiter !== undefined && delimiter.length !== 1) throw new UsageError(t("import.badOption", { message: `--delimiter "${values.delimiter}" (one character, or tab)` }));
  const batchSize = values["batch-size"] === undefined ? undefined : Number(values["batch-size"]);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 5 * MAX_RECORDS_PER_REQUEST)) {
    throw new UsageError(t("import.badOption", { message: `--batch-size ${values["batch-size"]} (1 to ${5 * MAX_RECORDS_PER_REQUEST})` }));
  }
  return { kind: kind as IngestKind, file, team, map, strict: values.strict!, delimiter, format: format as "csv" | CsvPreset, batchSize };
}

function report(t: Translate, s: ImportSummary, seconds: number, strict: boolean) {
  const out = process.stdout;
  const err = process.stderr;
  if (s.ignoredColumns.length) out.write(`${t("import.ignoredColumns", { columns: s.ignoredColumns.join(", ") })}\n`);
  if (s.interrupted) err.write(`${t("import.interrupted", { rows: n(s.rows) })}\n`);
  if (s.badRows.length) {
    err.write(`${strict ? t("import.strictRejected", { count: n(s.badRows.length) }) : t("import.badRows", { count: n(s.badRows.length) })}\n`);
    for (const b of s.badRows.slice(0, MAX_LISTED)) err.write(`${t("import.badRow", { line: b.line, message: b.message })}\n`);
    if (s.badRows.length > MAX_LISTED) err.write(`${t("import.moreBadRows", { count: n(s.badRows.length - MAX_LISTED) })}\n`);
  }
  out.write(
    `${t("import.summary", { kind: s.kind, rows: n(s.rows), accepted: n(s.accepted), duplicates: n(s.duplicates), customersCreated: n(s.customersCreated), seconds: seconds.toFixed(1) })}\n`,
  );
}

async function main(): Promise<number> {
  const env = ZCliEnv.parse(process.env);
  const t = translator(env.DEFAULT_LOCALE);
  let args: ReturnType<typeof parseCommandLine>;
  try {
    args = parseCommandLine(process.argv.slice(2), t, env);
  } catch (e) {
    if (e instanceof HelpRequested) {
      process.stdout.write(`${e.message}\n`);
      return 0;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`${e instanceof UsageError ? e.message : t("import.badOption", { message: (e as Error).message })}\n`);
      return 1;
    }
    throw e;
  }
  process.stderr.write(`${t("import.migrating")}\n`);
  await deployMigrations({ DATABASE_URL: env.DATABASE_URL, DATA_DIR: env.DATA_DIR });
  const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once("SIGINT", onSigint);
  const progress = progressReporter(
    process.stdout,
    (p) => t("import.progress", p),
    (p) => t("import.applying", p),
  );
  const started = performance.now();
  try {
    const summary = await importCsvFile({
      store,
      teamId: args.team,
      kind: args.kind,
      file: args.file,
      map: args.map,
      strict: args.strict,
      format: args.format,
      signal: abort.signal,
      onProgress: (p) => progress.update(p),
      ...(args.delimiter !== undefined ? { delimiter: args.delimiter } : {}),
      ...(args.batchSize !== undefined ? { batchSize: args.batchSize } : {}),
    });
    progress.stop();
    report(t, summary, (performance.now() - started) / 1000, args.strict);
    if (summary.interrupted) return 130;
    if (!summary.applied) return 1;
    return summary.badRows.length ? 2 : 0;
  } catch (e) {
    progress.stop();
    if (e instanceof CsvLayoutError) {
      process.stderr.write(`${t("import.layout", { message: e.message })}\n`);
      return 1;
    }
    throw e;
  } finally {
    process.off("SIGINT", onSigint);
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`import failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
