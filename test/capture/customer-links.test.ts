import { describe, expect, it } from "vitest";
import { predictCustomer } from "../../src/services/prediction/predict-customer.js";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { blockSuggestion, messageBlockAction, viewSubmission } from "../slack/payloads.js";
import { seedPurchases } from "../prediction/seed.js";
import { customerChoice, insightValues } from "./values.js";

const CUSTOMERS = [
  { externalId: "C-1001", name: "Acme Corp", segment: "smb" },
  { externalId: "C-1002", name: "Globex Corporation", segment: "enterprise" },
  { externalId: "C-1003", name: "Initech", segment: "smb" },
  { externalId: "C-1004", name: "Umbrella Health", segment: "enterprise" },
  { externalId: "C-1005", name: "Acme Logistics", segment: "smb" },
];
const NOW = new Date();
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

describe.each(storeKinds())("voices know their customer on %s", (kind) => {
  const h = useTestBot(kind);

  /** A workspace with the customers above; Globex bought recently, Initech long ago. */
  async function workspace() {
    const teamId = newTeamId();
    await seedPurchases(
      h.store.db,
      teamId,
      [
        { customer: "C-1002", at: daysAgo(200), amount: 120 },
        { customer: "C-1002", at: daysAgo(100), amount: 80 },
        { customer: "C-1002", at: daysAgo(10), amount: 50.5 },
        { customer: "C-1003", at: daysAgo(400), amount: 30 },
      ],
      CUSTOMERS,
    );
    return { teamId, userId: "U0AUTHOR" };
  }
  const customerId = async (teamId: string, externalId: string) => (await h.store.db.customer.findUniqueOrThrow({ where: { teamId_externalId: { teamId, externalId } } })).id;
  const route = async (teamId: string, channel: string) => {
    h.t.fake.users.set("U0ADMIN", { is_admin: true });
    await h.t.command({ teamId, userId: "U0ADMIN" }, "/insight", `route product <#${channel}>`);
    await h.t.idle();
  };

  it("the customer picker answers a signed options request: a typo finds the right customer first, the typed text as written last", async () => {
    const w = await workspace();
    const res = await h.t.interact(blockSuggestion(w, { actionId: "customer", blockId: "customer", value: "globx corp", callbackId: "insight_modal" }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { options: { text: { text: string }; value: string }[] };
    expect(body.options[0]).toEqual({ text: { type: "plain_text", text: "Globex Corporation (C-1002)", emoji: true }, value: `id:${await customerId(w.teamId, "C-1002")}` });
    expect(body.options.at(-1)!.value).toBe("text:globx corp");
    expect(body.options.at(-1)!.text.text).toBe("Use “globx corp” as written");
    expect(body.options.length).toBeLessThanOrEqual(100);
    for (const o of body.options) expect(o.text.text.length).toBeLessThanOrEqual(75);

    // By id, and nothing from another workspace.
    const byId = (await (await h.t.interact(blockSuggestion(w, { actionId: "customer", blockId: "customer", value: "c-1004", callbackId: "insight_modal" }))).json()) as any;
    expect(byId.options[0].text.text).toBe("Umbrella Health (C-1004)");
    const other = { teamId: newTeamId(), userId: "U0OTHER" };
    const none = (await (await h.t.interact(blockSuggestion(other, { actionId: "customer", blockId: "customer", value: "globex", callbackId: "insight_modal" }))).json()) as any;
    expect(none.options.map((o: any) => o.value)).toEqual(["text:globex"]);
  });

  it("an unsigned options request is refused", async () => {
    const w = await workspace();
    const res = await fetch(`${h.t.baseUrl}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        payload: JSON.stringify(blockSuggestion(w, { actionId: "customer", blockId: "customer", value: "acme", callbackId: "insight_modal" })),
      }).toString(),
    });
    expect(res.status).toBe(401);
  });

  it("a picked customer is linked with their state at capture and a fitted model's P(alive) and CLV, shown on the post", async () => {
    const w = await workspace();
    await route(w.teamId, "C0PICK");
    const asOf = new Date(`${NOW.toISOString().slice(0, 10)}T00:00:00Z`);
    await h.store.db.modelFit.create({
      data: { teamId: w.teamId, asOf, unitDays: 7, customers: 2, repeatCustomers: 1, r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, p: 6.25, q: 3.74, gamma: 15.44, converged: true },
    });
    const id = await customerId(w.teamId, "C-1002");
    await h.t.interact(viewSubmission(w, { callbackId: "insight_modal", values: insightValues({ customer: "Globex Corporation (C-1002)", customerId: id, teams: ["product"] }) }));
    await h.t.idle();
    const [voice] = await h.store.db.insight.findMany({ where: { teamId: w.teamId } });
    const expected = await predictCustomer({ db: h.store.db, teamId: w.teamId, customerExternalId: "C-1002" });
    expect(voice).toMatchObject({ customer: "Globex Corporation", customerId: id, customerSegment: "enterprise", customerActive: true, customerModelFitId: expected.fitId });
    expect(voice!.customerRevenue!.toNumber()).toBe(250.5);
    expect(voice!.customerPAlive).toBeCloseTo(expected.pAlive, 10);
    expect(voice!.customerExpectedClv).toBeCloseTo(expected.clv, 6);
    expect(expected.pAlive).toBeGreaterThan(0);
    expect(expected.pAlive).toBeLessThan(1);
    const post = await h.t.fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0PICK");
    const shown = JSON.stringify(post.args.blocks);
    expect(shown).toContain("segment enterprise · active · revenue to date 250.50");
    expect(shown).toContain(`P(alive) ${Math.round(expected.pAlive * 100)}%`);
    expect(shown).not.toContain("insight_link_customer");
  });

  it("a customer typed as written is kept and said so; 'Link to customer' on the post links it later with the state at that time", async () => {
    const w = await workspace();
    await route(w.teamId, "C0TYPED");
    await h.t.interact(
      viewSubmission(w, {
        callbackId: "insight_modal",
        values: insightValues({ customer: "Zed Industries", teams: ["product"] }),
        privateMetadata: JSON.stringify({ channelId: "C0WORK" }),
      }),
    );
    await h.t.idle();
    const [voice] = await h.store.db.insight.findMany({ where: { teamId: w.teamId } });
    expect(voice).toMatchObject({ customer: "Zed Industries", customerId: null, customerSegment: null });
    const eph = await h.t.fake.waitFor("chat.postEphemeral", (c) => c.args.channel === "C0WORK");
    expect(eph.args.text).toContain("“Zed Industries” matches no imported customer, so it was saved as written.");
    const post = await h.t.fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0TYPED");
    const { ts } = await h.store.db.postedMessage.findFirstOrThrow({ where: { teamId: w.teamId, insightId: voice!.id } });
    const button = post.args.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === "insight_link_customer");
    expect(button.value).toBe(voice!.id);

    const click = messageBlockAction(w, {
      channelId: "C0TYPED",
      messageTs: ts,
      message: { text: post.args.text, blocks: post.args.blocks },
      action: { type: "button", actionId: "insight_link_customer", blockId: `insight_customer:${voice!.id}`, value: voice!.id, label: "Link to customer" },
      responseUrl: h.t.fake.responseUrl("link1"),
    });
    await h.t.interact(click);
    const open = await h.t.fake.waitFor("views.open", (c) => c.args.trigger_id === click.trigger_id);
    expect(open.args.view.callback_id).toBe("insight_link_customer_modal");
    expect(open.args.view.blocks[0].element).toMatchObject({ type: "external_select", action_id: "customer" });

    // Typed text cannot be linked: a field error, nothing changes.
    const refused = await h.t.interact(
      viewSubmission(w, { callbackId: "insight_link_customer_modal", values: { customer: { customer: customerChoice("Zed") } }, privateMetadata: open.args.view.private_metadata }),
    );
    expect((await refused.json()) as any).toEqual({ response_action: "errors", errors: { customer: "Pick an imported customer from the list." } });

    const id = await customerId(w.teamId, "C-1003");
    const linkView = viewSubmission(w, {
      callbackId: "insight_link_customer_modal",
      values: { customer: { customer: customerChoice("Initech (C-1003)", id) } },
      privateMetadata: open.args.view.private_metadata,
    });
    await Promise.all([h.t.interact(linkView), h.t.interact(linkView)]);
    await h.t.idle();
    const linked = await h.store.db.insight.findUniqueOrThrow({ where: { id: voice!.id } });
    expect(linked).toMatchObject({ customer: "Initech", customerId: id, customerSegment: "smb", customerActive: false, customerPAlive: null });
    expect(linked.customerRevenue!.toNumber()).toBe(30);
    expect(linked.customerLinkedAt).not.toBeNull();
    const updates = h.t.fake.callsTo("chat.update").filter((c) => c.args.channel === "C0TYPED" && c.args.ts === ts);
    expect(updates).toHaveLength(1);
    expect(JSON.stringify(updates[0]!.args.blocks)).toContain("segment smb · lapsed · revenue to date 30.00");
  });

  it("quick /insight reads the customer as the picker does (id, name, one clear similar name) and says when it could not", async () => {
    const w = await workspace();
    const quick = async (text: string) => {
      const { responseId } = await h.t.command(w, "/insight", text);
      return (await h.t.fake.waitForResponse(responseId)).text as string;
    };
    expect(await quick("C-1004: the app logs us out daily")).toContain("Saved the voice of *Umbrella Health*");
    expect(await quick("initech: reports load slowly")).toContain("Saved the voice of *Initech*");
    const similar = await quick("- Globex Corporaton: invoices arrive in the wrong currency");
    expect(similar).toContain("Saved the voice of *Globex Corporation*");
    expect(similar).toContain("“Globex Corporaton” was read as the imported customer Globex Corporation (C-1002).");
    const ambiguous = await quick("Acme: shipping labels print twice");
    expect(ambiguous).toContain("“Acme” could be");
    expect(ambiguous).toContain("Acme Corp (C-1001)");
    expect(ambiguous).toContain("Acme Logistics (C-1005)");
    expect(await quick("Zed Industries: we need SAML")).toContain("“Zed Industries” matches no imported customer");
    const rows = await h.store.db.insight.findMany({ where: { teamId: w.teamId }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.customer, r.customerId === null ? null : String(r.customerId)])).toEqual([
      ["Umbrella Health", String(await customerId(w.teamId, "C-1004"))],
      ["Initech", String(await customerId(w.teamId, "C-1003"))],
      ["Globex Corporation", String(await customerId(w.teamId, "C-1002"))],
      ["Acme", null],
      ["Zed Industries", null],
    ]);
  });
});
