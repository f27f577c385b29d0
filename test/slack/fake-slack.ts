import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { WebSocketServer, type WebSocket } from "ws";
import { messageProblems, viewProblems } from "./block-kit-rules.js";

/** The bot scopes manifest.yml asks for: what the fake lets the app do (chat:write.public, channels:join). */
const MANIFEST_SCOPES: ReadonlySet<string> = (() => {
  const manifest = readFileSync(new URL("../../manifest.yml", import.meta.url), "utf8");
  const bot = /\n {4}bot:\n((?: {6}- .+\n)+)/.exec(manifest)?.[1] ?? "";
  return new Set([...bot.matchAll(/- (\S+)/g)].map((m) => m[1]!));
})();

const MESSAGE_METHODS = new Set(["chat.postMessage", "chat.postEphemeral", "chat.update", "chat.scheduleMessage"]);
const VIEW_METHODS = new Set(["views.open", "views.push", "views.update", "views.publish"]);
/** Conversations that are not channels: DMs (and user ids, which chat.postMessage turns into the DM). */
const isDirect = (ch: string) => /^[DUW]/.test(ch);

/** A payload Slack would have refused for breaking a documented Block Kit limit. */
export interface Violation {
  method: string;
  problems: string[];
}

export interface RecordedCall {
  method: string;
  args: Record<string, any>;
  /** The request's headers as received (lower-case names): `authorization` carries the token the client used. */
  headers: IncomingHttpHeaders;
  at: number;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

export interface FakeUser {
  locale?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  tz?: string;
  deleted?: boolean;
  team_id?: string;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  enterprise_id?: string;
  /** Names: `name` is the handle, `display_name` what Slack shows (may be empty), `real_name` the full name. */
  name?: string;
  real_name?: string;
  display_name?: string;
}

/** The token a Web API call was made with (`Authorization: Bearer <token>`), as Slack reads it; undefined without one. */
export function bearerToken(call: RecordedCall): string | undefined {
  return /^Bearer (\S+)$/.exec(call.headers.authorization ?? "")?.[1];
}

/** The workspace auth.test names: where the bot is installed. */
export const FAKE_TEAM_ID = "T0000000";

type Handler = (args: Record<string, any>, call: RecordedCall) => FakeReply | Record<string, unknown> | Promise<FakeReply | Record<string, unknown>>;

/** Decodes a Web API request body: WebClient sends form fields, JSON-encoding nested values. */
function decodeArgs(raw: string, contentType: string): Record<string, any> {
  if (contentType.includes("application/json")) return raw ? JSON.parse(raw) : {};
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}
const safeJson = (v: string) => {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

/** The file's bytes from an upload POST: raw bytes, or the first part of a multipart/form-data body (what WebClient sends). */
function fileBytes(body: Buffer, contentType: string): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!contentType.startsWith("multipart/form-data") || !boundary) return body;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = body.indexOf(delimiter);
  const headersEnd = body.indexOf("\r\n\r\n", start);
  const end = body.indexOf(Buffer.from(`\r\n${delimiter.toString()}`), headersEnd);
  return start === -1 || headersEnd === -1 || end === -1 ? body : body.subarray(headersEnd + 4, end);
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Slack's Web API on loopback: answers like Slack, records every call, and lets a test script failures
 * (errors, HTTP 429 with Retry-After). Also serves response_url posts and a Socket Mode WebSocket.
 * The only fake in the test suite.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: { id: string; body: any }[] = [];
  /**
   * Users by id, as users.info describes them: locale, Slack admin/owner flags, time zone, their own team
   * (`team_id`: another organisation's for a Slack Connect user), guest flags, deactivation.
   */
  readonly users = new Map<string, FakeUser>();
  /**
   * The workspace each user was last seen acting in (test helpers record it): users.info's default team_id. Tests
   * reuse one user id across their own random workspaces; a user with `team_id` set in `users` keeps that team.
   */
  readonly homeTeams = new Map<string, string>();
  /** Members of Slack user groups (usergroups.users.list); an unknown group answers no_such_subteam. */
  readonly userGroups = new Map<string, string[]>();
  /** Handles and names of user groups (usergroups.list); a group without one is listed by its id. */
  readonly userGroupNames = new Map<string, { handle: string; name: string }>();
  /** Channels shared with another organisation. */
  readonly externalChannels = new Set<string>();
  /** Channels that do not exist (channel_not_found). */
  readonly missingChannels = new Set<string>();
  /** Private channels: the bot cannot join them, and cannot see them unless a member invited it. */
  readonly privateChannels = new Set<string>();
  /** Archived channels: is_archived for joins and posts. */
  readonly archivedChannels = new Set<string>();
  /**
   * Channels the bot is a member of (joined with conversations.join, or invited: `join()`). Slack sends events
   * only from these, and conversations.history answers only for them; every other channel starts without the bot.
   */
  readonly members = new Set<string>();
  /** The bot's scopes: manifest.yml's unless a test changes them. */
  readonly scopes = new Set(MANIFEST_SCOPES);
  /**
   * Payloads refused for breaking a Block Kit limit. `stop()` throws while any are left, so every test that
   * uses the fake also checks that nothing the app sent would be refused by Slack; a test that provokes one
   * on purpose reads and clears this list.
   */
  readonly violations: Violation[] = [];
  readonly botUserId = "UBOT0000001";
  /** Bytes received at upload URLs (files.getUploadURLExternal), by file id, in arrival order. */
  readonly uploads: { fileId: string; size: number; content: Buffer }[] = [];
  private fileCounter = 0;
  private handlers = new Map<string, Handler>();
  private server: Server;
  private wss: WebSocketServer;
  private sockets: WebSocket[] = [];
  private tsCounter = 1_700_000_000_000;
  port = 0;

  constructor() {
    this.server = createServer(async (req, res) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (url.pathname.startsWith("/upload/")) {
        // Step 2 of Slack's upload flow: the file's bytes, POSTed to the upload_url files.getUploadURLExternal gave.
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const content = fileBytes(Buffer.concat(chunks), String(req.headers["content-type"] ?? ""));
        this.uploads.push({ fileId: url.pathname.slice("/upload/".length), size: content.length, content });
        res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${content.length}`);
        return;
      }
      const raw = await readAll(req);
      if (url.pathname.startsWith("/response/")) {
        const body = safeJson(raw);
        const problems = typeof body === "object" && body ? messageProblems(body) : ["body: not JSON"];
        if (problems.length) {
          this.violations.push({ method: "response_url", problems });
          res.writeHead(400, { "content-type": "text/plain" }).end("invalid_blocks");
          return;
        }
        this.responses.push({ id: url.pathname.slice("/response/".length), body });
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        return;
      }
      const method = url.pathname.replace(/^\/api\//, "");
      const args = decodeArgs(raw, String(req.headers["content-type"] ?? ""));
      const call: RecordedCall = { method, args, headers: req.headers, at: Date.now() };
      this.calls.push(call);
      const refused = this.blockKitError(method, args);
      if (refused) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(refused));
        return;
      }
      const handler = this.handlers.get(method) ?? ((a: Record<string, any>) => this.defaultReply(method, a));
      let reply = await handler(args, call);
      if (!("body" in reply)) reply = { body: reply };
      const r = reply as FakeReply;
      res.writeHead(r.status ?? 200, { "content-type": "application/json", ...(r.headers ?? {}) });
      res.end(JSON.stringify(r.body));
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on("upgrade", (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.push(ws);
        ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A1" } }));
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", () => r()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Base URL for `slackApiUrl`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url that records what the app sends to it. */
  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** Answers `method` with `handler` instead of the default reply; `undefined` restores the default. */
  on(method: string, handler: Handler | undefined): this {
    if (handler) this.handlers.set(method, handler);
    else this.handlers.delete(method);
    return this;
  }

  /** The bot was invited to (or joined) `channel`: Slack now sends its events and answers its history. */
  join(...channels: string[]): this {
    for (const c of channels) this.members.add(c);
    return this;
  }

  /** Whether Slack would deliver an event from `channel` to the app (DMs and the App Home always). */
  deliversFrom(channel: string | undefined): boolean {
    return !channel || isDirect(channel) || this.members.has(channel);
  }

  /** Slack's answer to a payload that breaks a Block Kit limit (recorded in `violations`), or null. */
  private blockKitError(method: string, args: Record<string, any>): Record<string, unknown> | null {
    const problems = MESSAGE_METHODS.has(method) ? messageProblems(args) : VIEW_METHODS.has(method) ? viewProblems(args.view) : [];
    if (!problems.length) return null;
    this.violations.push({ method, problems });
    const tooLong = problems.every((p) => p.startsWith("text:"));
    return { ok: false, error: tooLong ? "msg_too_long" : VIEW_METHODS.has(method) ? "invalid_arguments" : "invalid_blocks", response_metadata: { messages: problems } };
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits (polling, bounded) until a call matching `pred` was recorded. */
  async waitFor(method: string, pred: (c: RecordedCall) => boolean = () => true, timeoutMs = 5000): Promise<RecordedCall> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.calls.find((c) => c.method === method && pred(c));
      if (hit) return hit;
      if (Date.now() > end) throw new Error(`no ${method} call within ${timeoutMs} ms; saw: ${this.calls.map((c) => c.method).join(", ")}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Waits until `count` posts reached one response_url; resolves with them in order. */
  async waitForResponses(id: string, count: number, timeoutMs = 10_000): Promise<any[]> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const hits = this.responses.filter((r) => r.id === id).map((r) => r.body);
      if (hits.length >= count) return hits;
      if (Date.now() > end) throw new Error(`${hits.length} of ${count} response_url posts for ${id}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async waitForResponse(id: string, timeoutMs = 5000): Promise<any> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.responses.find((r) => r.id === id);
      if (hit) return hit.body;
      if (Date.now() > end) throw new Error(`no response_url post for ${id}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Sends a Socket Mode envelope to the connected app and resolves with its ack. */
  async sendEnvelope(envelope: { type: string; payload: unknown; accepts_response_payload?: boolean }, timeoutMs = 5000): Promise<any> {
    const end = Date.now() + timeoutMs;
    while (this.sockets.length === 0) {
      if (Date.now() > end) throw new Error("no Socket Mode connection");
      await new Promise((r) => setTimeout(r, 20));
    }
    const ws = this.sockets[this.sockets.length - 1]!;
    const envelope_id = `env-${Math.random().toString(36).slice(2)}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no ack")), timeoutMs);
      const onMessage = (data: Buffer) => {
        const msg = JSON.parse(data.toString());
        if (msg.envelope_id === envelope_id) {
          clearTimeout(timer);
          ws.off("message", onMessage);
          resolve(msg);
        }
      };
      ws.on("message", onMessage);
      ws.send(JSON.stringify({ envelope_id, ...envelope }));
    });
  }

  nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(this.tsCounter / 1000)}.${String(this.tsCounter % 1000).padStart(6, "0")}`;
  }

  private defaultReply(method: string, a: Record<string, any>): Record<string, unknown> {
    const channelError = (ch: string | undefined) => (ch && this.missingChannels.has(ch) ? { ok: false, error: "channel_not_found" } : null);
    /** Private channels the bot is not in are invisible to it. */
    const hidden = (ch: string) => this.privateChannels.has(ch) && !this.members.has(ch);
    /** Posting: members anywhere; public channels also with chat:write.public; archived channels never. */
    const postError = (ch: string | undefined) => {
      if (!ch || isDirect(ch)) return null;
      if (this.missingChannels.has(ch) || hidden(ch)) return { ok: false, error: "channel_not_found" };
      if (this.archivedChannels.has(ch)) return { ok: false, error: "is_archived" };
      if (!this.members.has(ch) && !this.scopes.has("chat:write.public")) return { ok: false, error: "not_in_channel" };
      return null;
    };
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://example.slack.com/", team: "Example", user: "retention-desk", team_id: FAKE_TEAM_ID, user_id: this.botUserId, bot_id: "B0000001" };
      case "apps.connections.open":
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
      case "users.info":
        return this.userInfo(a.user);
      case "usergroups.users.list": {
        const members = this.userGroups.get(a.usergroup);
        return members ? { ok: true, users: members } : { ok: false, error: "no_such_subteam" };
      }
      case "usergroups.list":
        return {
          ok: true,
          usergroups: [...this.userGroups.keys()].map((id) => ({ id, team_id: FAKE_TEAM_ID, ...(this.userGroupNames.get(id) ?? { handle: id.toLowerCase(), name: id }) })),
        };
      case "conversations.info":
        if (hidden(a.channel)) return { ok: false, error: "channel_not_found" };
        return channelError(a.channel) ?? { ok: true, channel: this.channelInfo(a.channel) };
      case "conversations.join": {
        if (!this.scopes.has("channels:join")) return { ok: false, error: "missing_scope", needed: "channels:join" };
        const err =
          channelError(a.channel) ??
          (this.privateChannels.has(a.channel) ? { ok: false, error: this.members.has(a.channel) ? "method_not_supported_for_channel_type" : "channel_not_found" } : null);
        if (err) return err;
        if (this.archivedChannels.has(a.channel)) return { ok: false, error: "is_archived" };
        const already = this.members.has(a.channel);
        this.members.add(a.channel);
        return { ok: true, channel: this.channelInfo(a.channel), ...(already ? { warning: "already_in_channel", response_metadata: { warnings: ["already_in_channel"] } } : {}) };
      }
      case "chat.postMessage":
        return postError(a.channel) ?? { ok: true, channel: a.channel, ts: this.nextTs(), message: { text: a.text, metadata: a.metadata } };
      case "chat.postEphemeral":
        return postError(a.channel) ?? { ok: true, message_ts: this.nextTs() };
      case "chat.update":
        return { ok: true, channel: a.channel, ts: a.ts };
      case "chat.getPermalink":
        return { ok: true, channel: a.channel, permalink: `https://example.slack.com/archives/${a.channel}/p${String(a.message_ts).replace(".", "")}` };
      case "views.open":
      case "views.push":
      case "views.update":
      case "views.publish":
        return { ok: true, view: { id: `V${Math.random().toString(36).slice(2, 10).toUpperCase()}` } };
      case "conversations.open": {
        // The bot's DM with one person: D + their user id here (Slack's ids differ; the fake keeps them readable).
        if (!this.scopes.has("im:write")) return { ok: false, error: "missing_scope", needed: "im:write" };
        const users = String(a.users ?? "").split(",");
        if (users.length !== 1 || !/^[UW]/.test(users[0]!)) return { ok: false, error: "users_list_not_supplied" };
        return { ok: true, channel: { id: `D${users[0]}` } };
      }
      case "conversations.history": {
        if (/^D/.test(a.channel ?? "")) return this.directHistory(a);
        if (this.missingChannels.has(a.channel) || hidden(a.channel)) return { ok: false, error: "channel_not_found" };
        if (!this.members.has(a.channel)) return { ok: false, error: "not_in_channel" };
        const messages = this.callsTo("chat.postMessage")
          .filter((c) => c.args.channel === a.channel)
          .map((c, i) => ({ type: "message", ts: String(i), text: c.args.text, metadata: c.args.metadata, bot_id: "B0000001" }))
          .reverse();
        return { ok: true, messages, has_more: false };
      }
      case "files.getUploadURLExternal": {
        const fileId = `F${String(++this.fileCounter).padStart(8, "0")}`;
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${fileId}`, file_id: fileId };
      }
      case "files.completeUploadExternal": {
        const files = Array.isArray(a.files) ? a.files : [];
        return { ok: true, files: files.map((f: { id: string; title?: string }) => ({ id: f.id, title: f.title ?? "" })) };
      }
      default:
        return { ok: true };
    }
  }

  /**
   * conversations.history of the bot's DM with one person (`D<user id>`, as conversations.open answers): im:history
   * needed; the bot's messages posted to that DM or to the user id, newest first, `limit` a page with a cursor, and
   * message metadata only with include_all_metadata, as Slack answers. A message's ts is its order among the posts.
   */
  private directHistory(a: Record<string, any>): Record<string, unknown> {
    if (!this.scopes.has("im:history")) return { ok: false, error: "missing_scope", needed: "im:history" };
    const user = String(a.channel).slice(1);
    const withMetadata = a.include_all_metadata === true || a.include_all_metadata === "true";
    const all = this.callsTo("chat.postMessage")
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.args.channel === a.channel || c.args.channel === user)
      .map(({ c, i }) => ({
        type: "message",
        ts: String(i),
        text: c.args.text,
        blocks: c.args.blocks,
        bot_id: "B0000001",
        ...(withMetadata && c.args.metadata ? { metadata: c.args.metadata } : {}),
      }))
      .reverse();
    const start = Number(a.cursor ?? 0);
    const limit = Math.max(1, Math.min(Number(a.limit ?? 100), 999));
    const messages = all.slice(start, start + limit);
    const more = start + limit < all.length;
    return { ok: true, messages, has_more: more, ...(more ? { response_metadata: { next_cursor: String(start + limit) } } : {}) };
  }

  /** Records the workspace a user acts in, as Slack knows each user's own team. */
  meet(userId: string | undefined, teamId: string | undefined): void {
    if (userId && teamId) this.homeTeams.set(userId, teamId);
  }

  /**
   * users.info as Slack answers it (the fields the bot reads, with Slack's names). A user never seen acting belongs
   * to the workspace auth.test names.
   */
  private userInfo(id: string): Record<string, unknown> {
    const f = this.users.get(id) ?? {};
    const teamId = f.team_id ?? this.homeTeams.get(id) ?? FAKE_TEAM_ID;
    const realName = f.real_name ?? "";
    return {
      ok: true,
      user: {
        id,
        team_id: teamId,
        name: f.name ?? id.toLowerCase(),
        real_name: realName,
        deleted: f.deleted ?? false,
        tz: f.tz ?? "UTC",
        locale: f.locale ?? "en-US",
        is_admin: f.is_admin ?? false,
        is_owner: f.is_owner ?? false,
        is_primary_owner: f.is_primary_owner ?? false,
        is_restricted: f.is_restricted ?? false,
        is_ultra_restricted: f.is_ultra_restricted ?? false,
        is_bot: false,
        is_app_user: false,
        ...(f.enterprise_id ? { enterprise_user: { id, enterprise_id: f.enterprise_id, enterprise_name: "Example Org", is_admin: false, is_owner: false, teams: [teamId] } } : {}),
        profile: { real_name: realName, display_name: f.display_name ?? "", team: teamId },
      },
    };
  }

  private channelInfo(id: string) {
    return {
      id,
      name: id.toLowerCase(),
      is_channel: true,
      is_private: this.privateChannels.has(id),
      is_archived: this.archivedChannels.has(id),
      is_member: this.members.has(id),
      is_ext_shared: this.externalChannels.has(id),
    };
  }

  /** Stops the server; throws when Slack would have refused something the app sent (see `violations`). */
  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
    if (this.violations.length) {
      const list = this.violations.map((v) => `${v.method}: ${v.problems.slice(0, 5).join("; ")}`).join("\n");
      throw new Error(`Slack would have refused ${this.violations.length} payload(s) for Block Kit limits:\n${list}`);
    }
  }
}
