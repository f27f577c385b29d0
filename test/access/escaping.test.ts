// `<!channel>` typed by a user reaches Slack inert on every surface: modal input values arrive raw (Slack does not
// escape them), are stored as typed, and each post, reply and Home view the fake Slack receives carries them escaped.
import { describe, expect, it } from "vitest";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { eventCallback, viewSubmission } from "../slack/payloads.js";
import { insightValues, storyValues } from "../capture/values.js";

const RAW = "<!channel>";
const ESCAPED = "&lt;!channel&gt;";

/** Every string inside what Slack received, with where it was. */
function strings(value: unknown, path = ""): { path: string; text: string }[] {
  if (typeof value === "string") return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

/** No raw `<!channel>` anywhere in the payload; the escaped form at least once (so the user's text did arrive). */
function expectInert(payload: unknown) {
  const all = strings(payload);
  expect(all.filter((s) => s.text.includes(RAW))).toEqual([]);
  expect(all.some((s) => s.text.includes(ESCAPED))).toBe(true);
}

describe.each(storeKinds())("user text reaches Slack escaped on %s", (kind) => {
  const h = useTestBot(kind);

  it("insight posts and their confirmation, story posts, and Home", async () => {
    const teamId = newTeamId();
    h.t.fake.users.set("U0ESCOWNER", { is_owner: true });
    const owner = { teamId, userId: "U0ESCOWNER" };
    await h.t.fake.waitForResponse((await h.t.command(owner, "/insight", "route product <#C0ESCPRODUCT|product>")).responseId);

    // An insight: customer, quote, context and theme typed with a special mention.
    const insight = insightValues({ customer: `${RAW} Corp`, quote: `Tell ${RAW} the price doubled`, context: `${RAW} <@U0BOSS>`, themesNew: "pricing", teams: ["product"] });
    await h.t.interact(viewSubmission(owner, { callbackId: "insight_modal", values: insight, privateMetadata: JSON.stringify({ channelId: "C0ESCWORK" }) }));
    await h.t.idle();
    expect((await h.store.db.insight.findFirstOrThrow({ where: { teamId } })).customer).toBe(`${RAW} Corp`); // stored as typed
    const post = await h.t.fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0ESCPRODUCT");
    expectInert(post.args);
    expect(post.args.text).toContain(`${ESCAPED} Corp`);
    expectInert((await h.t.fake.waitFor("chat.postEphemeral", (c) => c.args.user === "U0ESCOWNER")).args);

    // A story: title and customer.
    await h.t.interact(
      viewSubmission(owner, {
        callbackId: "story_modal",
        values: storyValues({ title: `${RAW} we won`, customer: RAW }),
        privateMetadata: JSON.stringify({ channelId: "C0ESCWINS" }),
      }),
    );
    await h.t.idle();
    const story = await h.t.fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0ESCWINS");
    expectInert(story.args);
    expect(story.args.text).toContain(`${ESCAPED} we won`);

    // Home shows the latest voices.
    await h.t.event(eventCallback(teamId, { type: "app_home_opened", user: "U0ESCOWNER", channel: "D0ESC", tab: "home" }));
    const home = await h.t.fake.waitFor("views.publish", (c) => c.args.user_id === "U0ESCOWNER", 20_000);
    expectInert(home.args.view);
  }, 90_000);
});
