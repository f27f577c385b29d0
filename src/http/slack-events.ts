import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseForm } from "node:querystring";
import { HTTPModuleFunctions, verifySlackRequest, type App } from "@slack/bolt";
import { errorFields, type Log } from "../log.js";
import { BodyError, readBodyCapped, refuseBody } from "./read-body.js";
import { isSlackEnvelope } from "./slack-envelope.js";

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
 * means the same, but a burst's acks (a popular story collects hundreds of reactions a minute) never queue
 * behind Bolt's per-event work and the votes' database writes on the one event loop, and a busy moment cannot
 * let Bolt's 3-second "not acknowledged" timer answer first and make the late ack fail. `function_executed` is the one event whose ack Bolt leaves to the listener: not here.
 */
export const isEarlyAckEvent = (body: EventBody | undefined): boolean =>
  body?.type === "event_callback" && typeof body.event?.type === "string" && body.event.type !== "function_executed";

/**
 * The largest body /slack/events reads. Slack's own payloads are small; the largest real ones are a
 * `message_changed` event (the manifest subscribes to message.channels), which carries the new and the
 * previous message, each up to 40,000 characters of text plus the same text again in rich_text blocks,
 * JSON-escaped at up to 6 bytes a character: about 1 MB; and a view submission of our largest modal (the
 * story: five inputs of at most 3,000 characters, percent-encoded at up to 9 bytes a character, plus the view
 * itself): under 200 kB. 2 MiB fits both with room; anything larger is not from Slack.
 */
export const SLACK_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** Slack's replay window: a request timestamped more than this far from our clock, either way, is refused. */
export const SLACK_TIMESTAMP_WINDOW_S = 5 * 60;

/**
 * Checks a request's v0 signature and that its timestamp lies within five minutes of `nowMs` in either
 * direction (Bolt's own check refuses only stale ones, so a signature captured with a future timestamp could
 * be replayed for as long as that lies ahead). Throws when either fails.
 */
export function verifySlackSignature(opts: { signingSecret: string; body: string; signature: string | undefined; timestamp: string | undefined; nowMs: number }) {
  const ts = Number(opts.timestamp);
  if (!opts.timestamp || !Number.isInteger(ts)) throw new Error("missing or malformed x-slack-request-timestamp");
  if (Math.abs(Math.floor(opts.nowMs / 1000) - ts) > SLACK_TIMESTAMP_WINDOW_S) throw new Error("x-slack-request-timestamp outside the five-minute window");
  if (!opts.signature) throw new Error("missing x-slack-signature");
  verifySlackRequest({
    signingSecret: opts.signingSecret,
    body: opts.body,
    headers: { "x-slack-signature": opts.signature, "x-slack-request-timestamp": ts },
    nowMilliseconds: opts.nowMs,
  });
}

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return typeof v === "string" ? v : undefined;
};

/**
 * /slack/events in HTTP mode, in front of Bolt's HTTPReceiver. Every request is checked here first:
 * POST only (405), a body of at most SLACK_BODY_LIMIT_BYTES read by counting (413, nothing more buffered),
 * the signature and a timestamp within five minutes either way (401), a body Bolt can parse (400) and an
 * envelope shaped as Slack sends it (`isSlackEnvelope`, 400). Unsigned `ssl_check=1` pings get 200.
 *
 * Then an Events API callback (see `isEarlyAckEvent`) is answered 200 at once; on the next turn of the event
 * loop, an event with a lane (reactions: the burst traffic) goes straight to its listener, and any other event
 * to `app.processEvent` (Bolt's middleware and listeners). Both are tracked by `track`, so shutdown waits for
 * them. Every other request goes to Bolt's HTTPReceiver with its body already read (Bolt reads `rawBody`
 * instead of the stream, verifies again, and acks commands and interactions as usual).
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
  now?: () => number;
}) {
  const { app, bolt, signingSecret, lanes, track, log } = opts;
  const now = opts.now ?? Date.now;
  const dispatch = async (body: EventBody, retry: { retryNum?: number | undefined; retryReason?: string | undefined }) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const eventType = body.event!.type as string;
    const lane = Object.hasOwn(lanes, eventType) ? lanes[eventType] : undefined;
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
  const answer = (res: ServerResponse, status: number, headers: Record<string, string> = {}) => {
    res.writeHead(status, headers);
    res.end();
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "POST") {
      req.resume();
      return answer(res, 405, { allow: "POST" });
    }
    let raw: Buffer;
    try {
      raw = await readBodyCapped(req, SLACK_BODY_LIMIT_BYTES);
    } catch (e) {
      if (e instanceof BodyError) return refuseBody(res, e.status, "");
      throw e;
    }
    const text = raw.toString("utf8");
    const contentType = header(req, "content-type");
    if (contentType === "application/x-www-form-urlencoded" && parseForm(text).ssl_check === "1") return answer(res, 200);
    try {
      verifySlackSignature({ signingSecret, body: text, signature: header(req, "x-slack-signature"), timestamp: header(req, "x-slack-request-timestamp"), nowMs: now() });
    } catch (e) {
      log.warn({ reason: e instanceof Error ? e.message : "unknown" }, "refused an unverified Slack request");
      return answer(res, 401);
    }
    let body: unknown;
    try {
      // Bolt's own parser (JSON, form fields, or a form's `payload` JSON), so both see the same body.
      body = HTTPModuleFunctions.parseHTTPRequestBody(Object.assign(req, { rawBody: raw }));
    } catch {
      body = undefined;
    }
    if (!isSlackEnvelope(body)) {
      log.warn({ contentType }, "refused a signed Slack request that is not shaped as Slack sends it");
      return answer(res, 400);
    }
    const envelope = body as EventBody;
    if (!isEarlyAckEvent(envelope)) return bolt(req, res);
    answer(res, 200);
    const retry = {
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
    };
    track(dispatch(envelope, retry)).catch((e: unknown) => log.error({ err: errorFields(e), event: envelope.event?.type }, "event processing failed"));
  };
}
