import type { IncomingMessage, ServerResponse } from "node:http";
import { HTTPModuleFunctions, type App } from "@slack/bolt";
import type { Log } from "../log.js";

/** A listener that can run without Bolt's dispatch: it reads only the event, the body and these two ids. */
export type EventLane = (args: { event: never; body: unknown; context: { teamId: string; botUserId: string } }) => Promise<void>;
/** Event type → its lane. The same listener functions Bolt runs for these events (Socket Mode). */
export type EventLanes = Readonly<Record<string, EventLane>>;

interface EventBody {
  type?: unknown;
  team_id?: unknown;
  event?: { type?: unknown; user?: unknown };
  authorizations?: { is_enterprise_install?: boolean }[];
}

/**
 * Events API callbacks are acked the moment their signature checks out, before Bolt builds a context for
 * them. Bolt acks every event before its listeners run anyway (`processBeforeResponse: false`), so the ack
 * means the same; what changes is that a burst's acks (a popular story collects hundreds of reactions a
 * minute) no longer queue behind Bolt's per-event work and the votes' database writes on the one event loop,
 * and that a busy moment can no longer let Bolt's 3-second "not acknowledged" timer answer first and make
 * the late ack fail. `function_executed` is the one event whose ack Bolt leaves to the listener: not here.
 */
export const isEarlyAckEvent = (body: EventBody | undefined): boolean =>
  body?.type === "event_callback" && typeof body.event?.type === "string" && body.event.type !== "function_executed";

/**
 * /slack/events in HTTP mode. Verifies the signature (Bolt's own check: HMAC, five-minute timestamp window)
 * and parses the body once. An Events API callback (see `isEarlyAckEvent`) is answered 200 at once; then, on
 * the next turn of the event loop, an event with a lane (reactions: the burst traffic) goes straight to its
 * listener, and any other event to `app.processEvent` (Bolt's middleware and listeners). Both are tracked by
 * `track`, so shutdown waits for them. Every other request, and any request whose signature fails, goes to
 * Bolt's HTTPReceiver unchanged (which verifies again, answers 401 or 400 and logs, and acks commands and
 * interactions as usual).
 *
 * Why a lane: Bolt runs every event through every registered listener's middleware (19 here), which costs a
 * reaction burst several times the work of the vote itself. A lane skips only that dispatch; it needs the
 * workspace from the body (Enterprise org-wide installs go through Bolt) and the bot's user id, and it drops
 * the bot's own events as Bolt's `ignoreSelf` does.
 */
export function slackEventsHandler(opts: {
  app: App;
  bolt: (req: IncomingMessage, res: ServerResponse) => void;
  signingSecret: string;
  lanes: EventLanes;
  botUserId: () => Promise<string>;
  track: <T>(work: Promise<T>) => Promise<T>;
  log: Log;
}) {
  const { app, bolt, signingSecret, lanes, track, log } = opts;
  const dispatch = async (body: EventBody, retry: { retryNum?: number | undefined; retryReason?: string | undefined }) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const eventType = body.event!.type as string;
    const lane = lanes[eventType];
    const orgWide = body.authorizations?.[0]?.is_enterprise_install === true;
    if (lane && typeof body.team_id === "string" && !orgWide) {
      const botUserId = await opts.botUserId().catch(() => undefined);
      if (botUserId) {
        if (body.event!.user === botUserId) return;
        return lane({ event: body.event as never, body, context: { teamId: body.team_id, botUserId } });
      }
    }
    return app.processEvent({ body: body as Record<string, unknown>, ack: async () => {}, ...retry, customProperties: {} });
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "POST" || !String(req.headers["content-type"] ?? "").startsWith("application/json")) return bolt(req, res);
    let body: EventBody | undefined;
    try {
      const buffered = await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ enabled: true, signingSecret }, req);
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered) as EventBody;
    } catch {
      // The body is buffered now; Bolt reads it from there, verifies again, answers and logs.
      return bolt(req, res);
    }
    if (!body || !isEarlyAckEvent(body)) return bolt(req, res);
    res.writeHead(200);
    res.end();
    const retry = {
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
    };
    track(dispatch(body, retry)).catch((e: unknown) => log.error({ err: String(e), event: body.event?.type }, "event processing failed"));
  };
}
