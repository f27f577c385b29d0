// `/kpi settings outreach-window <days>` end to end: signed slash commands, the modal that logs outreach, App Home.
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { seedPurchases } from "../prediction/seed.js";
import { eventCallback, viewSubmission, type Who } from "../slack/payloads.js";

describe.each(storeKinds())("the outreach window set from Slack on %s", (kind) => {
  const h = useTestBot(kind, {}, { now: () => new Date("2024-07-02T09:00:00Z") });
  const admin = (teamId: string): Who => {
    h.t.fake.users.set("U0WADMIN", { locale: "en-US", is_admin: true });
    return { teamId, userId: "U0WADMIN" };
  };
  const jaAdmin = (teamId: string): Who => {
    h.t.fake.users.set("U0WJAADMIN", { locale: "ja-JP", is_admin: true });
    return { teamId, userId: "U0WJAADMIN" };
  };
  const member = (teamId: string): Who => {
    h.t.fake.users.set("U0WMEMBER", { locale: "en-US" });
    return { teamId, userId: "U0WMEMBER" };
  };
  const reply = async (who: Who, text: string) => (await h.t.fake.waitForResponse((await h.t.command(who, "/kpi", text)).responseId, 20_000)).text as string;
  const stored = async (teamId: string) => (await h.store.db.workspace.findUnique({ where: { teamId } }))?.outreachWindowDays ?? null;

  it("admins set whole days from 7 to 365; bad values get the usage in the user's language and change nothing; members may read, not set", async () => {
    const teamId = newTeamId();
    expect(await reply(member(teamId), "settings")).toContain("within 30 days of the contact");
    expect(await reply(member(teamId), "settings outreach-window 45")).toBe(translator("en")("error.notAdmin"));
    for (const bad of ["", "6", "366", "abc", "-10", "4.5", "45 weeks"]) {
      expect(await reply(admin(teamId), `settings outreach-window ${bad}`.trim())).toBe(
        "Usage: `/kpi settings outreach-window <days>`, a whole number of days from 7 to 365 (e.g. `/kpi settings outreach-window 45`).",
      );
    }
    expect(await reply(jaAdmin(teamId), "settings outreach-window 400")).toBe(
      "使い方: `/kpi settings outreach-window <日数>`（7から365までの整数の日数を指定してください。例: `/kpi settings outreach-window 45`）。",
    );
    expect(await stored(teamId)).toBeNull();

    expect(await reply(admin(teamId), "settings outreach-window 45")).toBe(
      "Outreach from now on counts as a win-back when the customer buys within 45 days. Contacts already logged keep the window they were logged with.",
    );
    expect(await stored(teamId)).toBe(45);
    expect(await reply(jaAdmin(teamId), "settings outreach-window 60日")).toBe(
      "今後の連絡は、60日以内に購入があった場合に再購入として測定します。記録済みの連絡は、記録したときの期間のまま測定します。",
    );
    expect(await reply(admin(teamId), "settings OUTREACH-WINDOW 7 days")).toContain("within 7 days");
    expect(await stored(teamId)).toBe(7);
    expect(await reply(member(teamId), "settings")).toContain("• Outreach counts as a win-back when the customer buys within 7 days of the contact.");
    expect(await reply(member(teamId), "settings nonsense")).toContain("`/kpi settings outreach-window <days>`");
  });

  it("a contact logged after the change is measured over the new window; one logged before keeps its own", async () => {
    const teamId = newTeamId();
    await seedPurchases(h.store.db, teamId, [], [{ externalId: "ACME-1" }, { externalId: "BETA-2" }]);
    const who = admin(teamId);
    const log = async (customer: string, viewId: string) => {
      const r = await h.t.interact(
        viewSubmission(who, {
          callbackId: "outreach_log_modal",
          values: {
            channel: { channel: { type: "static_select", selected_option: { text: { type: "plain_text", text: "Call" }, value: "call" } } },
            date: { date: { type: "datepicker", selected_date: "2024-07-01" } },
            note: { note: { type: "plain_text_input", value: "Called about the renewal" } },
          },
          privateMetadata: JSON.stringify({ customer }),
          viewId,
        }),
      );
      return ((await r.json()) as any).view.blocks[0].text.text as string;
    };
    expect(await log("ACME-1", `VW1${teamId}`)).toContain("within 30 days");
    await reply(who, "settings outreach-window 90");
    expect(await log("BETA-2", `VW2${teamId}`)).toContain("within 90 days");
    const rows = await h.store.db.outreach.findMany({ where: { teamId }, include: { customer: { select: { externalId: true } } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.customer.externalId, r.windowDays])).toEqual([
      ["ACME-1", 30],
      ["BETA-2", 90],
    ]);
  });

  it("App Home shows admins the window and how to change it", async () => {
    const teamId = newTeamId();
    const who = admin(teamId);
    await reply(who, "settings outreach-window 21");
    const before = h.t.fake.callsTo("views.publish").length;
    await h.t.event(eventCallback(teamId, { type: "app_home_opened", user: who.userId, channel: `D${who.userId}`, tab: "home" }));
    await h.t.idle();
    const call = await h.t.fake.waitFor("views.publish", (c) => c.args.user_id === who.userId && h.t.fake.callsTo("views.publish").indexOf(c) >= before, 20_000);
    expect(JSON.stringify(call.args.view)).toContain("Outreach window: a contact counts as a win-back when the customer buys within 21 days.");
  });
});
