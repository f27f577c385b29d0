import { createHash } from "node:crypto";
import { z } from "zod";

const ZLocale = z.enum(["en", "ja"]);
export type Locale = z.infer<typeof ZLocale>;

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** Every environment variable the bot reads, parsed once at start. */
export const ZConfig = z
  .object({
    SLACK_BOT_TOKEN: z
      .string()
      .trim()
      .regex(/^xox[bp]-/, "must be a bot token starting with xoxb-"),
    SLACK_SIGNING_SECRET: z.string().trim().min(8, "must be the app's signing secret"),
    SLACK_APP_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^xapp-/, "must be an app-level token starting with xapp-")
        .optional(),
    ),
    // The Web API client joins method names onto this base: keep exactly one trailing slash.
    SLACK_API_URL: optionalText.pipe(
      z
        .url({ protocol: /^https?$/ })
        .transform((u) => u.replace(/\/*$/, "/"))
        .optional(),
    ),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
        .optional(),
    ),
    DATA_DIR: optionalText.default("./data"),
    DEFAULT_LOCALE: ZLocale.default("en"),
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
    // Only the token's SHA-256 is kept (main.ts also drops the plain value from process.env).
    INGEST_TOKEN: optionalText
      .pipe(z.string().min(24, "must be at least 24 characters").optional())
      .transform((v) => (v === undefined ? undefined : { sha256: createHash("sha256").update(v, "utf8").digest("hex") })),
    // Default: the workspace the bot token belongs to (auth.test at start), which the start log names.
    INGEST_TEAM_ID: optionalText.pipe(
      z
        .string()
        .regex(/^[TE][A-Z0-9]+$/, "must be a Slack team id like T0123")
        .optional(),
    ),
    API_BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(10 * 1024 * 1024),
    // Slow-loris guards (docs/security.md): a client gets this long for its headers, and for the whole request.
    // The request limit fits a 10 MB API body over a slow (~200 kB/s) link.
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
    INGEST_LOCK_WAIT_MS: z.coerce.number().int().min(1).max(120_000).default(5_000),
    SCHEDULER_ENABLED: z
      .enum(["true", "false", "1", "0"])
      .default("true")
      .transform((v) => v === "true" || v === "1"),
    DIGEST_MAX_LATE_HOURS: z.coerce.number().min(0).default(24),
    /** Days between app_uninstalled/tokens_revoked and the erase of the workspace's data; reinstalling cancels it. */
    ERASE_GRACE_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
    /** Model fits (POST /api/v1/model/fit) a workspace may start per hour. */
    FIT_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(6),
  })
  .superRefine((c, ctx) => {
    if (c.HTTP_HEADERS_TIMEOUT_MS > c.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({ code: "custom", path: ["HTTP_HEADERS_TIMEOUT_MS"], message: "must not be longer than HTTP_REQUEST_TIMEOUT_MS" });
    }
  });

export type Config = z.infer<typeof ZConfig>;

/** Thrown when the environment is incomplete; the message names every bad variable and never echoes values. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration error:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example.`);
    this.name = "ConfigError";
  }
}

/** Parses the environment once. Throws ConfigError naming each missing or malformed variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZConfig.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => {
    const name = String(i.path[0] ?? "environment");
    const missing = i.code === "invalid_type" && env[name] === undefined;
    return missing ? `${name} is missing` : `${name} ${i.message}`;
  });
  throw new ConfigError([...new Set(problems)]);
}
