import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../../db/client.js";
import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";

/** `read`: GET routes (KPIs, cohorts, predictions, export). `write`: ingestion, customer erase, model fit. */
export const API_SCOPES = ["read", "write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Who made an API request: the workspace and what the token may do. */
export interface ApiPrincipal {
  teamId: string;
  scopes: readonly ApiScope[];
}

export const hashApiToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/**
 * Creates an API token for the workspace. The token is returned once and only its SHA-256 hash is stored,
 * so it cannot be shown again; a lost token is replaced by creating a new one.
 */
export async function createApiToken(
  { db, teamId }: TeamScope,
  opts: { label: string; createdBy: string; scopes?: readonly ApiScope[]; expiresAt?: Date | null },
): Promise<string> {
  const token = `rd_${randomBytes(24).toString("base64url")}`;
  await db.apiToken.create({
    data: { teamId, tokenHash: hashApiToken(token), label: opts.label, createdBy: opts.createdBy, scopes: [...(opts.scopes ?? API_SCOPES)], expiresAt: opts.expiresAt ?? null },
  });
  return token;
}

/** Labels are how admins name tokens in Slack (`/kpi token revoke <label>`): short, no spaces. */
export const API_TOKEN_LABEL = /^[\p{L}\p{N}_.:-]{1,40}$/u;

/** A token's short id as `/kpi token list` shows it: the first 8 hex digits of its uuid. */
export const shortTokenId = (id: string) => id.slice(0, 8);

/**
 * Creates a token for `/kpi token [label]`: the label must be free among the workspace's active tokens
 * (so revoking by label is unambiguous); without one, the next free `token-<n>` is used.
 * Returns the token (shown once), its label and short id. Throws AppError BAD_INPUT / CONFLICT.
 */
export async function issueApiToken(
  scope: TeamScope,
  opts: { label?: string | undefined; createdBy: string; scopes?: readonly ApiScope[]; expiresAt?: Date | null; now: Date },
): Promise<{ token: string; label: string }> {
  const { db, teamId } = scope;
  if (opts.expiresAt && opts.expiresAt <= opts.now) throw new AppError("BAD_INPUT", "kpi.token.badExpiry");
  const active = await db.apiToken.findMany({ where: { teamId, revokedAt: null }, select: { label: true } });
  const taken = new Set(active.map((a) => a.label));
  let label = opts.label;
  if (label === undefined) {
    let n = active.length + 1;
    while (taken.has(`token-${n}`)) n++;
    label = `token-${n}`;
  }
  if (!API_TOKEN_LABEL.test(label)) throw new AppError("BAD_INPUT", "kpi.token.badLabel");
  if (taken.has(label)) throw new AppError("CONFLICT", "kpi.token.labelTaken", { label });
  const token = await createApiToken(scope, { label, createdBy: opts.createdBy, scopes: opts.scopes ?? API_SCOPES, expiresAt: opts.expiresAt ?? null });
  return { token, label };
}

/**
 * Revokes the workspace's active token named by `ref`: its label, or its short id (8+ hex digits of its id, as
 * `/kpi token list` shows). Requests with it get 401 from now on. Returns its label.
 * Throws AppError NOT_FOUND when no active token matches.
 */
export async function revokeApiToken({ db, teamId }: TeamScope, opts: { ref: string; now: Date }): Promise<{ label: string }> {
  const ref = opts.ref.toLowerCase();
  const active = await db.apiToken.findMany({ where: { teamId, revokedAt: null }, select: { id: true, label: true } });
  const byLabel = active.filter((a) => a.label === opts.ref);
  const matches = byLabel.length > 0 ? byLabel : /^[0-9a-f-]{8,36}$/.test(ref) ? active.filter((a) => a.id.startsWith(ref)) : [];
  if (matches.length === 0) throw new AppError("NOT_FOUND", "kpi.token.notFound", { label: opts.ref });
  await db.apiToken.updateMany({ where: { teamId, id: { in: matches.map((m) => m.id) }, revokedAt: null }, data: { revokedAt: opts.now } });
  return { label: matches[0]!.label };
}

/** Revokes every active token of the workspace (app uninstalled, tokens revoked). Returns how many. */
export async function revokeAllApiTokens({ db, teamId }: { db: Pick<Db, "apiToken">; teamId: string }, opts: { now: Date }): Promise<number> {
  const { count } = await db.apiToken.updateMany({ where: { teamId, revokedAt: null }, data: { revokedAt: opts.now } });
  return count;
}

/** The workspace's tokens that are not revoked (expired ones included, flagged by `expiresAt`), oldest first, without their hashes. */
export async function listApiTokens({ db, teamId }: TeamScope) {
  return db.apiToken.findMany({
    where: { teamId, revokedAt: null },
    select: { id: true, label: true, scopes: true, createdBy: true, createdAt: true, lastUsedAt: true, expiresAt: true },
    orderBy: { createdAt: "asc" },
  });
}

const asScopes = (s: readonly string[]): ApiScope[] => API_SCOPES.filter((x) => s.includes(x));

/**
 * Resolves a bearer token to its workspace and scopes: first the INGEST_TOKEN from the environment (known only
 * by its SHA-256, compared in constant time; both scopes), then stored tokens by hash (a hash lookup leaks
 * nothing about the token itself). Revoked and expired tokens resolve to null.
 */
export function tokenChecker(db: Db, envToken?: { sha256: string; teamId: () => Promise<string> }, now: () => Date = () => new Date()) {
  const envHash = envToken ? Buffer.from(envToken.sha256, "hex") : undefined;
  return async (token: string): Promise<ApiPrincipal | null> => {
    const h = hashApiToken(token);
    if (envHash && envToken && timingSafeEqual(envHash, Buffer.from(h, "hex"))) return { teamId: await envToken.teamId(), scopes: API_SCOPES };
    const row = await db.apiToken.findUnique({ where: { tokenHash: h } });
    if (!row || row.revokedAt) return null;
    const at = now();
    if (row.expiresAt && row.expiresAt <= at) return null;
    if (!timingSafeEqual(Buffer.from(row.tokenHash, "hex"), Buffer.from(h, "hex"))) return null;
    void db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: at } }).catch(() => {});
    return { teamId: row.teamId, scopes: asScopes(row.scopes) };
  };
}
