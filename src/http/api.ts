import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { isAppError } from "../errors/app-error.js";
import { errorFields, type Log } from "../log.js";
import type { ApiPrincipal, ApiScope } from "../services/api-tokens/api-tokens.js";
import { BodyError, readBodyCapped, refuseBody } from "./read-body.js";
import { appErrorResponse } from "./app-error-status.js";

/** An authenticated API request, scoped to the token's workspace. */
export interface ApiRequest {
  teamId: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** The request's Accept header (routes that answer CSV or JSON read it). */
  accept: string | undefined;
  /**
   * The request's Idempotency-Key header (trimmed, 1-200 characters, else 400), or a fresh random key when absent:
   * a write sent twice with the same key changes nothing the second time.
   */
  idempotencyKey: string;
}

/** A JSON answer, or a streamed one (`stream` yields the body's text in pieces; see export routes). */
export type ApiResponse =
  | { status: number; body: unknown; headers?: Record<string, string> }
  | { status: number; stream: AsyncIterable<string>; contentType: string; headers?: Record<string, string> };

export interface ApiRoute {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path with `:name` segments, e.g. /api/v1/customers/:id/prediction */
  path: string;
  /** The token scope the route needs; GET routes need `read`, every other method `write`, unless set. */
  scope?: ApiScope;
  handler: (req: ApiRequest) => Promise<ApiResponse>;
}

const ZIdempotencyKey = z.string().trim().min(1).max(200);

function readIdempotencyKey(header: string | string[] | undefined): string {
  if (header === undefined) return randomUUID();
  const parsed = ZIdempotencyKey.safeParse(header);
  if (!parsed.success) throw new HttpError(400, "the Idempotency-Key header must be one value of 1 to 200 characters");
  return parsed.data;
}

/** Resolves a bearer token to its workspace and scopes, or null (unknown, revoked or expired). */
export type TokenCheck = (token: string) => Promise<ApiPrincipal | null>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function compile(path: string): { re: RegExp; names: string[] } {
  const names: string[] = [];
  const re = new RegExp(`^${path.replace(/:([a-zA-Z]+)/g, (_, n: string) => (names.push(n), "([^/]+)"))}/?$`);
  return { re, names };
}

/** The route's `:name` values, percent-decoded; null when one is not valid percent-encoded UTF-8 (`%E0%A4%A`). */
function decodeParams(names: string[], match: RegExpExecArray): Record<string, string> | null {
  const params: Record<string, string> = Object.create(null);
  try {
    names.forEach((n, i) => {
      params[n] = decodeURIComponent(match[i + 1] ?? "");
    });
  } catch (e) {
    if (e instanceof URIError) return null;
    throw e;
  }
  return params;
}

export const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
};

/** Writes a streamed answer piece by piece, waiting for the socket to drain (a slow reader holds no more than a piece). */
async function sendStream(res: ServerResponse, out: Extract<ApiResponse, { stream: unknown }>): Promise<void> {
  res.writeHead(out.status, { "content-type": out.contentType, "cache-control": "no-store", ...out.headers });
  for await (const piece of out.stream) {
    if (res.destroyed) return;
    if (!res.write(piece)) await new Promise<void>((resolve) => (res.once("drain", resolve), res.once("close", resolve)));
  }
  res.end();
}

/**
 * The ingestion/read API under /api/v1: bearer-token authentication (tokens are workspace-scoped),
 * a body size limit, JSON in and out. Returns false when no route matched the path.
 */
export function apiHandler(opts: { routes: ApiRoute[]; checkToken: TokenCheck; bodyLimit: number; log: Log }) {
  const compiled = opts.routes.map((r) => ({ ...r, ...compile(r.path) }));
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const candidates = compiled.filter((r) => r.re.test(url.pathname));
    if (candidates.length === 0) return false;
    const route = candidates.find((r) => r.method === req.method);
    if (!route) {
      sendJson(res, 405, { error: "method not allowed" });
      return true;
    }
    try {
      const auth = req.headers.authorization ?? "";
      const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
      const principal = token ? await opts.checkToken(token) : null;
      if (!principal) {
        req.resume();
        sendJson(res, 401, { error: "missing or invalid API token" });
        return true;
      }
      const needs = route.scope ?? (route.method === "GET" ? "read" : "write");
      if (!principal.scopes.includes(needs)) {
        req.resume();
        sendJson(res, 403, { error: `this API token lacks the ${needs} scope`, scope: needs });
        return true;
      }
      const { teamId } = principal;
      const m = route.re.exec(url.pathname)!;
      const params = decodeParams(route.names, m);
      if (!params) {
        req.resume();
        sendJson(res, 400, { error: "the path is not valid percent-encoded UTF-8" });
        return true;
      }
      let body: unknown;
      if (req.method === "POST" || req.method === "PATCH") {
        const raw = (await readBodyCapped(req, opts.bodyLimit)).toString("utf8");
        try {
          body = raw ? JSON.parse(raw) : {};
        } catch {
          throw new HttpError(400, "body is not valid JSON");
        }
      }
      const idempotencyKey = readIdempotencyKey(req.headers["idempotency-key"]);
      const out = await route.handler({ teamId, params, query: url.searchParams, body, accept: req.headers.accept, idempotencyKey });
      if ("stream" in out) await sendStream(res, out);
      else sendJson(res, out.status, out.body, out.headers);
    } catch (e) {
      if (res.headersSent) {
        // A stream failed half-way: the client must not take the truncated body for a whole one.
        opts.log.error({ route: route.path, err: errorFields(e) }, "api stream failed");
        res.destroy();
      } else if (e instanceof BodyError) refuseBody(res, e.status, JSON.stringify({ error: e.message }));
      else if (e instanceof HttpError) sendJson(res, e.status, { error: e.message }, e.headers);
      else if (isAppError(e)) {
        const out = appErrorResponse(e);
        sendJson(res, out.status, out.body, out.headers);
      } else if (e instanceof z.ZodError) sendJson(res, 400, { error: "invalid request", issues: e.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
      else {
        opts.log.error({ route: route.path, err: errorFields(e) }, "api request failed");
        sendJson(res, 500, { error: "internal error" });
      }
    }
    return true;
  };
}
