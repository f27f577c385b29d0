import { beforeAll, describe, expect, it } from "vitest";
import { scoreItems } from "../../src/services/ratings/score-items.js";
import { DEFAULT_SCALE } from "../../src/domain/ratings/scale.js";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { eventCallback, viewSubmission } from "../slack/payloads.js";
import { storyValues } from "../capture/values.js";
import { BOT_USER, newTs, reactionEvent, seedStory } from "./fixtures.js";

describe.each(storeKinds())("reactions as votes on %s", (kind) => {
  const h = useTestBot(kind);
  // The channels of seeded posts (publishing joins them) and a channel with people's own messages.
  beforeAll(() => void h.t.fake.join("C0STORIES", "C0PRODUCT", "C0RACE", "C0RANDOM"));

  const points = async (teamId: string) => Object.fromEntries((await scoreItems({ db: h.store.db, teamId }, { ...DEFAULT_SCALE })).map((s) => [s.title, s.points]));
  const votes = (teamId: string) => h.store.db.vote.findMany({ where: { teamId }, orderBy: [{ voterId: "asc" }, { emoji: "asc" }] });
  const send = async (body: unknown) => {
    const res = await h.t.event(body);
    expect(res.status).toBe(200);
    return res;
  };

  it("a reaction on a story shared through the form is a vote; removing it removes the vote", async () => {
    const teamId = newTeamId();
    await h.t.interact(
      viewSubmission(
        { teamId, userId: "U0AUTHOR" },
        { callbackId: "story_modal", values: storyValues({ kind: "win", title: "Rescued Globex" }), privateMetadata: JSON.stringify({ channelId: "C0WINS" }) },
      ),
    );
    await h.t.idle();
    const posted = await h.store.db.postedMessage.findFirstOrThrow({ where: { teamId } });
    await send(reactionEvent(teamId, { user: "U0FAN", reaction: "fire", channel: posted.channelId, ts: posted.ts }));
    await h.t.idle();
    expect(await votes(teamId)).toEqual([expect.objectContaining({ channelId: "C0WINS", ts: posted.ts, voterId: "U0FAN", emoji: "fire" })]);
    expect(await points(teamId)).toEqual({ "Rescued Globex": 2 });

    await send(reactionEvent(teamId, { added: false, user: "U0FAN", reaction: "fire", channel: posted.channelId, ts: posted.ts }));
    await h.t.idle();
    expect(await votes(teamId)).toEqual([]);
    expect(await points(teamId)).toEqual({});
  });

  it("the same event delivered twice (and a retry after the removal) never doubles or revives a vote", async () => {
    const teamId = newTeamId();
    const { channelId, ts } = await seedStory(h.store.db, teamId, { title: "Dup" });
    const add = reactionEvent(teamId, { user: "U0FAN", reaction: "star", channel: channelId, ts }, `EvADD${teamId}`);
    await Promise.all([send(add), send(add), send(add)]);
    await h.t.idle();
    expect(await votes(teamId)).toHaveLength(1);
    expect(await points(teamId)).toEqual({ Dup: 1 });

    await send(reactionEvent(teamId, { added: false, user: "U0FAN", reaction: "star", channel: channelId, ts }, `EvDEL${teamId}`));
    await h.t.idle();
    await send(add); // Slack retrying the old reaction_added after the removal
    await h.t.idle();
    expect(await votes(teamId)).toEqual([]);
    expect(await h.store.db.processedEvent.count({ where: { teamId } })).toBe(2);
  });

  it("the author's own reactions are stored but never count", async () => {
    const teamId = newTeamId();
    const { channelId, ts } = await seedStory(h.store.db, teamId, { title: "Mine", authorId: "U0SELF" });
    await send(reactionEvent(teamId, { user: "U0SELF", reaction: "fire", channel: channelId, ts }));
    await send(reactionEvent(teamId, { user: "U0OTHER", reaction: "star", channel: channelId, ts }));
    await h.t.idle();
    expect(await votes(teamId)).toHaveLength(2);
    expect(await points(teamId)).toEqual({ Mine: 1 });
  });

  it("reactions on messages the bot did not post are ignored without a database write", async () => {
    const teamId = newTeamId();
    const ts = newTs();
    await send(reactionEvent(teamId, { user: "U0FAN", reaction: "star", channel: "C0RANDOM", ts, itemUser: "U0HUMAN" }));
    await send(eventCallback(teamId, { type: "reaction_added", user: "U0FAN", reaction: "star", item_user: "UBOT0000001", item: { type: "file", file: "F1" } }));
    await h.t.idle();
    expect(await votes(teamId)).toEqual([]);
    expect(await h.store.db.processedEvent.count({ where: { teamId } })).toBe(0);
  });

  it("the bot's own reactions are dropped before any database write, as Bolt's ignoreSelf does", async () => {
    const teamId = newTeamId();
    const { channelId, ts } = await seedStory(h.store.db, teamId, { title: "Bot reacts" });
    await send(reactionEvent(teamId, { user: BOT_USER, reaction: "star", channel: channelId, ts }));
    await send(reactionEvent(teamId, { user: "U0FAN", reaction: "star", channel: channelId, ts }));
    await h.t.idle();
    expect((await votes(teamId)).map((v) => v.voterId)).toEqual(["U0FAN"]);
    expect(await h.store.db.processedEvent.count({ where: { teamId } })).toBe(1);
  });

  it("votes that arrive before the bot recorded its post are kept and count once the post is known", async () => {
    const teamId = newTeamId();
    const ts = newTs();
    await send(reactionEvent(teamId, { user: "U0EARLY", reaction: "bulb", channel: "C0RACE", ts }));
    await h.t.idle();
    expect(await votes(teamId)).toHaveLength(1);
    expect(await points(teamId)).toEqual({});
    await seedStory(h.store.db, teamId, { title: "Late post", kind: "failure", channelId: "C0RACE", ts });
    expect(await points(teamId)).toEqual({ "Late post": 2 });
  });

  it("concurrent votes on one message are all stored (no lost update)", async () => {
    const teamId = newTeamId();
    const { channelId, ts } = await seedStory(h.store.db, teamId, { title: "Popular" });
    const voters = Array.from({ length: 60 }, (_, i) => `U0V${String(i).padStart(3, "0")}`);
    await Promise.all(
      voters.flatMap((user) => [
        send(reactionEvent(teamId, { user, reaction: "star", channel: channelId, ts })),
        send(reactionEvent(teamId, { user, reaction: "fire", channel: channelId, ts })),
      ]),
    );
    await h.t.idle();
    expect(await h.store.db.vote.count({ where: { teamId } })).toBe(120);
    expect(await points(teamId)).toEqual({ Popular: 60 * 1 + 60 * 2 });
  });

  it("skin tones count as their base emoji, once per person; emoji off the scale count nothing", async () => {
    const teamId = newTeamId();
    const { channelId, ts } = await seedStory(h.store.db, teamId, { title: "Tones" });
    await send(reactionEvent(teamId, { user: "U0A", reaction: "+1::skin-tone-3", channel: channelId, ts }));
    await send(reactionEvent(teamId, { user: "U0A", reaction: "+1", channel: channelId, ts }));
    await send(reactionEvent(teamId, { user: "U0B", reaction: "+1::skin-tone-5", channel: channelId, ts }));
    await send(reactionEvent(teamId, { user: "U0C", reaction: "tada", channel: channelId, ts }));
    await h.t.idle();
    expect(await points(teamId)).toEqual({ Tones: 2 });
    // U0A takes one of their two thumbs back: the other still counts.
    await send(reactionEvent(teamId, { added: false, user: "U0A", reaction: "+1", channel: channelId, ts }));
    await h.t.idle();
    expect(await points(teamId)).toEqual({ Tones: 2 });
  });

  it("a story crossing the threshold is thanked once in its thread, even under concurrent votes", async () => {
    const teamId = newTeamId();
    h.t.fake.users.set("U0ADMIN", { is_admin: true });
    await h.t.command({ teamId, userId: "U0ADMIN" }, "/story", "ratings threshold 4");
    await h.t.idle();
    const { channelId, ts } = await seedStory(h.store.db, teamId, { title: "Churn <halved>", kind: "failure", authorId: "U0HERO" });
    await send(reactionEvent(teamId, { user: "U0F1", reaction: "bulb", channel: channelId, ts }));
    await h.t.idle();
    expect(h.t.fake.callsTo("chat.postMessage").filter((c) => c.args.thread_ts === ts)).toHaveLength(0);
    await Promise.all(["U0F2", "U0F3", "U0F4", "U0F5"].map((user) => send(reactionEvent(teamId, { user, reaction: "fire", channel: channelId, ts }))));
    await h.t.idle();
    await send(reactionEvent(teamId, { user: "U0F6", reaction: "star", channel: channelId, ts }));
    await h.t.idle();
    const thanks = h.t.fake.callsTo("chat.postMessage").filter((c) => c.args.thread_ts === ts);
    expect(thanks).toHaveLength(1);
    expect(thanks[0]!.args.channel).toBe(channelId);
    expect(thanks[0]!.args.text).toContain("<@U0HERO>");
    expect(thanks[0]!.args.text).toContain("Churn &lt;halved&gt;");
    expect(thanks[0]!.args.text).toContain("what it taught us");
    expect((await h.store.db.story.findFirstOrThrow({ where: { teamId } })).thankedAt).not.toBeNull();
  });

  it("a deleted bot post leaves the rankings; other messages' deletions are ignored", async () => {
    const teamId = newTeamId();
    const a = await seedStory(h.store.db, teamId, { title: "Kept" });
    const b = await seedStory(h.store.db, teamId, { title: "Deleted" });
    for (const s of [a, b]) await send(reactionEvent(teamId, { user: "U0FAN", reaction: "star", channel: s.channelId, ts: s.ts }));
    await send(
      eventCallback(teamId, {
        type: "message",
        subtype: "message_deleted",
        hidden: true,
        channel: b.channelId,
        ts: newTs(),
        deleted_ts: b.ts,
        previous_message: { type: "message", user: "UBOT0000001", bot_id: "B0000001", ts: b.ts, text: "x" },
      }),
    );
    await send(
      eventCallback(teamId, {
        type: "message",
        subtype: "message_deleted",
        hidden: true,
        channel: a.channelId,
        ts: newTs(),
        deleted_ts: a.ts,
        previous_message: { type: "message", user: "U0HUMAN", ts: a.ts, text: "x" },
      }),
    );
    await send(eventCallback(teamId, { type: "message", channel: a.channelId, user: "U0HUMAN", text: "hello", ts: newTs() }));
    await h.t.idle();
    expect(await points(teamId)).toEqual({ Kept: 1 });
    expect((await h.store.db.postedMessage.findFirstOrThrow({ where: { teamId, ts: b.ts } })).deletedAt).not.toBeNull();
  });
});
