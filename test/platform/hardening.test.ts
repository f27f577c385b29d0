import { EventEmitter } from "node:events";
import { request } from "node:http";
import { connect } from "node:net";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, guardProcess } from "../../src/log.js";
import { SLACK_BODY_LIMIT_BYTES } from "../../src/http/slack-events.js";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { insightValues, storyValues } from "../capture/values.js";
import { reactionEvent, seedStory } from "../ratings/fixtures.js";
import { interactive, slashCommand, viewSubmission } from "../slack/payloads.js";
import { signature, signedPost } from "../slack/sign.js";

/** Writes `raw` on a fresh TCP connection and resolves with everything the server sent until it closed. */
function rawExchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(raw));
    let got = "";
    socket.on("data", (d) => {
      got += d;
      // A complete response to one request: stop waiting for keep-alive to time out.
      if (/\r\n\r\n/.test(got)) socket.end();
    });
    socket.on("close", () => resolve(got));
    socket.on("error", reject);
  });
}

/**
 * Sends an endless chunked body until the server answers; resolves with the status and how many bytes were
 * sent by then. The server must answer while the upload is still going (it never waits for the end).
 */
function endlessUpload(url: string, headers: Record<string, string>): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    const req = request(url, { method: "POST", headers }, (res) => {
      answered = true;
      res.resume();
      req.destroy();
      resolve({ status: res.statusCode ?? 0, sent });
    });
    req.on("error", (e) => (answered ? undefined : reject(e)));
    const pump = () => {
      while (!answered && sent < 1024 * 1024 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
    };
    pump();
  });
}

const now = () => Math.floor(Date.now() / 1000);

describe("requests that must not take the bot down (HTTP mode)", () => {
  const TOKEN = "hardening-test-token-0123456789";
  const h = useTestBot("pglite", {
    HTTP_HEADERS_TIMEOUT_MS: "300",
    HTTP_REQUEST_TIMEOUT_MS: "5000",
    INGEST_TOKEN: TOKEN,
    INGEST_TEAM_ID: "T0HARDEN",
    API_BODY_LIMIT_BYTES: "100000",
  });
  const port = () => Number(new URL(h.t.baseUrl).port);
  const events = () => `${h.t.baseUrl}/slack/events`;

  it("answers 400 to a request line whose URL cannot be parsed, and keeps serving", async () => {
    const answer = await rawExchange(port(), "GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect((await fetch(`${h.t.baseUrl}/healthz`)).status).toBe(200);
  });

  it("answers 405 to GET /slack/events", async () => {
    const res = await fetch(events());
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it("refuses a Slack body whose Content-Length is over the limit without reading it (413)", async () => {
    const answer = await rawExchange(port(), `POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 300000000\r\n\r\n{"type":`);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  });

  it("stops reading an endless unsigned Slack body at the limit and answers 413 while it is still being sent", async () => {
    const { status, sent } = await endlessUpload(events(), { "content-type": "application/json" });
    expect(status).toBe(413);
    expect(sent).toBeLessThan(1024 * 1024 * 1024);
    expect(sent).toBeGreaterThan(SLACK_BODY_LIMIT_BYTES);
    expect((await fetch(`${h.t.baseUrl}/healthz`)).status).toBe(200);
  });

  it("accepts a signed Slack body just under the limit (a long message_changed event)", async () => {
    const teamId = newTeamId();
    const envelope = {
      token: "legacy",
      team_id: teamId,
      api_app_id: "A0APP",
      type: "event_callback",
      event_id: "EvBIG",
      event_time: now(),
      event: { type: "message", subtype: "message_changed", channel: "C0X", message: { text: "" } },
    };
    const padding = SLACK_BODY_LIMIT_BYTES - JSON.stringify(envelope).length - 16;
    envelope.event.message.text = "x".repeat(padding);
    const res = await signedPost(events(), JSON.stringify(envelope), { contentType: "application/json" });
    expect(res.status).toBe(200);
  });

  it("cuts a client that sends its headers too slowly (slow-loris): 408 and the connection closed", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port(), "127.0.0.1", () => socket.write("POST /slack/events HTTP/1.1\r\nHost: x\r\n"));
      let got = "";
      socket.on("data", (d) => (got += d));
      socket.on("close", () => resolve(got));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it.each([
    ["JSON null", "null", "application/json"],
    ["a JSON array", "[]", "application/json"],
    ["a JSON string", '"event_callback"', "application/json"],
    ["an empty object", "{}", "application/json"],
    ["an event_callback without an event", JSON.stringify({ type: "event_callback", team_id: "T1" }), "application/json"],
    ["an event whose type is not a string", JSON.stringify({ type: "event_callback", team_id: "T1", event: { type: 7 } }), "application/json"],
    ["not JSON at all", "{nope", "application/json"],
    ["a form payload of null", "payload=null", "application/x-www-form-urlencoded"],
    ["a form payload without a user", `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", actions: [] }))}`, "application/x-www-form-urlencoded"],
    [
      "block actions without an action",
      `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", user: { id: "U1" }, team: { id: "T1" }, actions: [] }))}`,
      "application/x-www-form-urlencoded",
    ],
    [
      "a shortcut without a callback id",
      `payload=${encodeURIComponent(JSON.stringify({ type: "shortcut", user: { id: "U1" }, team: { id: "T1" } }))}`,
      "application/x-www-form-urlencoded",
    ],
    [
      "a view submission without a view",
      `payload=${encodeURIComponent(JSON.stringify({ type: "view_submission", user: { id: "U1" }, team: { id: "T1" } }))}`,
      "application/x-www-form-urlencoded",
    ],
    ["a command without a user", "command=%2Fkpi&text=&team_id=T1&channel_id=C1", "application/x-www-form-urlencoded"],
  ] as const)("answers 400 to a correctly signed body that is %s, and keeps serving", async (_name, body, contentType) => {
    const res = await signedPost(events(), body, { contentType });
    expect(res.status).toBe(400);
    expect((await fetch(`${h.t.baseUrl}/healthz`)).status).toBe(200);
  });

  it("still answers unsigned ssl_check pings (Slack's certificate check)", async () => {
    const res = await fetch(events(), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "ssl_check=1&token=x" });
    expect(res.status).toBe(200);
  });

  it.each(["%E0%A4%A", "%ZZ", "%C3%28"])("answers 400 to an API path with bad percent-encoding (%s)", async (bad) => {
    const res = await fetch(`${h.t.baseUrl}/api/v1/customers/${bad}/prediction`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(400);
  });

  it("stops reading an endless API body at API_BODY_LIMIT_BYTES and answers 413", async () => {
    const { status, sent } = await endlessUpload(`${h.t.baseUrl}/api/v1/purchases`, { "content-type": "application/json", authorization: `Bearer ${TOKEN}` });
    expect(status).toBe(413);
    expect(sent).toBeLessThan(1024 * 1024 * 1024);
  });
});

describe("process guards", () => {
  const capture = () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (c, _e, cb) => (lines.push(...String(c).split("\n").filter(Boolean)), cb()) });
    return { lines, log: createLogger("info", sink) };
  };

  it("logs an unhandled rejection as one fatal JSON line without its message, and keeps the process", async () => {
    const proc = new EventEmitter();
    const { lines, log } = capture();
    let exited = false;
    guardProcess(proc, log, () => (exited = true));
    proc.emit("unhandledRejection", new TypeError("Cannot read properties of null (customer Wile E. Coyote)"));
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 60, msg: "unhandled promise rejection", err: { name: "TypeError" }, keepServing: true });
    expect(lines[0]).not.toContain("Coyote");
    expect(exited).toBe(false);
  });

  it("logs an uncaught exception as a fatal line and hands over to the stop path", async () => {
    const proc = new EventEmitter();
    const { lines, log } = capture();
    let stopped: Error | undefined;
    guardProcess(proc, log, (e) => (stopped = e));
    const boom = Object.assign(new RangeError("bad value 'Acme Corp'"), { code: "ERR_X" });
    proc.emit("uncaughtException", boom);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 60, msg: "uncaught exception", err: { name: "RangeError", code: "ERR_X" }, keepServing: false });
    expect(lines[0]).not.toContain("Acme");
    expect(stopped).toBe(boom);
  });
});

describe.each(storeKinds())("request timestamps and view submissions on %s", (kind) => {
  const h = useTestBot(kind);
  const events = () => `${h.t.baseUrl}/slack/events`;

  it.each([
    ["one hour ahead", 3600],
    ["ten years ahead", 10 * 365 * 86400],
    ["six minutes ahead", 6 * 60],
  ])("refuses a correctly signed request timestamped %s, on the command path and the event lane", async (_name, ahead) => {
    const teamId = newTeamId();
    const timestamp = now() + ahead;
    const command = slashCommand({ teamId, userId: "U0X" }, { command: "/insight", text: "- Acme: too slow", responseUrl: h.t.fake.responseUrl("future") });
    expect((await signedPost(events(), command, { contentType: "application/x-www-form-urlencoded", timestamp })).status).toBe(401);
    const { channelId, ts } = await seedStory(h.store.db, teamId, { title: "Future" });
    const reaction = JSON.stringify(reactionEvent(teamId, { user: "U0FAN", reaction: "star", channel: channelId, ts }));
    expect((await signedPost(events(), reaction, { contentType: "application/json", timestamp })).status).toBe(401);
    await h.t.idle();
    expect(await h.store.db.insight.count({ where: { teamId } })).toBe(0);
    expect(await h.store.db.vote.count({ where: { teamId } })).toBe(0);
  });

  it("accepts a request timestamped four minutes ahead (clock skew inside the window)", async () => {
    const teamId = newTeamId();
    const { channelId, ts } = await seedStory(h.store.db, teamId, { title: "Skew" });
    const reaction = JSON.stringify(reactionEvent(teamId, { user: "U0FAN", reaction: "star", channel: channelId, ts }));
    expect((await signedPost(events(), reaction, { contentType: "application/json", timestamp: now() + 4 * 60 })).status).toBe(200);
    await h.t.idle();
    expect(await h.store.db.vote.count({ where: { teamId } })).toBe(1);
  });

  it("refuses a request whose timestamp header is not a number", async () => {
    const body = JSON.stringify({ type: "url_verification", challenge: "c" });
    const res = await fetch(events(), {
      method: "POST",
      headers: { "content-type": "application/json", "x-slack-request-timestamp": "soon", "x-slack-signature": signature(body, now()) },
      body,
    });
    expect(res.status).toBe(401);
  });

  const unreadable: [string, (teamId: string) => unknown][] = [
    ["state values that are strings", (teamId) => viewSubmission({ teamId, userId: "U0JA" }, { callbackId: "insight_modal", values: { quote: "oops" } as never })],
    [
      "state values that are null",
      (teamId) => ({
        ...viewSubmission({ teamId, userId: "U0JA" }, { callbackId: "story_modal", values: {} }),
        view: { id: "V1", callback_id: "story_modal", state: { values: null }, private_metadata: "" },
      }),
    ],
    [
      "private_metadata that is not JSON",
      (teamId) => viewSubmission({ teamId, userId: "U0JA" }, { callbackId: "insight_modal", values: insightValues({}), privateMetadata: "{not json" }),
    ],
    ["private_metadata that is JSON null", (teamId) => viewSubmission({ teamId, userId: "U0JA" }, { callbackId: "story_modal", values: storyValues({}), privateMetadata: "null" })],
  ];

  it.each(unreadable)("acknowledges a view submission with %s with a message in the user's language, saving nothing", async (_name, build) => {
    const teamId = newTeamId();
    h.t.fake.users.set("U0JA", { locale: "ja-JP" });
    const res = await h.t.interact(build(teamId));
    expect(res.status).toBe(200);
    const ack = (await res.json()) as { response_action: string; view: { title: { text: string }; blocks: { text: { text: string } }[] } };
    expect(ack.response_action).toBe("update");
    expect(ack.view.title.text).toBe("保存できませんでした");
    expect(ack.view.blocks[0]!.text.text).toContain("何も保存されていません");
    await h.t.idle();
    expect(await h.store.db.insight.count({ where: { teamId } })).toBe(0);
    expect(await h.store.db.story.count({ where: { teamId } })).toBe(0);
  });

  it("a well-formed view submission is still saved (the control for the cases above)", async () => {
    const teamId = newTeamId();
    const res = await h.t.interact(
      viewSubmission({ teamId, userId: "U0EN" }, { callbackId: "insight_modal", values: insightValues({}), privateMetadata: JSON.stringify({ channelId: "C0X" }) }),
    );
    expect(res.status).toBe(200);
    await h.t.idle();
    expect(await h.store.db.insight.count({ where: { teamId } })).toBe(1);
  });

  it("a form-encoded interaction whose payload is a correct view_submission but signed for another body is refused", async () => {
    const teamId = newTeamId();
    const body = interactive(viewSubmission({ teamId, userId: "U0EN" }, { callbackId: "insight_modal", values: insightValues({}) }));
    const res = await signedPost(events(), body, { contentType: "application/x-www-form-urlencoded", signatureOverride: signature("other", now()) });
    expect(res.status).toBe(401);
  });
});
