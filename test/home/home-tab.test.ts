// App Home end to end: signed app_home_opened events and block actions against the real bot; the only
// fake is Slack's Web API (which here also accepts the file upload flow).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { eventCallback, viewSubmission } from "../slack/payloads.js";
import type { RecordedCall } from "../slack/fake-slack.js";
import { homeAction, seedInsight, seedRetention, viewText } from "./helpers.js";

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.each(storeKinds())("App Home on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store);
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  /** Opens Home as `userId` and returns the view published for them. */
  async function openHome(bot: TestBot, teamId: string, userId: string): Promise<any> {
    const before = bot.fake.callsTo("views.publish").length;
    const res = await bot.event(eventCallback(teamId, { type: "app_home_opened", user: userId, channel: `D${userId}`, tab: "home" }));
    expect(res.status).toBe(200);
    await bot.idle();
    const call = await bot.fake.waitFor("views.publish", (c) => c.args.user_id === userId && bot.fake.callsTo("views.publish").indexOf(c) >= before, 20_000);
    return call.args.view;
  }
  const image = (view: any) => view.blocks.find((b: any) => b.type === "image");
  const lastPublishFor = (userId: string): RecordedCall | undefined =>
    t.fake
      .callsTo("views.publish")
      .filter((c) => c.args.user_id === userId)
      .at(-1);

  it("shows the headline KPIs with their change and the trend image uploaded once per workspace and period", async () => {
    const teamId = newTeamId();
    await seedRetention(store.db, teamId);
    const uploadsBefore = t.fake.uploads.length;
    const view = await openHome(t, teamId, "U0FIRST");
    expect(view.type).toBe("home");
    const kpis = view.blocks.find((b: any) => b.type === "section" && b.fields);
    expect(kpis.fields.map((f: any) => f.text)).toEqual(expect.arrayContaining(["*Retention*\n75%  ↓ -25 pt", "*Churn*\n25%  ↑ +25 pt", "*Active customers*\n3  ↓ -1"]));
    const img = image(view);
    const upload = t.fake.uploads.slice(uploadsBefore);
    expect(upload).toHaveLength(1);
    expect(upload[0]!.content.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    const asked = t.fake.callsTo("files.getUploadURLExternal").find((c) => String(c.args.filename).startsWith("kpi-trend"))!;
    expect(Number(asked.args.length)).toBe(upload[0]!.size);
    expect(img.slack_file).toEqual({ id: upload[0]!.fileId });
    expect(img.alt_text).toContain("Retention: Latest 75%");
    expect(img.alt_text).toContain("Churn: Latest 25%");
    const complete = t.fake.callsTo("files.completeUploadExternal").find((c) => c.args.files?.[0]?.id === upload[0]!.fileId);
    expect(complete?.args.channel_id).toBeUndefined(); // private to the bot: nothing is posted anywhere

    // Another person of the same workspace: the same file, no second upload.
    const again = await openHome(t, teamId, "U0SECOND");
    expect(image(again).slack_file).toEqual({ id: upload[0]!.fileId });
    expect(t.fake.uploads.length).toBe(uploadsBefore + 1);
    expect(await store.db.chartImage.count({ where: { teamId } })).toBe(1);
  }, 60_000);

  it("draws a new image when a late import changes the latest period's figures", async () => {
    const teamId = newTeamId();
    await seedRetention(store.db, teamId);
    const first = await openHome(t, teamId, "U0LATE1");
    expect(image(first).alt_text).toContain("Retention: Latest 75%");
    // D buys again inside the period: now active at its end, retention 4 of 4.
    const d = await store.db.customer.findFirstOrThrow({ where: { teamId, externalId: "D" } });
    await store.db.purchase.create({ data: { teamId, customerId: d.id, dedupKey: "late", at: new Date(Date.now() - 5 * 86_400_000), amount: "5.00" } });
    const second = await openHome(t, teamId, "U0LATE2");
    expect(image(second).alt_text).toContain("Retention: Latest 100%");
    expect(image(second).slack_file.id).not.toBe(image(first).slack_file.id);
  }, 60_000);

  it("draws a separate image per language, in that language", async () => {
    const teamId = newTeamId();
    await seedRetention(store.db, teamId);
    t.fake.users.set("U0JAHOME", { locale: "ja-JP" });
    const en = await openHome(t, teamId, "U0ENHOME");
    const ja = await openHome(t, teamId, "U0JAHOME");
    expect(viewText(ja)).toContain("主要KPI");
    expect(image(ja).alt_text).toContain("リテンション率: 最新 75%");
    expect(image(ja).slack_file.id).not.toBe(image(en).slack_file.id);
  }, 60_000);

  it("shows the key numbers as text when the upload fails, and caches nothing", async () => {
    const own = await startTestBot(store);
    try {
      own.fake.on("files.getUploadURLExternal", () => ({ ok: false, error: "internal_error" }));
      const teamId = newTeamId();
      await seedRetention(store.db, teamId);
      const view = await openHome(own, teamId, "U0NOUPLOAD");
      expect(image(view)).toBeUndefined();
      expect(viewText(view)).toContain("Retention: Latest 75%");
      expect(own.fake.uploads).toHaveLength(0);
      expect(await store.db.chartImage.count({ where: { teamId } })).toBe(0);
    } finally {
      await own.stop();
    }
  }, 60_000);

  it("publishes the image's numbers as text when Slack refuses the image block", async () => {
    const own = await startTestBot(store);
    try {
      own.fake.on("views.publish", (a) => (a.view.blocks.some((b: any) => b.type === "image") ? { ok: false, error: "invalid_blocks" } : { ok: true, view: { id: "VHOME" } }));
      const teamId = newTeamId();
      await seedRetention(store.db, teamId);
      const view = await openHome(own, teamId, "U0REFUSED");
      const accepted = own.fake.callsTo("views.publish").filter((c) => c.args.user_id === "U0REFUSED");
      expect(accepted).toHaveLength(2); // refused with the image, then published without it
      expect(image(accepted[1]!.args.view)).toBeUndefined();
      expect(viewText(accepted[1]!.args.view)).toContain("Retention: Latest 75%");
      expect(image(accepted[0]!.args.view)).toBeDefined();
      expect(view).toBeDefined();
    } finally {
      await own.stop();
    }
  }, 60_000);

  it("says there is no KPI data yet for an empty workspace, without uploading", async () => {
    const before = t.fake.callsTo("files.getUploadURLExternal").length;
    const view = await openHome(t, newTeamId(), "U0EMPTY");
    expect(viewText(view)).toContain("No KPI data yet");
    expect(image(view)).toBeUndefined();
    expect(t.fake.callsTo("files.getUploadURLExternal").length).toBe(before);
  }, 60_000);

  it("shows the settings to admins only", async () => {
    const teamId = newTeamId();
    t.fake.users.set("U0HOMEADMIN", { is_admin: true });
    const admin = await openHome(t, teamId, "U0HOMEADMIN");
    const member = await openHome(t, teamId, "U0MEMBER");
    expect(viewText(admin)).toContain("Settings (admins only)");
    expect(admin.blocks.map((b: any) => b.block_id)).toEqual(expect.arrayContaining(["home_route:product", "home_route:sales", "home_scale", "home_window"]));
    expect(viewText(member)).not.toContain("Settings (admins only)");
    expect(member.blocks.some((b: any) => String(b.block_id ?? "").startsWith("home_route"))).toBe(false);
    expect(admin.blocks.length).toBeLessThanOrEqual(100);
  }, 60_000);

  it("lists the latest insights for the teams the user follows, and the user can change them", async () => {
    const teamId = newTeamId();
    await seedInsight(store.db, teamId, "Acme", "Support took three days to answer.", ["support"], 5);
    await seedInsight(store.db, teamId, "Globex", "The sales demo missed our use case.", ["sales"], 1);
    const who = { teamId, userId: "U0FOLLOW" };
    const first = await openHome(t, teamId, who.userId);
    expect(viewText(first)).toContain("Support took three days");
    expect(viewText(first)).toContain("The sales demo missed");

    const res = await t.interact(
      homeAction(who, {
        type: "checkboxes",
        action_id: "home_follow_teams",
        block_id: "home_teams",
        selected_options: [{ value: "support", text: { type: "plain_text", text: "Support" } }],
      }),
    );
    expect(res.status).toBe(200);
    await t.idle();
    expect(await store.db.userProfile.findUnique({ where: { teamId_userId: { teamId, userId: who.userId } } })).toMatchObject({ teams: ["support"] });
    const after = lastPublishFor(who.userId)!.args.view;
    expect(viewText(after)).toContain("Support took three days");
    expect(viewText(after)).not.toContain("The sales demo missed");
    const checkboxes = after.blocks.find((b: any) => b.block_id === "home_teams").accessory;
    expect(checkboxes.initial_options.map((o: any) => o.value)).toEqual(["support"]);
  }, 60_000);

  it("opens the insight and story forms from the Home buttons", async () => {
    const who = { teamId: newTeamId(), userId: "U0BUTTONS" };
    await t.interact(homeAction(who, { type: "button", action_id: "home_open_insight", block_id: "home_capture", value: "insight" }, "trig.homeinsight"));
    const insight = await t.fake.waitFor("views.open", (c) => c.args.trigger_id === "trig.homeinsight");
    expect(insight.args.view.callback_id).toBe("insight_modal");
    await t.interact(homeAction(who, { type: "button", action_id: "home_open_story", block_id: "home_capture", value: "story" }, "trig.homestory"));
    const story = await t.fake.waitFor("views.open", (c) => c.args.trigger_id === "trig.homestory");
    expect(story.args.view.callback_id).toBe("story_modal");
  });

  it("lets admins route a team's insights and change the activity window; refuses everyone else", async () => {
    const teamId = newTeamId();
    t.fake.users.set("U0SETADMIN", { is_admin: true });
    const admin = { teamId, userId: "U0SETADMIN" };
    const member = { teamId, userId: "U0SETMEMBER" };
    const route = (channel: string) => ({ type: "conversations_select", action_id: "home_route", block_id: "home_route:sales", selected_conversation: channel });
    const windowOf = (days: string) => ({
      type: "static_select",
      action_id: "home_activity_window",
      block_id: "home_window",
      selected_option: { value: days, text: { type: "plain_text", text: days } },
    });

    await t.interact(homeAction(member, route("C0EVIL"), "trig.refuse1"));
    await t.interact(homeAction(member, windowOf("30"), "trig.refuse2"));
    await t.idle();
    expect(await store.db.insightRoute.findMany({ where: { teamId } })).toEqual([]);
    expect(await store.db.workspace.findUnique({ where: { teamId } })).toBeNull();
    for (const trig of ["trig.refuse1", "trig.refuse2"]) {
      const refusal = await t.fake.waitFor("views.open", (c) => c.args.trigger_id === trig);
      expect(viewText(refusal.args.view)).toContain("Only Retention Desk admins can change these settings. `/kpi admins` lists them.");
    }

    await t.interact(homeAction(admin, route("C0SALES")));
    await t.interact(homeAction(admin, windowOf("180")));
    await t.idle();
    expect(await store.db.insightRoute.findMany({ where: { teamId }, select: { team: true, channelId: true, setBy: true } })).toEqual([
      { team: "sales", channelId: "C0SALES", setBy: "U0SETADMIN" },
    ]);
    expect((await store.db.workspace.findUnique({ where: { teamId } }))?.activityWindowDays).toBe(180);
    const view = lastPublishFor("U0SETADMIN")!.args.view;
    expect(view.blocks.find((b: any) => b.block_id === "home_route:sales").accessory.initial_conversation).toBe("C0SALES");
    expect(view.blocks.find((b: any) => b.block_id === "home_window").accessory.initial_option.value).toBe("180");
  }, 60_000);

  it("lets admins give an emoji points from the rating-scale modal; a non-admin's submission is refused", async () => {
    const teamId = newTeamId();
    t.fake.users.set("U0SCALEADMIN", { is_admin: true });
    const admin = { teamId, userId: "U0SCALEADMIN" };
    await t.interact(homeAction(admin, { type: "button", action_id: "home_edit_scale", block_id: "home_scale", value: "scale" }, "trig.scale"));
    const modal = await t.fake.waitFor("views.open", (c) => c.args.trigger_id === "trig.scale");
    expect(modal.args.view.callback_id).toBe("home_rating_scale");

    const values = (emoji: string, points: string) => ({
      emoji: { emoji: { type: "plain_text_input", value: emoji } },
      points: { points: { type: "number_input", value: points } },
    });
    const refused = await t.interact(viewSubmission({ teamId, userId: "U0SCALEMEMBER" }, { callbackId: "home_rating_scale", values: values(":tada:", "3") }));
    expect(await refused.json()).toEqual({ response_action: "errors", errors: { emoji: "Only Retention Desk admins can change these settings. `/kpi admins` lists them." } });
    const invalid = await t.interact(viewSubmission(admin, { callbackId: "home_rating_scale", values: values("not an emoji!", "500") }));
    expect(await invalid.json()).toEqual({ response_action: "errors", errors: { emoji: "Type one emoji name, like :tada:.", points: "Use a whole number from 0 to 100." } });
    await t.idle();
    expect(await store.db.workspace.findUnique({ where: { teamId } })).toBeNull();

    const ok = await t.interact(viewSubmission(admin, { callbackId: "home_rating_scale", values: values(":tada:", "3") }));
    expect(ok.status).toBe(200);
    await t.idle();
    expect((await store.db.workspace.findUnique({ where: { teamId } }))?.ratingScale).toEqual({ star: 1, "+1": 1, fire: 2, bulb: 2, tada: 3 });
    expect(viewText(lastPublishFor("U0SCALEADMIN")!.args.view)).toContain(":tada: 3 points");
  }, 60_000);
});
