import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Log } from "../log.js";
import { sendJson } from "./api.js";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

/**
 * The bot's one HTTP server: Slack's /slack/events (HTTP mode), GET /healthz, and the /api/v1 routes.
 * Requests arriving while shutting down get 503 so a load balancer moves on.
 */
export function createHttpServer(opts: {
  slack?: ((req: IncomingMessage, res: ServerResponse) => void | Promise<void>) | undefined;
  ping: () => Promise<void>;
  api: RouteHandler;
  log: Log;
  isClosing: () => boolean;
}): Server {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
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
      sendJson(res, 404, { error: "not found" });
    } catch (e) {
      opts.log.error({ path: url.pathname, err: String(e) }, "http request failed");
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
    }
  });
}
