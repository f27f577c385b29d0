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
          "token", "*.token", "authorization", "*.authorization", "headers.authorization",
          "botToken", "signingSecret", "appToken", "*.botToken", "*.signingSecret", "*.appToken",
          "text", "*.text", "quote", "*.quote", "comment", "*.comment",
        ],
        censor: "[redacted]",
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** Adapts pino to Bolt's Logger interface so Bolt's own logs are structured too. */
export function boltLogger(log: pino.Logger): Logger {
  const child = log.child({ component: "bolt" });
  let level: LogLevel = LogLevel.INFO;
  const fmt = (msgs: unknown[]) => msgs.map((m) => (typeof m === "string" ? m : safeString(m))).join(" ");
  // Bolt logs a debug line for every request: format only what the level lets through.
  return {
    debug: (...m) => child.isLevelEnabled("debug") && child.debug(fmt(m)),
    info: (...m) => child.isLevelEnabled("info") && child.info(fmt(m)),
    warn: (...m) => child.isLevelEnabled("warn") && child.warn(fmt(m)),
    error: (...m) => child.isLevelEnabled("error") && child.error(fmt(m)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
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
