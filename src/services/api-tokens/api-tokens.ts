import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../../db/client.js";
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
