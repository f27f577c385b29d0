// App Home's at-risk section end to end: signed app_home_opened events, Home's block actions (container type view)
// and the log modal's submission against the real bot; the buttons are the ones /kpi at-risk has.
import { describe, expect, it } from "vitest";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { homeAction } from "../home/helpers.js";
import { seedPurchases, simulatedPurchases } from "../prediction/seed.js";
import { eventCallback, viewSubmission, type Who } from "../slack/payloads.js";

/** Scoring the population for Home on a shared, loaded machine can take a while. */
const SLOW = 120_000;
const FIT = { r: 0.8, alpha: 5, a: 0.8, b: 2.5, p: 6, q: 4, gamma: 15 };

describe.each(storeKinds())("App Home's at-risk customers on %s", (kind) => {
  const h = useTestBot(kind, {}, { now: () => new Date("2024-07-02T09:00:00Z") });

  async function workspace(opts: { fit: boolean }) {
    const teamId = newTeamId();
    await seedPurchases(h.store.db, teamId, simulatedPurchases({ customers: 300, seed: 7, asOf: "2024-06-30" }));
    if (opts.fit)
      await h.store.db.modelFit.create({
        data: { teamId, asOf: new Date("2024-06-30"), unitDays: 7, customers: 300, repeatCustomers: 200, ...FIT, converged: true, status: "converged" },
      });
    return teamId;
  }

  /** The Home view published for `who` after `act` (an event or a click). */
  async function homeAfter(who: Who, act: () => Promise<Response>): Promise<any> {
    const before = h.t.fake.callsTo("views.publish").length;
    expect((await act()).status).toBe(200);
    await h.t.idle();
    const call = await h.t.fake.waitFor("views.publish", (c) => c.args.user_id === who.userId && h.t.fake.callsTo("views.publish").indexOf(c) >= before, 30_000);
    return call.args.view;
  }
  const openHome = (who: Who) => homeAfter(who, () => h.t.event(eventCallback(who.teamId, { type: "app_home_opened", user: who.userId, channel: `D${who.userId}`, tab: "home" })));
  const click = (who: Who, actionId: string, value: string) => homeAfter(who, () => h.t.interact(homeAction(who, { type: "button", action_id: actionId, block_id: "b", value })));

  /** The at-risk section: from its header to the next divider. */
  function atRiskSection(view: any): any[] {
    const start = view.blocks.findIndex((b: any) => b.type === "header" && b.text.text === "Customers at risk");
    if (start < 0) return [];
    const end = view.blocks.findIndex((b: any, i: number) => i > start && b.type === "divider");
    return view.blocks.slice(start, end < 0 ? undefined : end);
  }
  /** Each customer's row: the external id its buttons carry, the owner line (if any), the buttons as [action_id, style]. */
  function rows(section: any[]) {
    return section.flatMap((b, i) => {
      if (b.type !== "actions") return [];
      const owner = section[i - 1]?.type === "context" ? section[i - 1].elements[0].text : null;
      return [{ customer: b.elements[0].value as string, owner, buttons: b.elements.map((e: any) => [e.action_id, e.style ?? null]) }];
    });
  }

  it(
    "lists the five customers with the highest value at risk with the /kpi at-risk buttons; taking, taking over and logging from Home work and redraw it",
    async () => {
      const teamId = await workspace({ fit: true });
      const aiko = { teamId, userId: "U0HAIKO" };
      const ken = { teamId, userId: "U0HKEN" };
      const section = atRiskSection(await openHome(aiko));
      const shown = rows(section);
      expect(shown).toHaveLength(5);
      expect(
        shown.every(
          (r) =>
            r.owner === null &&
            JSON.stringify(r.buttons) ===
              JSON.stringify([
                ["outreach_take", "primary"],
                ["outreach_log", null],
              ]),
        ),
      ).toBe(true);
      expect(section[1].text.text).toMatch(/^\*\d+\* customers at risk, \*[\d,.]+\* value at risk\.$/);
      expect(JSON.stringify(section.at(-1))).toContain("The 5 with the highest value at risk of");
      // The same customers, in the same order, as /kpi at-risk shows first.
      const kpi = await h.t.fake.waitForResponse((await h.t.command(aiko, "/kpi", "at-risk")).responseId, 30_000);
      const kpiIds = kpi.blocks.filter((b: any) => b.type === "actions").map((b: any) => b.elements[0].value);
      expect(shown.map((r) => r.customer)).toEqual(kpiIds.slice(0, 5));
      const customer = shown[0]!.customer;

      const mine = rows(atRiskSection(await click(aiko, "outreach_take", customer)))[0]!;
      expect(mine).toEqual({ customer, owner: "Taken by <@U0HAIKO> since 2024-07-02", buttons: [["outreach_log", "primary"]] });
      expect(await h.store.db.outreach.findMany({ where: { teamId }, select: { ownerId: true } })).toEqual([{ ownerId: "U0HAIKO" }]);

      // Ken sees who has the customer and may take over; a plain take from a stale Home changes nothing.
      const theirs = rows(atRiskSection(await openHome(ken)))[0]!;
      expect(theirs).toEqual({
        customer,
        owner: "Taken by <@U0HAIKO> since 2024-07-02",
        buttons: [
          ["outreach_take_over", null],
          ["outreach_log", null],
        ],
      });
      expect(rows(atRiskSection(await click(ken, "outreach_take", customer)))[0]!.owner).toBe("Taken by <@U0HAIKO> since 2024-07-02");
      expect(rows(atRiskSection(await click(ken, "outreach_take_over", customer)))[0]).toEqual({
        customer,
        owner: "Taken by <@U0HKEN> since 2024-07-02",
        buttons: [["outreach_log", "primary"]],
      });
      expect(await h.store.db.outreach.findMany({ where: { teamId }, select: { ownerId: true } })).toEqual([{ ownerId: "U0HKEN" }]);

      // Log outreach from Home: the modal remembers it came from Home, and its submission redraws Ken's Home.
      const trigger = `trig.home.${teamId}`;
      expect((await h.t.interact(homeAction(ken, { type: "button", action_id: "outreach_log", block_id: "b", value: customer }, trigger))).status).toBe(200);
      const open = await h.t.fake.waitFor("views.open", (c) => c.args.trigger_id === trigger);
      expect(JSON.parse(open.args.view.private_metadata)).toEqual({ customer, home: true });
      const logged = await homeAfter(ken, () =>
        h.t.interact(
          viewSubmission(ken, {
            callbackId: "outreach_log_modal",
            values: {
              channel: { channel: { type: "static_select", selected_option: { text: { type: "plain_text", text: "Call" }, value: "call" } } },
              date: { date: { type: "datepicker", selected_date: "2024-07-01" } },
              note: { note: { type: "plain_text_input", value: "Called about the renewal" } },
            },
            privateMetadata: open.args.view.private_metadata,
            viewId: `VHOMELOG${teamId}`,
          }),
        ),
      );
      expect(rows(atRiskSection(logged))[0]!.owner).toBe("<@U0HKEN> reached out on 2024-07-01");
      expect(await h.store.db.outreach.findMany({ where: { teamId }, select: { ownerId: true, channel: true } })).toEqual([{ ownerId: "U0HKEN", channel: "call" }]);
    },
    SLOW,
  );

  it(
    "shows nothing before a model is fitted",
    async () => {
      const teamId = await workspace({ fit: false });
      const view = await openHome({ teamId, userId: "U0HNOFIT" });
      expect(view.blocks.length).toBeGreaterThan(0);
      expect(atRiskSection(view)).toEqual([]);
      expect(JSON.stringify(view)).not.toContain("outreach_take");
    },
    SLOW,
  );
});
