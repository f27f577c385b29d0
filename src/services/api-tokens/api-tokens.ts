import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../../db/client.js";
import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";

const hash = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/**
 * Creates an API token for the workspace. The token is returned once and only its SHA-256 hash is stored,
 * so it cannot be shown again; a lost token is replaced by creating a new one.
 */
export async function createApiToken({ db, teamId }: TeamScope, opts: { label: string; createdBy: string }): Promise<string> {
  const token = `rd_${randomBytes(24).toString("base64url")}`;
  await db.apiToken.create({ data: { teamId, tokenHash: hash(token), label: opts.label, createdBy: opts.createdBy } });
  return token;
}

/** Labels are how admins name tokens in Slack (`/kpi token revoke <label>`): short, no spaces. */
export const API_TOKEN_LABEL = /^[\p{L}\p{N}_.:-]{1,40}$/u;

/**
 * Creates a token for `/kpi token [label]`: the label must be free among the workspace's active tokens
 * (so revoking by label is unambiguous); without one, the next free `token-<n>` is used.
 * Returns the token (shown once) and its label. Throws AppError BAD_INPUT / CONFLICT.
 */
export async function issueApiToken(scope: TeamScope, opts: { label?: string; createdBy: string }): Promise<{ token: string; label: string }> {
  const { db, teamId } = scope;
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
  return { token: await createApiToken(scope, { label, createdBy: opts.createdBy }), label };
}

/**
 * Revokes the workspace's active tokens with this label (requests with them get 401 from now on).
 * Throws AppError NOT_FOUND when there is none.
 */
export async function revokeApiToken({ db, teamId }: TeamScope, opts: { label: string; now?: Date }): Promise<number> {
  const { count } = await db.apiToken.updateMany({ where: { teamId, label: opts.label, revokedAt: null }, data: { revokedAt: opts.now ?? new Date() } });
  if (count === 0) throw new AppError("NOT_FOUND", "kpi.token.notFound", { label: opts.label });
  return count;
}

/** The workspace's active tokens, oldest first, without their hashes. */
export async function listApiTokens({ db, teamId }: TeamScope) {
  return db.apiToken.findMany({
    where: { teamId, revokedAt: null },
    select: { label: true, createdBy: true, createdAt: true, lastUsedAt: true },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * Resolves a bearer token to its workspace: first the INGEST_TOKEN from the environment (compared in
 * constant time), then stored tokens by hash (a hash lookup leaks nothing about the token itself).
 */
export function tokenChecker(db: Db, envToken?: { token: string; teamId: string }) {
  const envHash = envToken ? Buffer.from(hash(envToken.token), "hex") : undefined;
  return async (token: string): Promise<string | null> => {
    const h = hash(token);
    if (envHash && envToken && timingSafeEqual(envHash, Buffer.from(h, "hex"))) return envToken.teamId;
    const row = await db.apiToken.findUnique({ where: { tokenHash: h } });
    if (!row || row.revokedAt) return null;
    if (!timingSafeEqual(Buffer.from(row.tokenHash, "hex"), Buffer.from(h, "hex"))) return null;
    void db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
    return row.teamId;
  };
}
