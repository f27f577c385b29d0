import { describe, expect, it } from "vitest";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { useTestBot } from "../helpers/bot.js";
import { globalShortcut, viewSubmission } from "../slack/payloads.js";
import { storyValues } from "./values.js";

describe.each(storeKinds())("wins and failures on %s", (kind) => {
  const h = useTestBot(kind);

  it("/story opens the form; the story is posted where /story was used and its message is stored", async () => {
    const who = { teamId: newTeamId(), userId: "U0STORY" };
    await h.t.command(who, "/story", "", { channelId: "C0HERE", triggerId: "trig.story1" });
    const open = await h.t.fake.waitFor("views.open", (c) => c.args.trigger_id === "trig.story1");
    expect(open.args.view.callback_id).toBe("story_modal");
    expect(open.args.view.blocks.map((b: any) => b.block_id)).toEqual(["kind", "title", "happened", "learned", "customer", "metric_impact"]);

    await h.t.interact(viewSubmission(who, { callbackId: "story_modal", values: storyValues({ metricImpact: "-2 pts churn" }), privateMetadata: open.args.view.private_metadata }));
    await h.t.idle();
    const story = await h.store.db.story.findFirstOrThrow({ where: { teamId: who.teamId } });
    expect(story).toMatchObject({ kind: "failure", title: "We missed the renewal call", metricImpact: "-2 pts churn", authorId: "U0STORY" });
    const post = await h.t.fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0HERE");
    expect(post.args.text).toBe("Failure — and what it taught us: We missed the renewal call");
    expect(JSON.stringify(post.args.blocks)).toContain("Every account needs a named owner");
    const posted = await h.store.db.postedMessage.findMany({ where: { teamId: who.teamId } });
    expect(posted).toEqual([expect.objectContaining({ channelId: "C0HERE", kind: "story", storyId: story.id, authorId: "U0STORY" })]);
    expect(posted[0]!.ts).toMatch(/^\d+\.\d{6}$/);
    const thanks = await h.t.fake.waitFor("chat.postEphemeral", (c) => c.args.user === "U0STORY");
    expect(thanks.args.text).toContain("<#C0HERE>");
  });

  it("an admin's stories channel wins over the channel where /story was used", async () => {
    const teamId = newTeamId();
    h.t.fake.users.set("U0STADMIN", { is_admin: true });
    const { responseId } = await h.t.command({ teamId, userId: "U0STADMIN" }, "/story", "channel <#C0WINS|wins-and-lessons>");
    expect((await h.t.fake.waitForResponse(responseId)).text).toBe("Stories will be posted in <#C0WINS>.\nI'm in <#C0WINS>, so reactions there count.");
    await h.t.interact(
      viewSubmission(
        { teamId, userId: "U0OTHER" },
        { callbackId: "story_modal", values: storyValues({ kind: "win", title: "Saved Globex" }), privateMetadata: JSON.stringify({ channelId: "C0RANDOM" }) },
      ),
    );
    await h.t.idle();
    const post = await h.t.fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0WINS");
    expect(post.args.text).toBe("Win: Saved Globex");
  });

  it("non-admins cannot set the stories channel", async () => {
    const teamId = newTeamId();
    const { responseId } = await h.t.command({ teamId, userId: "U0NOBODY" }, "/story", "channel <#C0NOPE>");
    expect((await h.t.fake.waitForResponse(responseId)).text).toContain("Only Retention Desk admins");
    expect(await h.store.db.workspace.findUnique({ where: { teamId } })).toBeNull();
  });

  it("the global shortcut asks where to post when no stories channel is set", async () => {
    const who = { teamId: newTeamId(), userId: "U0GLOBAL" };
    const sc = globalShortcut(who, { callbackId: "share_story" });
    await h.t.interact(sc);
    const open = await h.t.fake.waitFor("views.open", (c) => c.args.trigger_id === sc.trigger_id);
    expect(open.args.view.blocks.at(-1).block_id).toBe("channel");
    const missing = await h.t.interact(viewSubmission(who, { callbackId: "story_modal", values: storyValues({ channel: "" }) }));
    expect(((await missing.json()) as { errors: Record<string, string> }).errors.channel).toBe("Please fill this in.");
    await h.t.interact(viewSubmission(who, { callbackId: "story_modal", values: storyValues({ channel: "C0PICKED" }) }));
    await h.t.idle();
    await h.t.fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0PICKED");
  });

  it("refuses over-long text with a field error in Japanese and stores nothing", async () => {
    const who = { teamId: newTeamId(), userId: "U0JASTORY" };
    h.t.fake.users.set("U0JASTORY", { locale: "ja-JP" });
    const res = await h.t.interact(viewSubmission(who, { callbackId: "story_modal", values: storyValues({ title: "長".repeat(151) }) }));
    const body = (await res.json()) as { errors: Record<string, string> };
    expect(body.errors.title).toBe("タイトルが長すぎます（151文字、上限150文字）。");
    expect(await h.store.db.story.count({ where: { teamId: who.teamId } })).toBe(0);
  });

  it("a failed post keeps the story and tells the author why", async () => {
    const who = { teamId: newTeamId(), userId: "U0FAILPOST" };
    h.t.fake.on("chat.postMessage", (a) => (a.channel === "C0ARCHIVED" ? { ok: false, error: "is_archived" } : { ok: true, channel: a.channel, ts: h.t.fake.nextTs() }));
    try {
      await h.t.interact(viewSubmission(who, { callbackId: "story_modal", values: storyValues({}), privateMetadata: JSON.stringify({ channelId: "C0ARCHIVED" }) }));
      await h.t.idle();
      expect(await h.store.db.story.count({ where: { teamId: who.teamId } })).toBe(1);
      const told = await h.t.fake.waitFor("chat.postEphemeral", (c) => c.args.user === "U0FAILPOST");
      expect(told.args.text).toContain("is_archived");
    } finally {
      h.t.fake.on("chat.postMessage", (a) => ({ ok: true, channel: a.channel, ts: h.t.fake.nextTs() }));
    }
  });
});
