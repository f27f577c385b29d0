import { describe, expect, it } from "vitest";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { useTestBot } from "../helpers/bot.js";
import { eventCallback, viewSubmission } from "../slack/payloads.js";
import { storyValues } from "../capture/values.js";
import { reactionEvent } from "../ratings/fixtures.js";

/**
 * Slack sends reaction events only from channels the bot is in, and answers conversations.history only
 * there; the fake Slack does the same (public channels start without the bot; private ones need an invite).
 */
describe.each(storeKinds())("channels the bot is not in, on %s", (kind) => {
  const h = useTestBot(kind);
  const admin = (teamId: string) => {
    h.t.fake.users.set("U0MEMADMIN", { is_admin: true });
    return { teamId, userId: "U0MEMADMIN" };
  };
  const reply = async (p: Promise<{ responseId: string }>) => (await h.t.fake.waitForResponse((await p).responseId)).text as string;

  it("the fake Slack delivers no event from a channel the bot has not joined, and refuses its history", async () => {
    const teamId = newTeamId();
    const res = await h.t.event(reactionEvent(teamId, { user: "U0FAN", reaction: "fire", channel: "C0NOTJOINED", ts: "1700000000.000001" }));
    expect(res.status).toBe(204);
    await expect(h.t.bot.app.client.conversations.history({ channel: "C0NOTJOINED" })).rejects.toMatchObject({ data: { error: "not_in_channel" } });
    h.t.fake.privateChannels.add("C0SECRET");
    await expect(h.t.bot.app.client.conversations.history({ channel: "C0SECRET" })).rejects.toMatchObject({ data: { error: "channel_not_found" } });
    await expect(h.t.bot.app.client.chat.postMessage({ channel: "C0SECRET", text: "x" })).rejects.toMatchObject({ data: { error: "channel_not_found" } });
  });

  it("setting a public route channel joins it, so reactions on the voices posted there count", async () => {
    const teamId = newTeamId();
    const text = await reply(h.t.command(admin(teamId), "/insight", "route support <#C0MEMSUP|support-voices>"));
    expect(text).toContain("Support insights now go to <#C0MEMSUP>.");
    expect(text).toContain("I'm in <#C0MEMSUP>, so reactions there count.");
    expect(h.t.fake.callsTo("conversations.join").map((c) => c.args.channel)).toContain("C0MEMSUP");
    expect(h.t.fake.members.has("C0MEMSUP")).toBe(true);
    const res = await h.t.event(reactionEvent(teamId, { user: "U0FAN", reaction: "fire", channel: "C0MEMSUP", ts: "1700000000.000002" }));
    expect(res.status).toBe(200);
  });

  it("a private channel: the admin is told how to invite the bot, in their language, and the route list and Home show the problem", async () => {
    const teamId = newTeamId();
    h.t.fake.privateChannels.add("C0MEMPRIV");
    h.t.fake.users.set("U0MEMJA", { is_admin: true, locale: "ja-JP" });
    const ja = await reply(h.t.command({ teamId, userId: "U0MEMJA" }, "/insight", "route sales <#C0MEMPRIV|deals>"));
    expect(ja).toContain("<#C0MEMPRIV> にはボットが自分で参加できません");
    expect(ja).toContain("`/invite @Retention Desk`");
    expect(await h.store.db.insightRoute.findMany({ where: { teamId } })).toEqual([expect.objectContaining({ team: "sales", channelId: "C0MEMPRIV" })]);

    const list = await reply(h.t.command(admin(teamId), "/insight", "route"));
    expect(list).toContain("• Sales: <#C0MEMPRIV> :warning: the bot cannot join it by itself: `/invite @Retention Desk` in the channel");

    await h.t.event(eventCallback(teamId, { type: "app_home_opened", user: "U0MEMADMIN", channel: "DU0MEMADMIN", tab: "home" }));
    await h.t.idle();
    const home = await h.t.fake.waitFor("views.publish", (c) => c.args.user_id === "U0MEMADMIN" && JSON.stringify(c.args.view).includes("home_channel_problems"), 20_000);
    const problems = home.args.view.blocks.find((b: any) => b.block_id === "home_channel_problems");
    expect(problems.text.text).toContain("<#C0MEMPRIV> (Sales): the bot cannot join it by itself");

    // Invited: the problem is gone from the list.
    h.t.fake.join("C0MEMPRIV");
    expect(await reply(h.t.command(admin(teamId), "/insight", "route"))).toContain("• Sales: <#C0MEMPRIV>\n");
  });

  it("/story channel on an archived channel says so; /kpi subscribe in a private channel says how to invite the bot and stores nothing", async () => {
    const teamId = newTeamId();
    h.t.fake.archivedChannels.add("C0MEMOLD");
    expect(await reply(h.t.command(admin(teamId), "/story", "channel <#C0MEMOLD|old-wins>"))).toContain("<#C0MEMOLD> is archived");
    h.t.fake.privateChannels.add("C0MEMDIG");
    const sub = await reply(h.t.command(admin(teamId), "/kpi", "subscribe", { channelId: "C0MEMDIG" }));
    expect(sub).toContain("Invite me with `/invite @Retention Desk` in the channel");
    expect(await h.store.db.digestSubscription.count({ where: { teamId } })).toBe(0);
  });

  it("a story shared where /story was used joins that channel first, so its reactions count", async () => {
    const teamId = newTeamId();
    await h.t.interact(
      viewSubmission(
        { teamId, userId: "U0MEMAUTH" },
        { callbackId: "story_modal", values: storyValues({ kind: "win", title: "Kept Initech" }), privateMetadata: JSON.stringify({ channelId: "C0MEMHERE" }) },
      ),
    );
    await h.t.idle();
    const posted = await h.store.db.postedMessage.findFirstOrThrow({ where: { teamId } });
    expect(posted.channelId).toBe("C0MEMHERE");
    const join = h.t.fake.callsTo("conversations.join").find((c) => c.args.channel === "C0MEMHERE")!;
    const post = h.t.fake.callsTo("chat.postMessage").find((c) => c.args.channel === "C0MEMHERE")!;
    expect(join.at).toBeLessThanOrEqual(post.at);
    expect((await h.t.event(reactionEvent(teamId, { user: "U0FAN", reaction: "fire", channel: "C0MEMHERE", ts: posted.ts }))).status).toBe(200);
    await h.t.idle();
    expect(await h.store.db.vote.count({ where: { teamId } })).toBe(1);
  });
});
