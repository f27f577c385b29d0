import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_TOKEN, startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, type TestStore } from "../helpers/store.js";
import { bearerToken } from "../slack/fake-slack.js";

const APP_TOKEN = "xapp-1-A0APP-1234-test-app-token";

describe("Socket Mode over a real WebSocket", () => {
  let store: TestStore;
  let t: TestBot;
  beforeAll(async () => {
    store = await createTestStore("pglite");
    t = await startTestBot(store, { SLACK_APP_TOKEN: APP_TOKEN });
  });
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  it("connects through apps.connections.open with the app token", async () => {
    const open = await t.fake.waitFor("apps.connections.open");
    expect(open.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    // The app token goes in the header only, never in the form body Slack would also read a token from.
    expect(open.args.token).toBeUndefined();
  });

  it("acks a slash command envelope and logs the insight, calling the Web API with the bot token", async () => {
    const teamId = newTeamId();
    const before = t.fake.calls.length;
    const ack = await t.fake.sendEnvelope({
      type: "slash_commands",
      accepts_response_payload: true,
      payload: {
        team_id: teamId,
        user_id: "U0SOCK",
        channel_id: "C0SOCK",
        command: "/insight",
        text: "+ Socket Co: works over websockets #realtime",
        response_url: t.fake.responseUrl("sock"),
        trigger_id: "trig.sock",
        api_app_id: "A0APP",
      },
    });
    expect(ack.envelope_id).toMatch(/^env-/);
    const reply = await t.fake.waitForResponse("sock");
    expect(reply.text).toContain("Socket Co");
    await t.idle();
    const rows = await store.db.insight.findMany({ where: { teamId } });
    expect(rows).toEqual([expect.objectContaining({ customer: "Socket Co", sentiment: "positive", themes: ["realtime"] })]);
    // Handling the command called the Web API (users.info for the author's locale, at least): with the bot token.
    const webApi = t.fake.calls.slice(before);
    expect(webApi.map((c) => c.method)).toContain("users.info");
    expect(webApi.map((c) => [c.method, bearerToken(c)])).toEqual(webApi.map((c) => [c.method, BOT_TOKEN]));
  });

  it("uses the app token for nothing but opening the connection", async () => {
    const byToken = t.fake.calls.map((c) => [c.method, bearerToken(c)]);
    expect(byToken.filter(([, token]) => token === APP_TOKEN).map(([method]) => method)).toEqual(t.fake.callsTo("apps.connections.open").map(() => "apps.connections.open"));
    expect(t.fake.callsTo("apps.connections.open").map(bearerToken)).not.toContain(BOT_TOKEN);
  });

  it("still serves /healthz on the HTTP port, but no /slack/events", async () => {
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/slack/events`, { method: "POST", body: "{}" })).status).toBe(404);
  });
});
