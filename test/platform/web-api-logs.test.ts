// The app's Web API client logs through the JSON logger (Bolt shares its logger with the WebClient it creates): a
// warning Slack attaches to a response becomes one JSON line with a component, never a plain-text console line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, type TestStore } from "../helpers/store.js";
import { eventCallback } from "../slack/payloads.js";

describe("Web API warnings at run time", () => {
  let store: TestStore;
  let t: TestBot;
  beforeAll(async () => {
    store = await createTestStore("pglite");
    t = await startTestBot(store);
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  it("a warning on views.publish is logged as a JSON line by the bolt component", async () => {
    const teamId = newTeamId();
    t.fake.on("views.publish", () => ({ ok: true, warning: "superfluous_charset", response_metadata: { warnings: ["superfluous_charset"] } }));
    await t.event(eventCallback(teamId, { type: "app_home_opened", user: "U0WARN", channel: "D0WARN", tab: "home" }));
    await t.fake.waitFor("views.publish", (c) => c.args.user_id === "U0WARN", 20_000);
    await t.idle();
    const warned = t.logs.find((l) => l.level === 40 && JSON.stringify(l).includes("superfluous_charset"));
    expect(warned).toMatchObject({ level: 40, component: "bolt" });
    for (const line of t.rawLogs) expect(() => JSON.parse(line)).not.toThrow();
  }, 60_000);
});
