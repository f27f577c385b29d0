// Naming and removing the bot's admins from App Home, end to end: signed block_actions payloads from the Home tab
// (users_select, static_select, button) against the real bot; the fake Slack answers users.info, usergroups.list and
// usergroups.users.list and checks every view it is sent against Block Kit's limits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { homeAction } from "../home/helpers.js";
import { eventCallback, type Who } from "../slack/payloads.js";

const en = translator("en");
const ja = translator("ja");

const pickUser = (userId: string) => ({ type: "users_select", action_id: "home_admin_add_user", block_id: "home_admins_add", selected_user: userId });
const pickGroup = (groupId: string, label = groupId) => ({
  type: "static_select",
  action_id: "home_admin_group",
  block_id: "home_admins_add",
  selected_option: { text: { type: "plain_text", text: label, emoji: true }, value: groupId },
});
const removeButton = (memberId: string) => ({
  type: "button",
  action_id: "home_admin_remove",
  block_id: `home_admin_remove:${memberId}`,
  text: { type: "plain_text", text: "Remove", emoji: true },
  value: memberId,
});

describe.each(storeKinds())("App Home names and removes the bot's admins on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store);
    t.fake.users.set("U0OWNER", { is_owner: true });
    t.fake.users.set("U0GUESTH", { is_restricted: true });
    t.fake.users.set("U0NOTADMINJA", { locale: "ja-JP" });
    t.fake.userGroups.set("S0LEADS", ["U0GROUPIE"]);
    t.fake.userGroupNames.set("S0LEADS", { handle: "retention-leads", name: "Retention leads" });
    t.fake.userGroups.set("S0OPS", ["U0OPS"]);
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  const named = (teamId: string) => store.db.botAdmin.findMany({ where: { teamId }, orderBy: { memberId: "asc" }, select: { memberId: true, kind: true, addedBy: true } });
  /** Sends a Home action and waits for its work; resolves with the Home published for `who` afterwards, if any. */
  const act = async (who: Who, action: Record<string, unknown>, triggerId?: string) => {
    const before = t.fake.callsTo("views.publish").length;
    const res = await t.interact(homeAction(who, action, triggerId));
    expect(res.status).toBe(200);
    await t.idle();
    return t.fake
      .callsTo("views.publish")
      .slice(before)
      .filter((c) => c.args.user_id === who.userId)
      .at(-1)?.args.view as { blocks: any[] } | undefined;
  };
  const openHome = async (who: Who) => {
    const before = t.fake.callsTo("views.publish").length;
    await t.event(eventCallback(who.teamId, { type: "app_home_opened", user: who.userId, channel: `D${who.userId}`, tab: "home" }));
    const call = await t.fake.waitFor("views.publish", (c) => c.args.user_id === who.userId && t.fake.callsTo("views.publish").indexOf(c) >= before, 20_000);
    return call.args.view as { blocks: any[] };
  };
  /** May `who` change an admin-only setting? (`/story channel` answers NOT_ADMIN otherwise.) */
  const isAdmin = async (who: Who) => {
    const { responseId } = await t.command(who, "/story", "channel <#C0WINS|wins>");
    const { text } = await t.fake.waitForResponse(responseId, 15_000);
    return text !== en("error.notAdmin") && text !== ja("error.notAdmin");
  };
  const rowOf = (view: { blocks: any[] }, memberId: string) => view.blocks.find((b) => b.block_id === `home_admin_remove:${memberId}`);
  const pickers = (view: { blocks: any[] }) => view.blocks.find((b) => b.block_id === "home_admins_add")?.elements as any[];

  it("an owner picks a person and a user group, replaces the group and removes each with its button", async () => {
    const teamId = newTeamId();
    const owner = { teamId, userId: "U0OWNER" };
    const lead = { teamId, userId: "U0LEADH" };
    const groupie = { teamId, userId: "U0GROUPIE" };
    t.fake.meet("U0LEADH", teamId);
    t.fake.meet("U0GROUPIE", teamId);

    const home = await openHome(owner);
    const [users, groups] = pickers(home);
    expect(users).toMatchObject({ type: "users_select", action_id: "home_admin_add_user", placeholder: { text: "Add a person…" } });
    expect(groups.type).toBe("static_select");
    expect(groups.options).toEqual(
      expect.arrayContaining([
        { text: { type: "plain_text", text: "@retention-leads (Retention leads)", emoji: true }, value: "S0LEADS" },
        { text: { type: "plain_text", text: "@s0ops (S0OPS)", emoji: true }, value: "S0OPS" },
      ]),
    );
    expect(JSON.stringify(home)).toContain(en("admins.none"));
    expect(await isAdmin(lead)).toBe(false);

    const afterUser = await act(owner, pickUser("U0LEADH"));
    expect(await named(teamId)).toEqual([{ memberId: "U0LEADH", kind: "user", addedBy: "U0OWNER" }]);
    expect(rowOf(afterUser!, "U0LEADH")).toEqual({
      type: "section",
      block_id: "home_admin_remove:U0LEADH",
      text: { type: "mrkdwn", text: "<@U0LEADH>" },
      accessory: { type: "button", action_id: "home_admin_remove", text: { type: "plain_text", text: "Remove", emoji: true }, value: "U0LEADH" },
    });
    expect(await isAdmin(lead)).toBe(true);

    expect(await isAdmin(groupie)).toBe(false);
    const afterGroup = await act(owner, pickGroup("S0LEADS", "@retention-leads (Retention leads)"));
    expect(rowOf(afterGroup!, "S0LEADS").text.text).toBe("User group: <!subteam^S0LEADS> (its members)");
    expect(pickers(afterGroup!)[1].initial_option.value).toBe("S0LEADS");
    expect(await isAdmin(groupie)).toBe(true);

    // One group at most: picking another replaces it, and the first group's members lose the role at once.
    await act(owner, pickGroup("S0OPS"));
    expect(await named(teamId)).toEqual([
      { memberId: "S0OPS", kind: "group", addedBy: "U0OWNER" },
      { memberId: "U0LEADH", kind: "user", addedBy: "U0OWNER" },
    ]);
    expect(await isAdmin(groupie)).toBe(false);
    expect(await isAdmin({ teamId, userId: "U0OPS" })).toBe(true);

    // A named admin (not a Slack admin) may use the controls too: the lead removes the group.
    const afterRemoveGroup = await act(lead, removeButton("S0OPS"));
    expect(rowOf(afterRemoveGroup!, "S0OPS")).toBeUndefined();
    expect(await isAdmin({ teamId, userId: "U0OPS" })).toBe(false);

    const afterRemoveLead = await act(owner, removeButton("U0LEADH"));
    expect(await named(teamId)).toEqual([]);
    expect(rowOf(afterRemoveLead!, "U0LEADH")).toBeUndefined();
    expect(JSON.stringify(afterRemoveLead)).toContain(en("admins.none"));
    expect(await isAdmin(lead)).toBe(false);
  }, 120_000);

  it("a non-admin's forged add, group and remove payloads are refused in their language and change nothing", async () => {
    const teamId = newTeamId();
    const owner = { teamId, userId: "U0OWNER" };
    const intruder = { teamId, userId: "U0NOTADMINJA" };
    t.fake.meet("U0KEPT", teamId);
    await act(owner, pickUser("U0KEPT"));
    expect(await named(teamId)).toHaveLength(1);

    const refusals = [
      [pickUser("U0NOTADMINJA"), "trig.forged.add"],
      [pickGroup("S0LEADS"), "trig.forged.group"],
      [removeButton("U0KEPT"), "trig.forged.remove"],
    ] as const;
    for (const [action, trigger] of refusals) {
      const home = await act(intruder, action, trigger);
      expect(home).toBeUndefined();
      const refusal = await t.fake.waitFor("views.open", (c) => c.args.trigger_id === trigger);
      expect(refusal.args.view.blocks[0].text.text).toBe(ja("homeTab.admin.refused"));
      expect(refusal.args.view.title.text).toBe(ja("homeTab.settings.title"));
    }
    expect(await named(teamId)).toEqual([{ memberId: "U0KEPT", kind: "user", addedBy: "U0OWNER" }]);
    expect(await isAdmin(intruder)).toBe(false);
  }, 60_000);

  it("a guest picked as admin is refused with a notice, nothing stored; a bad id in a payload is ignored", async () => {
    const teamId = newTeamId();
    const owner = { teamId, userId: "U0OWNER" };
    t.fake.meet("U0GUESTH", teamId);
    await act(owner, pickUser("U0GUESTH"), "trig.guestpick");
    const notice = await t.fake.waitFor("views.open", (c) => c.args.trigger_id === "trig.guestpick");
    expect(notice.args.view.blocks[0].text.text).toBe(en("admins.notMember", { member: "<@U0GUESTH>" }));
    await act(owner, removeButton("not-an-id"));
    await act(owner, pickGroup("<!channel>"));
    expect(await named(teamId)).toEqual([]);
  }, 60_000);

  it("many named people and user groups stay within Block Kit's limits and say how many are not shown", async () => {
    const teamId = newTeamId();
    const owner = { teamId, userId: "U0OWNER" };
    await store.db.botAdmin.createMany({
      data: Array.from({ length: 13 }, (_, i) => ({ teamId, memberId: `U0MANY${String(i).padStart(2, "0")}`, kind: "user", addedBy: "U0OWNER" })),
    });
    const longName = "顧客維持チーム".repeat(20); // 140 characters: past the 75 an option's text holds
    for (let i = 0; i < 120; i++) {
      t.fake.userGroups.set(`S0G${String(i).padStart(3, "0")}`, []);
      t.fake.userGroupNames.set(`S0G${String(i).padStart(3, "0")}`, { handle: `group-${i}`, name: longName });
    }
    try {
      const home = await openHome(owner);
      const rows = home.blocks.filter((b) => String(b.block_id ?? "").startsWith("home_admin_remove:"));
      expect(rows).toHaveLength(10);
      expect(JSON.stringify(home)).toContain(JSON.stringify(en("admins.home.morePeople", { count: 3 })).slice(1, -1));
      const options = pickers(home)[1].options as { text: { text: string } }[];
      expect(options).toHaveLength(100);
      expect(options.every((o) => o.text.text.length <= 75)).toBe(true);
      expect(options.some((o) => o.text.text.endsWith("…"))).toBe(true);
      // 120 fixture groups plus the file's own: all past the first 100 are counted.
      expect(JSON.stringify(home)).toContain(JSON.stringify(en("admins.home.moreGroups", { count: t.fake.userGroups.size - 100 })).slice(1, -1));
      expect(t.fake.violations).toEqual([]);
    } finally {
      for (let i = 0; i < 120; i++) t.fake.userGroups.delete(`S0G${String(i).padStart(3, "0")}`);
    }
  }, 60_000);
});
