import pino from "pino";
import { LogLevel, type Logger } from "@slack/bolt";

/**
 * The one structured logger: one JSON object per line on stdout. Tokens, secrets and message text are
 * redacted by key wherever they appear, so a careless `log.info({ body })` cannot leak them.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level,
      base: { app: "retention-desk" },
      redact: {
        paths: [
          "token",
          "*.token",
          "authorization",
          "*.authorization",
          "headers.authorization",
          "botToken",
          "signingSecret",
          "appToken",
          "*.botToken",
          "*.signingSecret",
          "*.appToken",
          "text",
          "*.text",
          "quote",
          "*.quote",
          "comment",
          "*.comment",
        ],
        censor: "[redacted]",
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/**
 * Adapts pino to the Logger interface of Bolt and of the Slack Web API client, so their lines are JSON objects
 * like ours. Hand it to every `App`, receiver and `WebClient` (left without one they print plain text): each
 * client names itself with setName ("web-api:WebClient:0"), which becomes the line's `logger` field.
 */
export function boltLogger(log: pino.Logger, component = "bolt"): Logger {
  const child = log.child({ component });
  let level: LogLevel = LogLevel.INFO;
  let name: string | undefined;
  const fmt = (msgs: unknown[]) => msgs.map((m) => (typeof m === "string" ? m : safeString(m))).join(" ");
  const fields = () => (name ? { logger: name } : {});
  // Bolt logs a debug line for every request: format only what the level lets through. At debug level Bolt and the
  // Web API client hand over whole request bodies and API responses (message text, customer names): debug lines
  // keep their text and say only which kind of value was left out.
  const debugText = (msgs: unknown[]) => msgs.map((m) => (typeof m === "string" ? m : `[${m === null ? "null" : Array.isArray(m) ? "array" : typeof m} omitted]`)).join(" ");
  return {
    debug: (...m) => child.isLevelEnabled("debug") && child.debug(fields(), debugText(m)),
    info: (...m) => child.isLevelEnabled("info") && child.info(fields(), fmt(m)),
    warn: (...m) => child.isLevelEnabled("warn") && child.warn(fields(), fmt(m)),
    error: (...m) => child.isLevelEnabled("error") && child.error(fields(), fmt(m)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
}

function safeString(v: unknown): string {
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  try {
    return JSON.stringify(v)?.replace(/xox[abprs]-[A-Za-z0-9-]+/g, "[redacted]") ?? String(v);
  } catch {
    return String(v);
  }
}

export type Log = pino.Logger;

/**
 * What a log line may say about an error: its class and its codes, never its message. Messages carry data:
 * a Prisma validation error lists every query parameter (customer names and ids), a database error quotes
 * the offending value, a ZodError echoes the input. Use as `log.error({ err: errorFields(e) }, "...")`.
 */
export function errorFields(e: unknown, opts: { frames?: boolean } = {}): ErrorFields {
  if (!(e instanceof Error)) return { name: e === null ? "null" : typeof e };
  const o = e as { code?: unknown; cause?: unknown; status?: unknown; data?: { error?: unknown } };
  // Prisma: `code` (P2002); driver adapters: `cause.kind` and `cause.originalCode` (the SQLSTATE); Slack: `data.error`.
  const cause = (typeof o.cause === "object" && o.cause !== null ? o.cause : {}) as { kind?: unknown; originalCode?: unknown };
  const out: ErrorFields = { name: e.constructor.name && e.constructor.name !== "Error" ? e.constructor.name : e.name };
  const code = [o.code, cause.originalCode].find((c) => typeof c === "string" || typeof c === "number");
  if (code !== undefined) out.code = String(code);
  if (typeof cause.kind === "string") out.kind = cause.kind;
  if (typeof o.data?.error === "string") out.slackError = o.data.error;
  if (typeof o.status === "number") out.status = o.status;
  // The stack's frames only: its first lines repeat the message.
  if (opts.frames && e.stack)
    out.frames = e.stack
      .split("\n")
      .filter((l) => /^\s+at /.test(l))
      .map((l) => l.trim())
      .slice(0, 12);
  return out;
}

export interface ErrorFields {
  name: string;
  code?: string;
  kind?: string;
  slackError?: string;
  status?: number;
  frames?: string[];
}

/** The process-level events a long-running process must not die silently of. */
interface ProcessEvents {
  on(event: "unhandledRejection", listener: (reason: unknown) => void): unknown;
  on(event: "uncaughtException", listener: (error: Error) => void): unknown;
}

/**
 * Logs unhandled rejections and uncaught exceptions as fatal JSON lines (class and code, never the message).
 * A rejection nobody awaited leaves no half-run code behind it, so the bot keeps serving; after an uncaught
 * exception the process state is unknown (Node's own advice), so `onUncaught` runs (main.ts: graceful stop,
 * exit 1, the supervisor restarts it).
 */
export function guardProcess(proc: ProcessEvents, log: pino.Logger, onUncaught: (e: Error) => void): void {
  proc.on("unhandledRejection", (reason) => log.fatal({ err: errorFields(reason), keepServing: true }, "unhandled promise rejection"));
  proc.on("uncaughtException", (e) => {
    log.fatal({ err: errorFields(e), keepServing: false }, "uncaught exception");
    onUncaught(e);
  });
}
