// App Home's at-risk section end to end, per viewer: signed app_home_opened events, Home's block actions (container
// type view) and the log modal's submission against the real bot; the buttons are the ones /kpi at-risk has.
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
  // Opening Home again within a few seconds of the bot's clock shows the view just published: each opening moves the clock on.
  let opened = 0;
  const h = useTestBot(kind, {}, { now: () => new Date(Date.parse("2024-07-02T09:00:00Z") + opened * 60_000) });

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
  const openHome = (who: Who) => {
    opened += 1;
    return homeAfter(who, () => h.t.event(eventCallback(who.teamId, { type: "app_home_opened", user: who.userId, channel: `D${who.userId}`, tab: "home" })));
  };
  const click = (who: Who, actionId: string, value: string) => homeAfter(who, () => h.t.interact(homeAction(who, { type: "button", action_id: actionId, block_id: "b", value })));

  /** The at-risk section: from its header to the next divider. */
  function atRiskSection(view: any): any[] {
    const start = view.blocks.findIndex((b: any) => b.type === "header" && b.text.text === "Customers at risk");
    if (start < 0) return [];
    const end = view.blocks.findIndex((b: any, i: number) => i > start && b.type === "divider");
    return view.blocks.slice(start, end < 0 ? undefined : end);
  }
  /** Every text of the section's context blocks, in order. */
  const texts = (section: any[]): string[] => section.filter((b) => b.type === "context").map((b) => b.elements[0].text);
  /** Each customer's row: the external id its buttons carry, the owner line (if any), the buttons as [action_id, style]. */
  function rows(section: any[]) {
    return section.flatMap((b, i) => {
      if (b.type !== "actions") return [];
      const owner = section[i - 1]?.type === "context" ? section[i - 1].elements[0].text : null;
      return [{ customer: b.elements[0].value as string, owner, buttons: b.elements.map((e: any) => [e.action_id, e.style ?? null]) }];
    });
  }

  it(
    "each person sees their own open customers first, with where they are, then the top ones nobody works on; a closed outreach frees the customer",
    async () => {
      const teamId = await workspace({ fit: true });
      const aiko = { teamId, userId: "U0HAIKO" };
      const ken = { teamId, userId: "U0HKEN" };
      const take = [
        ["outreach_take", "primary"],
        ["outreach_log", null],
      ];
      const section = atRiskSection(await openHome(aiko));
      const shown = rows(section);
      expect(shown).toHaveLength(5);
      expect(shown.every((r) => r.owner === null && JSON.stringify(r.buttons) === JSON.stringify(take))).toBe(true);
      const summary = /^\*(\d+)\* customers at risk, \*[\d,.]+\* value at risk\.$/.exec(section[1].text.text);
      const count = Number(summary?.[1]);
      expect(count).toBeGreaterThan(6);
      expect(texts(section)).not.toContain("Yours, not closed yet");
      expect(texts(section).at(-1)).toBe(`${count - 5} more in \`/kpi at-risk\`.`);
      // The same customers, in the same order, as /kpi at-risk shows first.
      const kpi = await h.t.fake.waitForResponse((await h.t.command(aiko, "/kpi", "at-risk")).responseId, 30_000);
      const kpiIds: string[] = kpi.blocks.filter((b: any) => b.type === "actions").map((b: any) => b.elements[0].value);
      expect(shown.map((r) => r.customer)).toEqual(kpiIds.slice(0, 5));
      const customer = shown[0]!.customer;
      const kenStale = atRiskSection(await openHome(ken));
      expect(rows(kenStale)[0]!.customer).toBe(customer);

      // Aiko takes the top customer: it heads her Home under "Yours", and the next four nobody has follow.
      const aikoHome = atRiskSection(await click(aiko, "outreach_take", customer));
      expect(texts(aikoHome)).toContain("Yours, not closed yet");
      expect(rows(aikoHome)[0]).toEqual({ customer, owner: "You took them on 2024-07-02; no contact logged yet.", buttons: [["outreach_log", "primary"]] });
      expect(
        rows(aikoHome)
          .slice(1)
          .map((r) => r.customer),
      ).toEqual(kpiIds.slice(1, 5));
      expect(texts(aikoHome).at(-1)).toBe(`${count - 5} more in \`/kpi at-risk\`.`);

      // Ken's Home leaves Aiko's customer to /kpi at-risk and shows the next five nobody works on.
      const kenHome = atRiskSection(await openHome(ken));
      expect(rows(kenHome).map((r) => r.customer)).toEqual(kpiIds.slice(1, 6));
      expect(rows(kenHome).every((r) => r.owner === null && JSON.stringify(r.buttons) === JSON.stringify(take))).toBe(true);
      expect(texts(kenHome)).not.toContain("Yours, not closed yet");
      expect(texts(kenHome).at(-1)).toBe(`${count - 5} more in \`/kpi at-risk\`.`);
      // A take from Ken's stale Home changes nothing (Aiko has the customer) and redraws his Home without them.
      expect(rows(atRiskSection(await click(ken, "outreach_take", customer))).map((r) => r.customer)).toEqual(kpiIds.slice(1, 6));
      expect(await h.store.db.outreach.findMany({ where: { teamId }, select: { ownerId: true } })).toEqual([{ ownerId: "U0HAIKO" }]);

      // Aiko logs the call from Home: the modal remembers it came from Home, and her redrawn Home says she is waiting.
      const trigger = `trig.home.${teamId}`;
      expect((await h.t.interact(homeAction(aiko, { type: "button", action_id: "outreach_log", block_id: "b", value: customer }, trigger))).status).toBe(200);
      const open = await h.t.fake.waitFor("views.open", (c) => c.args.trigger_id === trigger);
      expect(JSON.parse(open.args.view.private_metadata)).toEqual({ customer, home: true });
      const logged = await homeAfter(aiko, () =>
        h.t.interact(
          viewSubmission(aiko, {
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
      expect(rows(atRiskSection(logged))[0]).toEqual({
        customer,
        owner: "You reached out on 2024-07-01; no purchase yet. The win-back window is open until 2024-07-30.",
        buttons: [["outreach_log", "primary"]],
      });
      expect(await h.store.db.outreach.findMany({ where: { teamId }, select: { ownerId: true, channel: true } })).toEqual([{ ownerId: "U0HAIKO", channel: "call" }]);

      // The customer buys the day after the call: Aiko's outreach is closed, and the customer is anyone's again
      // (still at risk under the fitted model), shown with who reached out; Ken may take over from his Home.
      await seedPurchases(h.store.db, teamId, [{ customer, at: new Date("2024-07-01T15:00:00Z"), amount: 40 }]);
      const closed = atRiskSection(await openHome(aiko));
      expect(texts(closed)).not.toContain("Yours, not closed yet");
      expect(rows(closed)[0]).toEqual({ customer, owner: "<@U0HAIKO> reached out on 2024-07-01", buttons: [["outreach_log", "primary"]] });
      const kenAgain = rows(atRiskSection(await openHome(ken)))[0]!;
      expect(kenAgain).toEqual({
        customer,
        owner: "<@U0HAIKO> reached out on 2024-07-01",
        buttons: [
          ["outreach_take_over", null],
          ["outreach_log", null],
        ],
      });
      const kenTook = atRiskSection(await click(ken, "outreach_take_over", customer));
      expect(rows(kenTook)[0]).toEqual({ customer, owner: "You took them on 2024-07-02; no contact logged yet.", buttons: [["outreach_log", "primary"]] });
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
