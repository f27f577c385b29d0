import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { errorFields, type Log } from "../log.js";
import { sendJson } from "./api.js";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

/** How long a client may take: slow-loris connections are cut instead of holding sockets forever. */
export interface HttpTimeouts {
  /** From connecting to the end of the request headers (Node answers 408 and closes). */
  headersMs: number;
  /** From connecting to the end of the request body (Node answers 408 and closes). */
  requestMs: number;
}

/**
 * The bot's one HTTP server: Slack's /slack/events (HTTP mode), GET /healthz, and the /api/v1 routes.
 * Requests arriving while shutting down get 503 so a load balancer moves on. A request line Node accepts but
 * WHATWG URL does not (`GET http://[ HTTP/1.1`) gets 400; any failure inside a handler is a 500 and a log line
 * with the error's class and code, never its message (which may quote customer data).
 */
export function createHttpServer(opts: {
  slack?: ((req: IncomingMessage, res: ServerResponse) => void | Promise<void>) | undefined;
  ping: () => Promise<void>;
  api: RouteHandler;
  log: Log;
  isClosing: () => boolean;
  timeouts: HttpTimeouts;
}): Server {
  const server = createServer(
    {
      headersTimeout: opts.timeouts.headersMs,
      requestTimeout: opts.timeouts.requestMs,
      // Node checks both timeouts on this interval (default 30 s): check often enough to honour short limits.
      connectionsCheckingInterval: Math.min(1000, opts.timeouts.headersMs),
    },
    (req, res) => void handle(req, res),
  );
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      req.resume();
      return sendJson(res, 400, { error: "bad request URL" });
    }
    try {
      if (opts.isClosing()) {
        res.setHeader("connection", "close");
        return sendJson(res, 503, { status: "shutting down" });
      }
      if (url.pathname === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
        try {
          await opts.ping();
          return sendJson(res, 200, { status: "ok", database: "ok" });
        } catch {
          return sendJson(res, 503, { status: "unavailable", database: "unreachable" });
        }
      }
      if (url.pathname === "/slack/events" && opts.slack) return await opts.slack(req, res);
      if (await opts.api(req, res, url)) return;
      req.resume();
      sendJson(res, 404, { error: "not found" });
    } catch (e) {
      opts.log.error({ method: req.method, err: errorFields(e) }, "http request failed");
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.destroy();
    }
  };
  return server;
}
