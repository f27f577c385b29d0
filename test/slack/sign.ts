import { createHmac } from "node:crypto";

export const SIGNING_SECRET = "test-signing-secret-0123456789";

/** Slack's v0 request signature: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}`. */
export function signature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SignedPostOptions {
  contentType: "application/x-www-form-urlencoded" | "application/json";
  timestamp?: number;
  secret?: string;
  /** Replace the signature (e.g. with garbage) or omit it (null). */
  signatureOverride?: string | null;
  headers?: Record<string, string>;
}

/** POSTs a body to the app's /slack/events exactly as Slack does, signed. */
export async function signedPost(url: string, body: string, opts: SignedPostOptions): Promise<Response> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { "content-type": opts.contentType, "x-slack-request-timestamp": String(ts), ...(opts.headers ?? {}) };
  if (opts.signatureOverride !== null) headers["x-slack-signature"] = opts.signatureOverride ?? signature(body, ts, opts.secret);
  return fetch(url, { method: "POST", headers, body });
}
