import { describe, expect, it } from "vitest";
import { startTestBot, useTestBot, BOT_TOKEN } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds } from "../helpers/store.js";
import { slashCommand } from "../slack/payloads.js";
import { SIGNING_SECRET, signedPost } from "../slack/sign.js";

describe.each(storeKinds())("Slack requests and health on %s", (kind) => {
  const h = useTestBot(kind);

  const quickLog = (teamId: string) => slashCommand({ teamId, userId: "U0X" }, { command: "/insight", text: "- Acme: too slow", responseUrl: h.t.fake.responseUrl("sig") });

  it.each([
    ["unsigned", { signatureOverride: null }],
    ["badly signed", { signatureOverride: "v0=deadbeef" }],
    ["signed with another secret", { secret: "another-secret-entirely" }],
    ["stale (older than 5 minutes)", { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
  ])("rejects %s requests and changes nothing", async (_name, opts) => {
    const teamId = newTeamId();
    const res = await signedPost(`${h.t.baseUrl}/slack/events`, quickLog(teamId), { contentType: "application/x-www-form-urlencoded", ...opts });
    expect(res.status).toBe(401);
    await h.t.idle();
    expect(await h.store.db.insight.count({ where: { teamId } })).toBe(0);
  });

  it("accepts a correctly signed request (the control for the cases above)", async () => {
    const teamId = newTeamId();
    const res = await signedPost(`${h.t.baseUrl}/slack/events`, quickLog(teamId), { contentType: "application/x-www-form-urlencoded", secret: SIGNING_SECRET });
    expect(res.status).toBe(200);
    await h.t.idle();
    expect(await h.store.db.insight.count({ where: { teamId } })).toBe(1);
  });

  it("answers Slack's url_verification challenge", async () => {
    const res = await signedPost(`${h.t.baseUrl}/slack/events`, JSON.stringify({ type: "url_verification", challenge: "abc123", token: "x" }), { contentType: "application/json" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("abc123");
  });

  it("GET /healthz does a database round trip", async () => {
    const res = await fetch(`${h.t.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("writes one JSON object per line and never logs the bot token or the customer's words", async () => {
    const teamId = newTeamId();
    await h.t.command({ teamId, userId: "U0LOG" }, "/insight", "- Secretive Co: our CFO hates the invoice layout");
    await h.t.idle();
    expect(h.t.rawLogs.length).toBeGreaterThan(0);
    for (const line of h.t.rawLogs) expect(() => JSON.parse(line)).not.toThrow();
    const all = h.t.rawLogs.join("\n");
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
    expect(all).not.toContain("hates the invoice layout");
  });
});

describe("health when the database is down", () => {
  it("GET /healthz answers 503", async () => {
    const store = await createTestStore("pglite");
    const t = await startTestBot(store);
    try {
      await store.close();
      const res = await fetch(`${t.baseUrl}/healthz`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { database: string }).database).toBe("unreachable");
    } finally {
      await t.stop();
    }
  });
});

describe("graceful shutdown", () => {
  it("finishes work in flight, then refuses new requests", async () => {
    const store = await createTestStore("pglite");
    const t = await startTestBot(store);
    const teamId = newTeamId();
    // Slow Slack: the routing post takes 300 ms, so the listener is still running when stop() is called.
    t.fake.on("conversations.info", async (a) => {
      await new Promise((r) => setTimeout(r, 300));
      return { ok: true, channel: { id: a.channel } };
    });
    await store.db.insightRoute.create({ data: { teamId, team: "product", channelId: "C0SLOW", setBy: "U0" } });
    await t.command({ teamId, userId: "U0SHUT" }, "/insight", "= Slowpoke: fine I guess");
    await new Promise((r) => setTimeout(r, 50));
    await t.bot.stop(5000);
    expect(t.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === "C0SLOW")).toHaveLength(1);
    expect(await store.db.insight.count({ where: { teamId } })).toBe(1);
    await expect(fetch(`${t.baseUrl}/healthz`)).rejects.toThrow();
    await t.fake.stop();
    await store.close();
  });
});
