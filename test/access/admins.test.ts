// Who may do what, end to end: signed slash commands, block actions, view submissions and Home events against the
// real bot, with the fake Slack answering users.info and usergroups.users.list as Slack does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { homeAction, seedInsight, viewText } from "../home/helpers.js";
import { eventCallback, viewSubmission } from "../slack/payloads.js";

const NOT_ADMIN = "Only Retention Desk admins can do this: the workspace's admins and owners and the people they named. `/kpi admins` lists them.";
const HOME_REFUSED = "Only Retention Desk admins can change these settings. `/kpi admins` lists them.";
const STRANGER = "This is another organisation's workspace: its customer data is shown only to its own members.";
const GUEST_JA = "ゲストの方も顧客の声の記録やストーリーの共有はできますが、顧客データはこのワークスペースのメンバーにのみ表示されます。";

describe.each(storeKinds())("the bot's admin role and customer-data access on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store);
    t.fake.users.set("U0OWNER", { is_owner: true });
    t.fake.users.set("U0SLACKADMIN", { is_admin: true });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  const run = async (who: { teamId: string; userId: string }, command: string, text: string, channelId = "C0GENERAL") => {
    const { res, responseId } = await t.command(who, command, text, { channelId });
    expect(res.status).toBe(200);
    return t.fake.waitForResponse(responseId, 15_000);
  };
  const named = (teamId: string) => store.db.botAdmin.findMany({ where: { teamId }, orderBy: { memberId: "asc" }, select: { memberId: true, kind: true, addedBy: true } });

  it("a Slack owner names a person with an escaped mention; that person may then change settings, until removed", async () => {
    const teamId = newTeamId();
    const owner = { teamId, userId: "U0OWNER" };
    const lead = { teamId, userId: "U0LEAD" };

    expect((await run(lead, "/story", "channel <#C0WINS|wins>")).text).toBe(NOT_ADMIN);
    expect((await run(lead, "/kpi", "admins add <@U0LEAD|lead>")).text).toBe(NOT_ADMIN);
    expect(await named(teamId)).toEqual([]);

    const list = await run(lead, "/kpi", "admins");
    expect(list.text).toContain("*Retention Desk admins*\nWorkspace admins and owners (always).\nNo one else has been named yet.");

    expect((await run(owner, "/kpi", "admins add <@U0LEAD|lead>")).text).toBe("<@U0LEAD> is now a Retention Desk admin.");
    expect((await run(owner, "/kpi", "admins add <@U0LEAD>")).text).toBe("<@U0LEAD> is already a Retention Desk admin.");
    expect(await named(teamId)).toEqual([{ memberId: "U0LEAD", kind: "user", addedBy: "U0OWNER" }]);
    expect((await run(lead, "/kpi", "admins")).text).toContain("People: <@U0LEAD>");

    expect((await run(lead, "/story", "channel <#C0WINS|wins>")).text).toBe("Stories will be posted in <#C0WINS>.\nI'm in <#C0WINS>, so reactions there count.");
    expect((await store.db.workspace.findUniqueOrThrow({ where: { teamId } })).storiesChannelId).toBe("C0WINS");

    // Removal takes effect on the very next request (named admins are read from the database every time).
    expect((await run(lead, "/kpi", "admins remove <@U0LEAD|lead>")).text).toBe("<@U0LEAD> is no longer named a Retention Desk admin.");
    expect((await run(lead, "/story", "channel <#C0OTHER|other>")).text).toBe(NOT_ADMIN);
    expect((await store.db.workspace.findUniqueOrThrow({ where: { teamId } })).storiesChannelId).toBe("C0WINS");
    expect((await run(owner, "/kpi", "admins remove <@U0SLACKADMIN>")).text).toBe("<@U0SLACKADMIN> was not named a Retention Desk admin, so nothing changed.");
    expect((await run(owner, "/kpi", "admins add @lead")).text).toContain("Mention a person like @alex");
    expect((await run(owner, "/kpi", "admins promote <@U0LEAD>")).text).toContain("`/kpi admins` lists the Retention Desk admins.");
  });

  it("members of one named user group are admins; naming another group replaces it", async () => {
    const teamId = newTeamId();
    t.fake.userGroups.set("S0LEADS", ["U0GROUPIE", "U0OTHER"]);
    t.fake.userGroups.set("S0OPS", ["U0OPS"]);
    const admin = { teamId, userId: "U0SLACKADMIN" };
    const groupie = { teamId, userId: "U0GROUPIE" };

    expect((await run(groupie, "/insight", "allow-shared <#C0SHARED|partners>")).text).toBe(NOT_ADMIN);
    expect((await run(admin, "/kpi", "admins add <!subteam^S0LEADS|@retention-leads>")).text).toBe("Members of <!subteam^S0LEADS> are now Retention Desk admins.");
    expect((await run(groupie, "/insight", "allow-shared <#C0SHARED|partners>")).text).toContain("<#C0SHARED>");
    expect(await store.db.sharedChannelAllowance.count({ where: { teamId, channelId: "C0SHARED" } })).toBe(1);
    expect(t.fake.callsTo("usergroups.users.list").some((c) => c.args.usergroup === "S0LEADS")).toBe(true);

    expect((await run(admin, "/kpi", "admins add <!subteam^S0OPS>")).text).toBe(
      "Members of <!subteam^S0OPS> are now Retention Desk admins, instead of the members of <!subteam^S0LEADS> (one user group at most).",
    );
    expect(await named(teamId)).toEqual([{ memberId: "S0OPS", kind: "group", addedBy: "U0SLACKADMIN" }]);
    expect((await run(groupie, "/insight", "disallow-shared <#C0SHARED|partners>")).text).toBe(NOT_ADMIN);
    expect((await run({ teamId, userId: "U0OPS" }, "/kpi", "admins")).text).toContain("User group: <!subteam^S0OPS> (its members)");
  });

  it("subscribing and unsubscribing a channel's digest are for admins", async () => {
    const teamId = newTeamId();
    const member = { teamId, userId: "U0READER" };
    expect((await run(member, "/kpi", "subscribe weekly", "C0DIGESTS")).text).toBe(NOT_ADMIN);
    expect(await store.db.digestSubscription.count({ where: { teamId } })).toBe(0);
    expect((await run({ teamId, userId: "U0SLACKADMIN" }, "/kpi", "subscribe weekly", "C0DIGESTS")).text).toContain("<#C0DIGESTS> will get the retention digest");
    expect((await run(member, "/kpi", "unsubscribe", "C0DIGESTS")).text).toBe(NOT_ADMIN);
    expect(await store.db.digestSubscription.count({ where: { teamId } })).toBe(1);
  });

  it("another organisation's admin in a shared channel is neither admin nor shown customer data", async () => {
    const teamId = newTeamId();
    // users.info says the person belongs to another team; the command payload carries ours (shared channel).
    t.fake.users.set("U0EXTERNAL", { is_admin: true, is_owner: true, team_id: "T0OTHERORG" });
    const external = { teamId, userId: "U0EXTERNAL" };
    await seedInsight(store.db, teamId, "Acme", "the export is too slow", ["product"]);

    expect((await run(external, "/insight", "search export")).text).toBe(STRANGER);
    expect((await run(external, "/kpi", "customer acme-1")).text).toBe(STRANGER);
    expect((await run(external, "/kpi", "at-risk")).text).toBe(STRANGER);
    expect((await run(external, "/kpi", "token")).text).toBe(STRANGER);
    expect(await store.db.apiToken.count({ where: { teamId } })).toBe(0);
    expect((await run(external, "/story", "channel <#C0X|x>")).text).toBe(NOT_ADMIN);
    expect((await run(external, "/kpi", "help")).text).toContain("/kpi");

    expect((await run({ teamId, userId: "U0SLACKADMIN" }, "/kpi", "admins add <@U0EXTERNAL|ext>")).text).toBe(
      "<@U0EXTERNAL> is not a full member of this workspace (a guest, or someone of another organisation), so they cannot be an admin.",
    );
    expect(await named(teamId)).toEqual([]);

    // The same person's Home: no customer voices, no settings.
    await t.event(eventCallback(teamId, { type: "app_home_opened", user: "U0EXTERNAL", channel: "D0EXT", tab: "home" }));
    const home = await t.fake.waitFor("views.publish", (c) => c.args.user_id === "U0EXTERNAL", 20_000);
    expect(viewText(home.args.view)).toContain(STRANGER);
    expect(viewText(home.args.view)).not.toContain("too slow");
    expect(viewText(home.args.view)).not.toContain("home_route");
  });

  it("guests may log a voice but not search them, told in their language", async () => {
    const teamId = newTeamId();
    t.fake.users.set("U0GUEST", { is_restricted: true, locale: "ja-JP" });
    t.fake.users.set("U0SINGLE", { is_ultra_restricted: true });
    const guest = { teamId, userId: "U0GUEST" };
    await seedInsight(store.db, teamId, "Acme", "invoices are confusing", ["product"]);

    expect((await run(guest, "/insight", "search invoices")).text).toBe(GUEST_JA);
    expect((await run({ teamId, userId: "U0SINGLE" }, "/insight", "search invoices")).text).toContain("customer data is shown only to members of this workspace");
    expect((await run(guest, "/kpi", "")).text).toBe(GUEST_JA);
    const logged = await run(guest, "/insight", "- Globex: the dashboard is slow");
    expect(logged.text).toContain("Globex");
    expect(await store.db.insight.count({ where: { teamId, customer: "Globex" } })).toBe(1);

    // A paging button replayed by the guest is refused on the server as well.
    const page = await t.interact({
      type: "block_actions",
      team: { id: teamId, domain: "example" },
      user: { id: "U0GUEST", team_id: teamId },
      api_app_id: "A0APP",
      token: "legacy",
      trigger_id: "trig.guestpage",
      response_url: t.fake.responseUrl("guestpage"),
      container: { type: "message", channel_id: "C0GENERAL", is_ephemeral: true },
      channel: { id: "C0GENERAL" },
      actions: [{ type: "button", action_id: "insight_search_page_next", block_id: "b", value: JSON.stringify({ q: "invoices", p: 0 }), action_ts: "1" }],
    });
    expect(page.status).toBe(200);
    expect((await t.fake.waitForResponse("guestpage")).text).toBe(GUEST_JA);
  });

  it("settings on Home are re-checked on every action and submission: a removed admin is refused", async () => {
    const teamId = newTeamId();
    const lead = { teamId, userId: "U0HOMELEAD" };
    t.fake.meet("U0HOMELEAD", teamId); // a member of this workspace, not seen by the bot yet
    await run({ teamId, userId: "U0OWNER" }, "/kpi", "admins add <@U0HOMELEAD|lead>");

    await t.event(eventCallback(teamId, { type: "app_home_opened", user: "U0HOMELEAD", channel: "D0LEAD", tab: "home" }));
    const home = await t.fake.waitFor("views.publish", (c) => c.args.user_id === "U0HOMELEAD", 20_000);
    const text = viewText(home.args.view);
    expect(text).toContain("home_route:sales");
    expect(text).toContain("Retention Desk admins*\\nWorkspace admins and owners (always).");
    expect(home.args.view.blocks).toContainEqual(expect.objectContaining({ block_id: "home_admin_remove:U0HOMELEAD", text: { type: "mrkdwn", text: "<@U0HOMELEAD>" } }));

    const windowOf = (days: string) => ({
      type: "static_select",
      action_id: "home_activity_window",
      block_id: "home_window",
      selected_option: { value: days, text: { type: "plain_text", text: days } },
    });
    await t.interact(homeAction(lead, windowOf("60")));
    await t.idle();
    expect((await store.db.workspace.findUniqueOrThrow({ where: { teamId } })).activityWindowDays).toBe(60);

    await run({ teamId, userId: "U0OWNER" }, "/kpi", "admins remove <@U0HOMELEAD>");
    await t.interact(homeAction(lead, windowOf("365"), "trig.removedlead"));
    await t.idle();
    const refusal = await t.fake.waitFor("views.open", (c) => c.args.trigger_id === "trig.removedlead");
    expect(viewText(refusal.args.view)).toContain(HOME_REFUSED);
    expect((await store.db.workspace.findUniqueOrThrow({ where: { teamId } })).activityWindowDays).toBe(60);

    const values = { emoji: { emoji: { type: "plain_text_input", value: ":tada:" } }, points: { points: { type: "number_input", value: "3" } } };
    const submitted = await t.interact(viewSubmission(lead, { callbackId: "home_rating_scale", values }));
    expect(await submitted.json()).toEqual({ response_action: "errors", errors: { emoji: HOME_REFUSED } });
    expect((await store.db.workspace.findUniqueOrThrow({ where: { teamId } })).ratingScale).toBeNull();
  }, 60_000);
});
