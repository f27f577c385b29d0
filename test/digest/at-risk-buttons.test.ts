// The digest's at-risk customers with take / log buttons, end to end: the real scheduler tick posts to the fake
// Slack, then signed block actions from that message reach the same handlers /kpi at-risk uses.
import { describe, expect, it } from "vitest";
import { runDigestTick } from "../../src/jobs/digest-tick.js";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { seedPurchases, simulatedPurchases } from "../prediction/seed.js";
import { blockAction, type Who } from "../slack/payloads.js";
import { captureLog, createSubscription, digestPosts } from "./helpers.js";

const SLOW = 120_000;
const FIT = { r: 0.8, alpha: 5, a: 0.8, b: 2.5, p: 6, q: 4, gamma: 15 };

describe.each(storeKinds())("the digest's at-risk customers on %s", (kind) => {
  const h = useTestBot(kind, {}, { now: () => new Date("2024-07-02T09:00:00Z") });
  let responses = 0;

  const buttonRows = (blocks: any[]) =>
    blocks.flatMap((b, i) => (b.type === "actions" ? [{ owner: blocks[i - 1]?.type === "context" ? blocks[i - 1].elements[0].text : null, elements: b.elements }] : []));

  async function click(who: Who, channelId: string, actionId: string, value: string) {
    const id = `digestclick${++responses}`;
    expect((await h.t.interact(blockAction(who, { actionId, value, channelId, responseUrl: h.t.fake.responseUrl(id) }))).status).toBe(200);
    await h.t.idle();
    return h.t.fake.waitForResponse(id, 20_000);
  }

  it(
    "lists the 3 customers with the highest value at risk of the subscription's segment, with who has them and buttons carrying only the external id; a click from the digest takes the customer",
    async () => {
      const teamId = newTeamId();
      await seedPurchases(h.store.db, teamId, simulatedPurchases({ customers: 300, seed: 11, asOf: "2024-06-30" }));
      await h.store.db.modelFit.create({
        data: { teamId, asOf: new Date("2024-06-30"), unitDays: 7, customers: 300, repeatCustomers: 200, ...FIT, converged: true, status: "converged" },
      });
      // Every other customer is a VIP: the VIP channel's digest must name only those.
      await h.store.db.$executeRaw`UPDATE "Customer" SET segment = 'vip' WHERE "teamId" = ${teamId} AND id % 2 = 0`;
      const aiko = { teamId, userId: "U0DAIKO" };
      const ken = { teamId, userId: "U0DKEN" };
      const atRisk = await h.t.fake.waitForResponse((await h.t.command(aiko, "/kpi", "at-risk")).responseId, 30_000);
      const top = atRisk.blocks.filter((b: any) => b.type === "actions").map((b: any) => b.elements[0].value as string);
      await click(aiko, "C0KPI", "outreach_take", top[0]!);

      const since = new Date("2024-06-24T00:00:00Z");
      await createSubscription(h.store.db, { teamId, channelId: `C0DALL${teamId}`, activeSince: since });
      await createSubscription(h.store.db, { teamId, channelId: `C0DVIP${teamId}`, segment: "vip", activeSince: since });
      const tick = await runDigestTick({
        db: h.store.db,
        client: h.t.bot.app.client,
        now: new Date("2024-07-01T09:01:00Z"),
        instanceId: "replica-a",
        log: captureLog().log,
        maxLateHours: 24,
        channelSpacingMs: 0,
      });
      expect(tick.posted).toBeGreaterThanOrEqual(2);

      const all = digestPosts(h.t.fake, `C0DALL${teamId}`);
      expect(all).toHaveLength(1);
      const rows = buttonRows(all[0]!.args.blocks);
      expect(rows.map((r) => r.elements[0].value)).toEqual(top.slice(0, 3));
      expect(rows[0]!.owner).toBe("Taken by <@U0DAIKO> since 2024-07-02");
      expect(rows.slice(1).map((r) => r.owner)).toEqual([null, null]);
      for (const r of rows) {
        expect(r.elements.map((e: any) => [e.action_id, e.text.text])).toEqual([
          ["outreach_take", "I'll reach out"],
          ["outreach_log", "Log outreach"],
        ]);
        // The payload a channel member's client receives: the external id the row shows, nothing more.
        for (const e of r.elements) expect(Object.keys(e).sort()).toEqual(["action_id", "text", "type", "value", ...(e.style ? ["style"] : [])].sort());
      }
      const section = JSON.stringify(all[0]!.args.blocks);
      expect(section).toContain(`*${top[1]}*`);

      const vip = digestPosts(h.t.fake, `C0DVIP${teamId}`);
      expect(vip).toHaveLength(1);
      const vipIds = buttonRows(vip[0]!.args.blocks).map((r) => r.elements[0].value as string);
      expect(vipIds).toHaveLength(3);
      const segments = await h.store.db.customer.findMany({ where: { teamId, externalId: { in: vipIds } }, select: { segment: true } });
      expect(segments.map((s) => s.segment)).toEqual(["vip", "vip", "vip"]);
      const others = await h.store.db.customer.findMany({ where: { teamId, externalId: { in: top.slice(0, 3) } }, select: { externalId: true, segment: true } });
      for (const o of others.filter((x) => x.segment !== "vip")) expect(JSON.stringify(vip[0]!.args.blocks)).not.toContain(o.externalId);

      // From the digest message: Ken is told Aiko has the first customer, and takes the second.
      const refused = await click(ken, `C0DALL${teamId}`, rows[0]!.elements[0].action_id, rows[0]!.elements[0].value);
      expect(refused.text).toBe(`<@U0DAIKO> has had ${top[0]} since 2024-07-02. Talk to them first; take over only if you agreed.`);
      const taken = await click(ken, `C0DALL${teamId}`, "outreach_take", rows[1]!.elements[0].value);
      expect(taken).toMatchObject({ response_type: "ephemeral", replace_original: false });
      const owners = await h.store.db.outreach.findMany({ where: { teamId }, include: { customer: { select: { externalId: true } } }, orderBy: { takenAt: "asc" } });
      expect(owners.map((o) => [o.customer.externalId, o.ownerId])).toEqual([
        [top[0], "U0DAIKO"],
        [top[1], "U0DKEN"],
      ]);
    },
    SLOW,
  );
});
