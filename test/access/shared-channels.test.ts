// Customer data stays inside the company: every surface that posts into a channel refuses a Slack Connect channel
// (conversations.info is_ext_shared) unless an admin allowed it with `/insight allow-shared`. Signed requests against
// the real bot; the digest job is run with a fixed time.
import { describe, expect, it } from "vitest";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { viewSubmission } from "../slack/payloads.js";
import { createSubscription, digestPosts, useDigestHarness } from "../digest/helpers.js";
import { useTestBot } from "../helpers/bot.js";

describe.each(storeKinds())("posting into channels shared with another organisation on %s", (kind) => {
  const h = useTestBot(kind);

  const run = async (who: { teamId: string; userId: string }, command: string, text: string, channelId: string) => {
    const { res, responseId } = await h.t.command(who, command, text, { channelId });
    expect(res.status).toBe(200);
    return responseId;
  };
  const storyValues = (title: string) => ({
    kind: { kind: { type: "radio_buttons", selected_option: { value: "win" } } },
    title: { title: { type: "plain_text_input", value: title } },
    happened: { happened: { type: "plain_text_input", value: "Acme renewed after the onboarding call" } },
    learned: { learned: { type: "plain_text_input", value: "Call in week one" } },
  });

  it("a story for a shared stories channel is saved but not posted until an admin allows the channel", async () => {
    const teamId = newTeamId();
    const admin = { teamId, userId: "U0SHADMIN" };
    h.t.fake.users.set("U0SHADMIN", { is_admin: true });
    h.t.fake.externalChannels.add("C0PARTNERWINS");
    await h.t.fake.waitForResponse(await run(admin, "/story", "channel <#C0PARTNERWINS|partner-wins>", "C0GENERAL"));

    const submit = (title: string) =>
      h.t.interact(
        viewSubmission({ teamId, userId: "U0STORYTELLER" }, { callbackId: "story_modal", values: storyValues(title), privateMetadata: JSON.stringify({ channelId: "C0GENERAL" }) }),
      );
    expect((await submit("Blocked win")).status).toBe(200);
    await h.t.idle();
    expect(await h.store.db.story.count({ where: { teamId, title: "Blocked win" } })).toBe(1);
    expect(h.t.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === "C0PARTNERWINS")).toEqual([]);
    const told = await h.t.fake.waitFor("chat.postEphemeral", (c) => c.args.user === "U0STORYTELLER");
    expect(told.args.text).toContain("not posted to <#C0PARTNERWINS>: that channel is shared with another organisation");

    await h.t.fake.waitForResponse(await run(admin, "/insight", "allow-shared <#C0PARTNERWINS|partner-wins>", "C0GENERAL"));
    await submit("Allowed win");
    await h.t.idle();
    const posted = await h.t.fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0PARTNERWINS");
    expect(posted.args.text).toContain("Allowed win");
  });

  it("/kpi share in a shared channel tells the caller privately and posts nothing", async () => {
    const teamId = newTeamId();
    h.t.fake.externalChannels.add("C0SHAREDKPI");
    const id = await run({ teamId, userId: "U0SHARER" }, "/kpi", "share", "C0SHAREDKPI");
    const reply = await h.t.fake.waitForResponse(id);
    expect(reply).toEqual({
      response_type: "ephemeral",
      text: "Not shared: <#C0SHAREDKPI> is shared with another organisation, and KPIs stay inside the company unless an admin allows the channel with `/insight allow-shared #channel`.",
    });
    await h.t.idle();
    expect(h.t.fake.responses.filter((r) => r.id === id)).toHaveLength(1);

    const inside = await run({ teamId, userId: "U0SHARER" }, "/kpi", "share", "C0INTERNAL");
    expect((await h.t.fake.waitForResponse(inside)).response_type).toBe("in_channel");
  });

  it("an admin cannot subscribe a shared channel to the digest", async () => {
    const teamId = newTeamId();
    h.t.fake.users.set("U0SHADMIN", { is_admin: true });
    h.t.fake.externalChannels.add("C0SHAREDDIGEST");
    const reply = await h.t.fake.waitForResponse(await run({ teamId, userId: "U0SHADMIN" }, "/kpi", "subscribe weekly", "C0SHAREDDIGEST"));
    expect(reply.text).toContain("<#C0SHAREDDIGEST> is shared with another organisation, so no digest was set up");
    expect(await h.store.db.digestSubscription.count({ where: { teamId } })).toBe(0);
  });
});

describe.each(storeKinds())("digest delivery into a channel that became shared on %s", (kind) => {
  const h = useDigestHarness(kind);

  it("a digest channel that became shared is paused, nothing is posted, and the subscriber is told", async () => {
    const teamId = newTeamId();
    await createSubscription(h.store.db, { teamId, channelId: "C0NOWSHARED", createdBy: "U0SUBSCRIBER", activeSince: new Date("2026-11-01T00:00:00Z") });
    h.t.fake.externalChannels.add("C0NOWSHARED");
    const r = await h.tick("2026-11-02T09:00:00Z");
    expect(r).toMatchObject({ posted: 0, paused: 1 });
    expect(digestPosts(h.t.fake, "C0NOWSHARED")).toEqual([]);
    const sub = await h.store.db.digestSubscription.findFirstOrThrow({ where: { teamId } });
    expect(sub.pauseReason).toBe("external_channel");
    const notice = h.t.fake.callsTo("chat.postMessage").find((c) => c.args.channel === "U0SUBSCRIBER" && String(c.args.text).includes("C0NOWSHARED"));
    expect(notice?.args.text).toContain("the channel is now shared with another organisation");
  });
});
