/** What `/kpi token ...` asks for. */
export type TokenCommand =
  | { verb: "create"; label?: string; scopes: ("read" | "write")[]; expiresAt: Date | null }
  | { verb: "list" }
  | { verb: "revoke"; ref: string }
  | { verb: "help" };

const DAY_MS = 86_400_000;
const MAX_DAYS = 3650;

/**
 * An expiry as admins type it: `90d` (days from now) or a day `YYYY-MM-DD` (the token works through that UTC
 * day). Returns undefined when it is neither, or out of range (1 to 3650 days).
 */
export function parseExpiry(text: string, now: Date): Date | undefined {
  const days = /^(\d{1,4})d$/i.exec(text);
  if (days) {
    const n = Number(days[1]);
    return n >= 1 && n <= MAX_DAYS ? new Date(now.getTime() + n * DAY_MS) : undefined;
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!day) return undefined;
  const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
  const start = new Date(Date.UTC(y, m - 1, d));
  if (start.getUTCFullYear() !== y || start.getUTCMonth() !== m - 1 || start.getUTCDate() !== d) return undefined;
  const end = new Date(start.getTime() + DAY_MS);
  return end > now && end.getTime() - now.getTime() <= (MAX_DAYS + 1) * DAY_MS ? end : undefined;
}

/**
 * Parses the words after `/kpi token`:
 *   (nothing) | <label> [read|write] [expires <90d|YYYY-MM-DD>]   create (`read`: read-only; default read and write)
 *   list | revoke <label or id> | help
 * Returns "usage" for anything else and "badExpiry" for an expiry it cannot read. `read` and `write` are never labels.
 */
export function parseTokenCommand(words: readonly string[], now: Date): TokenCommand | "usage" | "badExpiry" {
  const [first = "", ...rest] = words;
  const verb = first.toLowerCase();
  if (verb === "help") return { verb: "help" };
  if (verb === "list") return rest.length === 0 ? { verb: "list" } : "usage";
  if (verb === "revoke") return rest.length === 1 ? { verb: "revoke", ref: rest[0]! } : "usage";
  let label: string | undefined;
  let scopes: ("read" | "write")[] | undefined;
  let expiresAt: Date | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const lower = w.toLowerCase();
    if (lower === "read" || lower === "write") {
      if (scopes) return "usage";
      scopes = lower === "read" ? ["read"] : ["read", "write"];
    } else if (lower === "expires" || lower.startsWith("expires=")) {
      const value = lower === "expires" ? words[++i] : w.slice("expires=".length);
      if (value === undefined || expiresAt) return "usage";
      const at = parseExpiry(value, now);
      if (!at) return "badExpiry";
      expiresAt = at;
    } else if (label === undefined) label = w;
    else return "usage";
  }
  return { verb: "create", ...(label !== undefined ? { label } : {}), scopes: scopes ?? ["read", "write"], expiresAt };
}
