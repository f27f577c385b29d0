import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, type TestStore } from "../helpers/store.js";

describe("Socket Mode over a real WebSocket", () => {
  let store: TestStore;
  let t: TestBot;
  beforeAll(async () => {
    store = await createTestStore("pglite");
    t = await startTestBot(store, { SLACK_APP_TOKEN: "xapp-1-test-app-token" });
  });
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  it("connects through apps.connections.open with the app token", async () => {
    const open = await t.fake.waitFor("apps.connections.open");
    expect(open).toBeDefined();
  });

  it("acks a slash command envelope and logs the insight", async () => {
    const teamId = newTeamId();
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
  });

  it("still serves /healthz on the HTTP port, but no /slack/events", async () => {
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/slack/events`, { method: "POST", body: "{}" })).status).toBe(404);
  });
});
