import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { eventCallback } from "../slack/payloads.js";
import { reactionEvent, seedInsight, seedStory } from "./fixtures.js";

const DAY = 24 * 60 * 60 * 1000;

describe.each(storeKinds())("/story top, /story ratings and App Home on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store);
    t.fake.users.set("U0ADMIN", { is_admin: true });
    t.fake.users.set("U0GONE", { deleted: true });
    t.fake.users.set("U0JA", { locale: "ja-JP" });
    // The seeded posts' channels: the bot is in them (publishing joins), so Slack sends their reactions.
    t.fake.join("C0STORIES", "C0PRODUCT");
  });
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  const react = async (teamId: string, msg: { channelId: string; ts: string }, voters: string[], reaction = "star") => {
    for (const user of voters) expect((await t.event(reactionEvent(teamId, { user, reaction, channel: msg.channelId, ts: msg.ts }))).status).toBe(200);
  };
  const top = async (teamId: string, text: string, userId = "U0READER") => {
    const { responseId } = await t.command({ teamId, userId }, "/story", text);
    return t.fake.waitForResponse(responseId);
  };
  const sectionTexts = (blocks: any[]) => blocks.filter((b) => b.type === "section").map((b) => b.text.text as string);

  it("/story top ranks wins, failures and customer voices separately, ties share a rank, leavers are marked", async () => {
    const teamId = newTeamId();
    const now = Date.now();
    const winA = await seedStory(store.db, teamId, { title: "Win A", kind: "win", authorId: "U0ANN", postedAt: new Date(now - 3 * DAY) });
    const winB = await seedStory(store.db, teamId, { title: "Win B", kind: "win", authorId: "U0BOB", postedAt: new Date(now - 2 * DAY) });
    const fail = await seedStory(store.db, teamId, { title: "Lost Initech", kind: "failure", authorId: "U0GONE", postedAt: new Date(now - 1 * DAY) });
    const voice = await seedInsight(store.db, teamId, { customer: "Umbrella", quote: "Exports   are\nslow", authorId: "U0BOB" });
    const old = await seedStory(store.db, teamId, { title: "Old win", kind: "win", authorId: "U0ANN", postedAt: new Date(now - 20 * DAY) });
    await react(teamId, winA, ["U01", "U02"]); // 2
    await react(teamId, winB, ["U01"], "fire"); // 2: tie with Win A, shared later
    await react(teamId, fail, ["U01", "U02"], "bulb"); // 4
    await react(teamId, voice, ["U03"]); // 1
    await react(teamId, old, ["U01", "U02", "U03"], "fire"); // 6, but 20 days old
    await t.idle();

    const week = await top(teamId, "top week");
    const [wins, failures, voices, people] = sectionTexts(week.blocks);
    expect(week.response_type).toBe("ephemeral");
    expect(week.blocks[0].text.text).toBe("Best rated: past 7 days");
    expect(wins).toBe(`*🏆 Wins*\n1. 🏆 *Win A* · 2 pts · <@U0ANN> · <#C0STORIES>\n1. 🏆 *Win B* · 2 pts · <@U0BOB> · <#C0STORIES>`);
    expect(failures).toBe(`*🧭 Failures and what they taught us*\n1. 🧭 *Lost Initech* · 4 pts · <@U0GONE> · <#C0STORIES>`);
    expect(voices).toBe(`*🗣 Customer voices*\n1. 🗣 *Umbrella*: “Exports are slow” · 1 pt · <@U0BOB> · <#C0PRODUCT>`);
    expect(people).toBe(
      `*🙌 People who shared*\n1. <@U0GONE> (left the workspace) · 4 pts · 1 rated post\n2. <@U0BOB> · 3 pts · 2 rated posts\n3. <@U0ANN> · 2 pts · 1 rated post`,
    );

    const month = await top(teamId, "top month");
    expect(sectionTexts(month.blocks)[0]).toMatch(/^\*🏆 Wins\*\n1\. 🏆 \*Old win\* · 6 pts/);
    expect((await top(teamId, "top decade")).text).toContain("/story top [week|month|quarter]");
  });

  it("/story top with nothing rated says so; another workspace's votes never show", async () => {
    const teamId = newTeamId();
    const other = newTeamId();
    const s = await seedStory(store.db, other, { title: "Elsewhere" });
    await react(other, s, ["U01"]);
    await t.idle();
    const reply = await top(teamId, "top");
    expect(reply.text).toContain("Nothing has been rated in this period yet");
    expect(JSON.stringify(reply.blocks)).not.toContain("Elsewhere");
  });

  it("admins change the scale and threshold; everyone sees them; points are re-scored at once", async () => {
    const teamId = newTeamId();
    const admin = { teamId, userId: "U0ADMIN" };
    const s = await seedStory(store.db, teamId, { title: "Rescore" });
    await react(teamId, s, ["U01", "U02"], "tada");
    await react(teamId, s, ["U01"], "star");
    await t.idle();
    expect(sectionTexts((await top(teamId, "top")).blocks)[0]).toContain("*Rescore* · 1 pt");

    const denied = await t.command({ teamId, userId: "U0READER" }, "/story", "ratings set :tada: 3");
    expect((await t.fake.waitForResponse(denied.responseId)).text).toBe(
      "Only Retention Desk admins can do this: the workspace's admins and owners and the people they named. `/kpi admins` lists them.",
    );

    const set = await t.command(admin, "/story", "ratings set :tada::skin-tone-2: 3");
    const setReply = await t.fake.waitForResponse(set.responseId);
    expect(setReply.text).toBe(":tada: now counts 3 points. Existing votes are re-scored.");
    expect(sectionTexts(setReply.blocks)[1]).toBe(
      "*Rating scale*\n:tada: 3 pts\n:bulb: 2 pts\n:fire: 2 pts\n:+1: 1 pt\n:star: 1 pt\nThe bot thanks a story's author in the thread at 5 points.",
    );
    expect(sectionTexts((await top(teamId, "top")).blocks)[0]).toContain("*Rescore* · 7 pts");

    await t.fake.waitForResponse((await t.command(admin, "/story", "ratings remove star")).responseId);
    const thr = await t.command(admin, "/story", "ratings threshold 12");
    expect((await t.fake.waitForResponse(thr.responseId)).text).toBe("Stories will be celebrated at 12 points.");
    expect(sectionTexts((await top(teamId, "top")).blocks)[0]).toContain("*Rescore* · 6 pts");

    const show = await t.command({ teamId, userId: "U0JA" }, "/story", "ratings");
    const shown = await t.fake.waitForResponse(show.responseId);
    expect(sectionTexts(shown.blocks)[0]).toBe(
      "*評価スケール*\n:tada: 3ポイント\n:bulb: 2ポイント\n:fire: 2ポイント\n:+1: 1ポイント\nストーリーが12ポイントに達すると、スレッドで投稿者にお礼を伝えます。",
    );

    const bad = await t.command(admin, "/story", "ratings set :fire: lots");
    expect((await t.fake.waitForResponse(bad.responseId)).text).toBe("I didn't understand that.");
    await t.fake.waitForResponse((await t.command(admin, "/story", "ratings reset")).responseId);
    expect(sectionTexts((await top(teamId, "top")).blocks)[0]).toContain("*Rescore* · 1 pt");
    expect((await store.db.workspace.findUniqueOrThrow({ where: { teamId } })).recognitionThreshold).toBe(12);
  });

  it("App Home shows the user's contributions, points received and the leaderboard, published once per burst", async () => {
    const teamId = newTeamId();
    const mine = await seedStory(store.db, teamId, { title: "My lesson", kind: "failure", authorId: "U0JA" });
    await seedInsight(store.db, teamId, { customer: "Soylent", quote: "遅い", authorId: "U0JA" });
    const theirs = await seedStory(store.db, teamId, { title: "Their win", authorId: "U0BOB" });
    await react(teamId, mine, ["U01", "U02"], "bulb");
    await react(teamId, mine, ["U0JA"], "fire"); // own reaction: no points
    await react(teamId, theirs, ["U01"]);
    await t.idle();
    const open = eventCallback(teamId, { type: "app_home_opened", user: "U0JA", channel: "D0HOME", tab: "home" });
    const before = t.fake.callsTo("views.publish").length;
    await Promise.all([t.event(open), t.event({ ...open, event_id: "EvHOME2" }), t.event({ ...open, event_id: "EvHOME3" })]);
    await t.idle();
    const publishes = t.fake
      .callsTo("views.publish")
      .slice(before)
      .filter((c) => c.args.user_id === "U0JA");
    expect(publishes).toHaveLength(1);
    const view = publishes[0]!.args.view;
    expect(view.type).toBe("home");
    const texts: string[] = view.blocks.map((b: any) => b.text?.text ?? "");
    // The contributions section, wherever other sections put it on the page: its heading, then summary and list.
    const at = texts.indexOf("あなたの貢献");
    expect(at).toBeGreaterThanOrEqual(0);
    expect(texts[at + 1]).toBe("共有したストーリーと顧客の声は *2* 件、獲得したポイントは *4* ポイントです。");
    expect(texts[at + 2]).toMatch(/^• 🗣 \*Soylent\*: “遅い” · 0ポイント · <#C0PRODUCT>\n• 🧭 \*My lesson\* · 4ポイント · <#C0STORIES>$/);
    expect(texts).toContain("ランキング（過去30日間）");
    expect(texts).toContain("1. <@U0JA> · 4ポイント · 評価された投稿 1件\n2. <@U0BOB> · 1ポイント · 評価された投稿 1件");

    await t.event(eventCallback(teamId, { type: "app_home_opened", user: "U0NEW", channel: "D0NEW", tab: "home" }));
    await t.idle();
    const fresh = await t.fake.waitFor("views.publish", (c) => c.args.user_id === "U0NEW");
    const freshTexts: string[] = fresh.args.view.blocks.map((b: any) => b.text?.text ?? "");
    expect(freshTexts[freshTexts.indexOf("Your contributions") + 1]).toContain("You haven't shared a story or a customer voice yet.");
  });
});
