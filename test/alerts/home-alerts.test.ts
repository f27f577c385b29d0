// Alerts and targets in App Home (#17), end to end against the real bot: signed block_actions from the Home tab open the
// "Add alert" and "Set target" modals, signed view_submissions save through the same services as `/kpi alerts add` and
// `/kpi target` (same rows, same validation), Remove buttons delete, and forged payloads from non-admins are refused in
// the user's language with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { homeAction } from "../home/helpers.js";
import { insertCustomers } from "../kpi/fixtures.js";
import { eventCallback, viewSubmission, type Who } from "../slack/payloads.js";

const ja = translator("ja");
const button = (actionId: string, value: string, blockId = "b") => ({ type: "button", action_id: actionId, block_id: blockId, value, text: { type: "plain_text", text: "x" } });
const text = (field: string, value: string) => ({ [field]: { [field]: { type: "plain_text_input", value } } });
const select = (field: string, value: string) => ({ [field]: { [field]: { type: "static_select", selected_option: { value, text: { type: "plain_text", text: value } } } } });
const channel = (id: string) => ({ channel: { channel: { type: "conversations_select", selected_conversation: id } } });
const viewText = (view: unknown) => JSON.stringify(view);

describe.each(storeKinds())("App Home alerts and targets on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store);
    t.fake.users.set("U0HAADMIN", { is_admin: true, tz: "America/New_York" });
    t.fake.users.set("U0HAMEMBERJA", { locale: "ja-JP" });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  /** Sends a Home action or a modal submission and waits for its work; resolves with the HTTP response. */
  const send = async (payload: unknown) => {
    const res = await t.interact(payload);
    expect(res.status).toBe(200);
    await t.idle();
    return res;
  };
  const lastHome = (who: Who) =>
    t.fake
      .callsTo("views.publish")
      .filter((c) => c.args.user_id === who.userId)
      .at(-1)?.args.view as { blocks: any[] };
  const openHome = async (who: Who) => {
    t.fake.meet(who.userId, who.teamId);
    await t.event(eventCallback(who.teamId, { type: "app_home_opened", user: who.userId, channel: `D${who.userId}`, tab: "home" }));
    await t.idle();
    return lastHome(who);
  };
  const submitAlert = (who: Who, values: Record<string, unknown>) => send(viewSubmission(who, { callbackId: "home_alert_modal", values: values as never }));
  const submitTarget = (who: Who, values: Record<string, unknown>) => send(viewSubmission(who, { callbackId: "home_target_modal", values: values as never }));

  it("an admin adds an alert from Home through the modal: the same row as /kpi alerts add, listed with its thresholds", async () => {
    const teamId = newTeamId();
    const admin = { teamId, userId: "U0HAADMIN" };
    const home = await openHome(admin);
    expect(home.blocks).toContainEqual(expect.objectContaining({ type: "actions", elements: [expect.objectContaining({ action_id: "home_alert_add" })] }));
    expect(viewText(home)).toContain("No channel gets alerts yet. Add one with the button below.");

    await send(homeAction(admin, button("home_alert_add", "add"), "trig.addalert"));
    const modal = (await t.fake.waitFor("views.open", (c) => c.args.trigger_id === "trig.addalert")).args.view;
    expect(modal.callback_id).toBe("home_alert_modal");
    expect(modal.blocks.map((b: { block_id?: string }) => b.block_id).filter(Boolean)).toEqual([
      "kind",
      "channel",
      "palive",
      "revenue",
      "clv",
      "move",
      "team",
      "quiet",
      "tz",
      "group",
    ]);

    t.fake.join("C0HAPUB");
    const values = {
      ...select("kind", "at_risk"),
      ...channel("C0HAPUB"),
      ...text("palive", "30%"),
      ...text("revenue", "1,000"),
      ...text("quiet", "22:00-08:00"),
      ...text("tz", "Asia/Tokyo"),
      ...text("group", "3"),
    };
    const res = await submitAlert(admin, values);
    expect(await res.text()).toBe("");
    const fromHome = await store.db.alertSubscription.findFirstOrThrow({ where: { teamId } });

    // The command with the same words stores the same settings.
    const other = newTeamId();
    const { responseId } = await t.command(
      { teamId: other, userId: "U0HAADMIN" },
      "/kpi",
      "alerts add at-risk <#C0HAPUB|alerts> palive:30% revenue:1,000 quiet:22:00-08:00 tz:Asia/Tokyo group:3",
    );
    await t.fake.waitForResponse(responseId, 30_000);
    const fromCommand = await store.db.alertSubscription.findFirstOrThrow({ where: { teamId: other } });
    const settings = (s: typeof fromHome) => ({
      channelId: s.channelId,
      kind: s.kind,
      options: s.options,
      quietStart: s.quietStart,
      quietEnd: s.quietEnd,
      timeZone: s.timeZone,
      groupAbove: s.groupAbove,
      createdBy: s.createdBy,
    });
    expect(settings(fromHome)).toEqual(settings(fromCommand));
    expect(settings(fromHome)).toMatchObject({ options: { pAliveBelow: 0.3, revenueAbove: 1000 }, quietStart: "22:00", quietEnd: "08:00", timeZone: "Asia/Tokyo", groupAbove: 3 });

    const after = lastHome(admin);
    const row = after.blocks.find((b) => b.block_id === `home_alert_remove:${fromHome.id}`);
    expect(row.text.text).toBe(
      "*<#C0HAPUB>*: valuable customers at risk\nat risk below P(alive) 30%; valuable above revenue to date 1,000.00\nquiet 22:00-08:00 (Asia/Tokyo), grouped above 3 an hour",
    );
    expect(row.accessory).toMatchObject({ action_id: "home_alert_remove", value: fromHome.id });

    // Without a time zone in the modal, the admin's Slack time zone applies, as for the command.
    await submitAlert(admin, { ...select("kind", "kpi"), ...channel("C0HAPUB"), ...text("move", "10") });
    expect(await store.db.alertSubscription.findFirstOrThrow({ where: { teamId, kind: "kpi" } })).toMatchObject({ options: { move: 0.1 }, timeZone: "America/New_York" });

    // Remove: the subscription goes, Home no longer lists it.
    await send(homeAction(admin, button("home_alert_remove", fromHome.id, `home_alert_remove:${fromHome.id}`)));
    expect(await store.db.alertSubscription.count({ where: { teamId, kind: "at_risk" } })).toBe(0);
    expect(lastHome(admin).blocks.some((b) => b.block_id === `home_alert_remove:${fromHome.id}`)).toBe(false);
  }, 90_000);

  it("the modal marks fields it cannot read and refuses a shared channel; a private channel without the bot is flagged on Home", async () => {
    const teamId = newTeamId();
    const admin = { teamId, userId: "U0HAADMIN" };
    t.fake.meet(admin.userId, teamId);
    const bad = await submitAlert(admin, { ...select("kind", "at_risk"), ...channel("C0HAPUB"), ...text("palive", "120%"), ...text("quiet", "late"), ...text("tz", "Mars/Base") });
    expect(await bad.json()).toEqual({
      response_action: "errors",
      errors: {
        palive: '"120%" cannot be read here: write it as 30%.',
        quiet: '"late" cannot be read here: write it as 22:00-08:00.',
        tz: '"Mars/Base" cannot be read here: write it as Asia/Tokyo.',
      },
    });
    // No channel: voice alerts go to the owning team's channel; other kinds need a channel.
    expect(await (await submitAlert(admin, { ...select("kind", "kpi") })).json()).toEqual({
      response_action: "errors",
      errors: { channel: "Pick a channel: only voice alerts can go to the owning team's channel." },
    });
    await submitAlert(admin, { ...select("kind", "voice") });
    const teamSub = await store.db.alertSubscription.findFirstOrThrow({ where: { teamId } });
    expect(teamSub).toMatchObject({ channelId: "team", kind: "voice" });
    expect(lastHome(admin).blocks.find((b) => b.block_id === `home_alert_remove:${teamSub.id}`).text.text).toMatch(
      /^\*the owning team's channel\*: negative voices of valuable or at-risk customers\n/,
    );
    await store.db.alertSubscription.delete({ where: { id: teamSub.id } });

    t.fake.externalChannels.add("C0HASHARED");
    const shared = await submitAlert(admin, { ...select("kind", "voice"), ...channel("C0HASHARED") });
    expect(await shared.json()).toEqual({
      response_action: "errors",
      errors: { channel: "<#C0HASHARED> is shared with another organisation: alerts carry customer data, so they are not sent there." },
    });
    expect(await store.db.alertSubscription.count({ where: { teamId } })).toBe(0);

    // A private channel the bot was not invited to: refused with what to do, nothing saved.
    t.fake.privateChannels.add("C0HAPRIV");
    const invite = ":warning: The bot is not in <#C0HAPRIV>: invite it (`/invite @Retention Desk`) or alerts cannot be posted there.";
    const hidden = await submitAlert(admin, { ...select("kind", "voice"), ...channel("C0HAPRIV"), ...select("team", "sales") });
    expect(await hidden.json()).toEqual({ response_action: "errors", errors: { channel: invite } });
    expect(await store.db.alertSubscription.count({ where: { teamId } })).toBe(0);
    // Invited: saved. Removed from the channel later: Home says so beside the subscription.
    t.fake.join("C0HAPRIV");
    await submitAlert(admin, { ...select("kind", "voice"), ...channel("C0HAPRIV"), ...select("team", "sales") });
    const sub = await store.db.alertSubscription.findFirstOrThrow({ where: { teamId } });
    expect(sub).toMatchObject({ channelId: "C0HAPRIV", kind: "voice", options: { team: "sales" } });
    const rowOf = (view: { blocks: any[] }) => view.blocks.find((b) => b.block_id === `home_alert_remove:${sub.id}`).text.text as string;
    expect(rowOf(lastHome(admin))).toBe(
      "*<#C0HAPRIV>*: negative voices of valuable or at-risk customers\nat risk below P(alive) 50%; valuable above revenue to date 500.00; Sales voices only\ngrouped above 5 an hour",
    );
    t.fake.members.delete("C0HAPRIV");
    expect(rowOf(await openHome(admin))).toContain(`\n${invite}`);
  }, 60_000);

  it("targets: an admin sets one from Home with the command's validation and removes it with its button", async () => {
    const teamId = newTeamId();
    const admin = { teamId, userId: "U0HAADMIN" };
    await insertCustomers(store.db, teamId, [{ ext: "P1", segment: "Pro", purchases: [["2026-11-01T12:00:00Z", "10.00"]] }]);
    const home = await openHome(admin);
    expect(home.blocks).toContainEqual(expect.objectContaining({ type: "actions", elements: [expect.objectContaining({ action_id: "home_target_set" })] }));
    await send(homeAction(admin, button("home_target_set", "set"), "trig.settarget"));
    expect((await t.fake.waitFor("views.open", (c) => c.args.trigger_id === "trig.settarget")).args.view.callback_id).toBe("home_target_modal");

    expect(await (await submitTarget(admin, { ...select("kpi", "retentionRate"), ...text("value", "185%") })).json()).toEqual({
      response_action: "errors",
      errors: { value: '"185%" is not a target for Retention: give a percentage from 0 to 100, as `85%` or `85`.' },
    });
    expect(await (await submitTarget(admin, { ...select("kpi", "retentionRate"), ...text("value", "85"), ...text("segment", "gold") })).json()).toEqual({
      response_action: "errors",
      errors: { segment: 'No customers in segment "gold". Segments: Pro.' },
    });
    expect(await store.db.kpiTarget.count({ where: { teamId } })).toBe(0);

    await submitTarget(admin, { ...select("kpi", "retentionRate"), ...text("value", "85%"), ...text("segment", "pro") });
    expect(await store.db.kpiTarget.findMany({ where: { teamId }, select: { kpi: true, segment: true, value: true, setBy: true } })).toEqual([
      { kpi: "retentionRate", segment: "Pro", value: 0.85, setBy: "U0HAADMIN" },
    ]);
    const listed = lastHome(admin).blocks.find((b) => b.accessory?.action_id === "home_target_remove");
    expect(listed).toMatchObject({ text: { text: "• Retention: 85%" }, accessory: { value: "retentionRate|Pro" } });

    await send(homeAction(admin, button("home_target_remove", "retentionRate|Pro")));
    expect(await store.db.kpiTarget.count({ where: { teamId } })).toBe(0);
    expect(viewText(lastHome(admin))).toContain("No KPI targets yet.");
  }, 60_000);

  it("forged payloads from a member are refused in Japanese and change nothing", async () => {
    const teamId = newTeamId();
    const admin = { teamId, userId: "U0HAADMIN" };
    const member = { teamId, userId: "U0HAMEMBERJA" };
    t.fake.meet(admin.userId, teamId);
    t.fake.meet(member.userId, teamId);
    await submitAlert(admin, { ...select("kind", "detractor"), ...channel("C0HAPUB") });
    await submitTarget(admin, { ...select("kpi", "churnRate"), ...text("value", "5%") });
    const sub = await store.db.alertSubscription.findFirstOrThrow({ where: { teamId } });

    const memberHome = await openHome(member);
    expect(viewText(memberHome)).not.toContain("home_alert_add");
    expect(viewText(memberHome)).not.toContain("home_target_remove");

    const refused = ja("homeTab.admin.refused");
    for (const [i, action] of [
      button("home_alert_add", "add"),
      button("home_alert_remove", sub.id),
      button("home_target_set", "set"),
      button("home_target_remove", "churnRate|"),
    ].entries()) {
      await send(homeAction(member, action, `trig.forged${i}`));
      const opened = await t.fake.waitFor("views.open", (c) => c.args.trigger_id === `trig.forged${i}`);
      expect(viewText(opened.args.view)).toContain(refused);
    }
    expect(await (await submitAlert(member, { ...select("kind", "kpi"), ...channel("C0HAPUB") })).json()).toEqual({ response_action: "errors", errors: { kind: refused } });
    expect(await (await submitTarget(member, { ...select("kpi", "nps"), ...text("value", "30") })).json()).toEqual({ response_action: "errors", errors: { kpi: refused } });
    expect(await store.db.alertSubscription.findMany({ where: { teamId }, select: { kind: true } })).toEqual([{ kind: "detractor" }]);
    expect(await store.db.kpiTarget.findMany({ where: { teamId }, select: { kpi: true, value: true } })).toEqual([{ kpi: "churnRate", value: 0.05 }]);
  }, 60_000);
});
