import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createApiToken } from "../../src/services/api-tokens/api-tokens.js";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { seedPurchases, simulatedPurchases } from "../prediction/seed.js";
import { blockAction, viewSubmission, type Who } from "../slack/payloads.js";

/** The bot's clock: each test sets it, so outcomes are read at a fixed `now`. */
let clock = new Date("2024-07-02T09:00:00Z");

/** A bot request scores the whole population: on a shared, loaded machine that can take well over the default 30 s. */
const SLOW = 120_000;

/** Model parameters the simulated purchases follow, stored as the workspace's fit (weeks, as of 2024-06-30). */
const FIT = { r: 0.8, alpha: 5, a: 0.8, b: 2.5, p: 6, q: 4, gamma: 15 };

describe.each(storeKinds())("outreach to at-risk customers on %s", (kind) => {
  const h = useTestBot(kind, {}, { now: () => clock });
  let responses = 0;
  const responseUrl = () => {
    const id = `outreach${++responses}`;
    return { id, url: h.t.fake.responseUrl(id) };
  };

  /** A workspace with 300 simulated customers and a converged fit; returns its at-risk answer to /kpi at-risk. */
  async function workspace() {
    const teamId = newTeamId();
    await seedPurchases(h.store.db, teamId, simulatedPurchases({ customers: 300, seed: 5, asOf: "2024-06-30" }));
    const fit = await h.store.db.modelFit.create({
      data: { teamId, asOf: new Date("2024-06-30"), unitDays: 7, customers: 300, repeatCustomers: 200, ...FIT, converged: true, status: "converged" },
    });
    return { teamId, fit };
  }

  async function atRisk(who: Who) {
    const { res, responseId } = await h.t.command(who, "/kpi", "at-risk");
    expect(res.status).toBe(200);
    return h.t.fake.waitForResponse(responseId, 15_000);
  }

  const buttonsOf = (body: any) => body.blocks.filter((b: any) => b.type === "actions").flatMap((b: any) => b.elements);

  async function click(who: Who, actionId: string, value: string) {
    const r = responseUrl();
    const payload = blockAction(who, { actionId, value, responseUrl: r.url });
    expect((await h.t.interact(payload)).status).toBe(200);
    await h.t.idle();
    return { payload, response: () => h.t.fake.waitForResponse(r.id) };
  }

  it(
    "/kpi at-risk offers every customer 'I'll reach out' and 'Log outreach'; taking is idempotent, a second person sees who has it and may take over",
    async () => {
      clock = new Date("2024-07-02T09:00:00Z");
      const { teamId } = await workspace();
      const aiko = { teamId, userId: "U0AIKO" };
      const ken = { teamId, userId: "U0KEN" };
      const first = await atRisk(aiko);
      const buttons = buttonsOf(first);
      expect(buttons.length).toBeGreaterThanOrEqual(2);
      expect(buttons.slice(0, 2).map((b: any) => [b.action_id, b.text.text])).toEqual([
        ["outreach_take", "I'll reach out"],
        ["outreach_log", "Log outreach"],
      ]);
      const customer = buttons[0].value as string;
      expect(await h.store.db.customer.count({ where: { teamId, externalId: customer } })).toBe(1);

      const taken = await (await click(aiko, "outreach_take", customer)).response();
      expect(taken).toMatchObject({ response_type: "ephemeral", replace_original: false, text: `${customer} is yours: reach out, then log what you did with *Log outreach*.` });
      expect((await (await click(aiko, "outreach_take", customer)).response()).text).toBe(`You already have ${customer} (since 2024-07-02).`);
      const refused = await (await click(ken, "outreach_take", customer)).response();
      expect(refused.text).toBe(`<@U0AIKO> has had ${customer} since 2024-07-02. Talk to them first; take over only if you agreed.`);
      expect(buttonsOf(refused).map((b: any) => [b.action_id, b.value])).toEqual([
        ["outreach_take_over", customer],
        ["outreach_log", customer],
      ]);
      expect(await h.store.db.outreach.findMany({ where: { teamId }, select: { ownerId: true } })).toEqual([{ ownerId: "U0AIKO" }]);

      clock = new Date("2024-07-03T09:00:00Z");
      expect((await (await click(ken, "outreach_take_over", customer)).response()).text).toBe(`${customer} is yours now (taken over from <@U0AIKO>).`);
      expect(await h.store.db.outreach.findMany({ where: { teamId }, select: { ownerId: true, takenAt: true } })).toEqual([{ ownerId: "U0KEN", takenAt: clock }]);
      const again = await atRisk(aiko);
      expect(JSON.stringify(again.blocks)).toContain("Taken by <@U0KEN> since 2024-07-03");
    },
    SLOW,
  );

  it(
    "'Log outreach' opens a modal in the user's language; a future date is a field error; a good one stores the contact once with the model's expectation",
    async () => {
      clock = new Date("2024-07-02T09:00:00Z");
      const { teamId, fit } = await workspace();
      h.t.fake.users.set("U0HANA", { locale: "ja-JP", real_name: "山田 花子" });
      const hana = { teamId, userId: "U0HANA" };
      const customer = buttonsOf(await atRisk(hana))[0].value as string;
      const { payload } = await click(hana, "outreach_log", customer);
      const open = await h.t.fake.waitFor("views.open", (c) => c.args.trigger_id === payload.trigger_id);
      const view = open.args.view;
      expect(view.callback_id).toBe("outreach_log_modal");
      expect(view.title.text).toBe("連絡を記録");
      expect(JSON.parse(view.private_metadata)).toEqual({ customer });
      const date = view.blocks.find((b: any) => b.block_id === "date");
      expect(date.element.initial_date).toBe("2024-07-02");
      expect(view.blocks.find((b: any) => b.block_id === "channel").element.options.map((o: any) => o.text.text)).toEqual(["メール", "電話", "面談", "その他"]);

      const values = (day: string, note: string) => ({
        channel: { channel: { type: "static_select", selected_option: { text: { type: "plain_text", text: "電話" }, value: "call" } } },
        date: { date: { type: "datepicker", selected_date: day } },
        note: { note: { type: "plain_text_input", value: note } },
      });
      const submit = (day: string, viewId: string) =>
        h.t.interact(viewSubmission(hana, { callbackId: "outreach_log_modal", values: values(day, "更新について電話しました"), privateMetadata: view.private_metadata, viewId }));
      const bad = (await (await submit("2024-07-03", `VBAD${teamId}`)).json()) as { response_action: string; errors: Record<string, string> };
      expect(bad).toEqual({ response_action: "errors", errors: { date: "本日以前の日付を選択してください。" } });
      expect(await h.store.db.outreach.count({ where: { teamId } })).toBe(0);

      const good = (await (await submit("2024-07-01", `VGOOD${teamId}`)).json()) as { response_action: string; view: any };
      expect(good.response_action).toBe("update");
      const shown = good.view.blocks[0].text.text as string;
      expect(shown).toContain(`2024-07-01 の ${customer} への連絡を記録しました。30日以内に再購入があったかどうかは、購買データから測定します。`);
      expect(shown).toMatch(/連絡がなくてもこの期間に購入がある確率を、モデルは \d+% と見込んでいました。/);
      await submit("2024-07-01", `VGOOD${teamId}`);
      const rows = await h.store.db.outreach.findMany({ where: { teamId } });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        ownerId: "U0HANA",
        channel: "call",
        note: "更新について電話しました",
        contactedAt: new Date("2024-07-01T00:00:00Z"),
        windowDays: 30,
        fitId: fit.id,
        source: "slack",
      });
      expect(rows[0]!.pReturn).toBeGreaterThan(0);
      expect(rows[0]!.pReturn).toBeLessThan(rows[0]!.pAlive!);
      expect(shown).toContain(`${Math.round(rows[0]!.pReturn! * 100)}%`);
    },
    SLOW,
  );

  const api = (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${h.t.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  it(
    "POST /api/v1/outreach logs once per Idempotency-Key; GET measures each outcome at a fixed now (pending, returned with 90-day revenue, not returned), filters, pages and answers CSV",
    async () => {
      clock = new Date("2024-07-02T09:00:00Z");
      const { teamId } = await workspace();
      await seedPurchases(h.store.db, teamId, [], [{ externalId: "ACME-1", name: "=Acme" }, { externalId: "BETA-2" }]);
      const token = await createApiToken({ db: h.store.db, teamId }, { label: "crm", createdBy: "U0ADMIN" });
      const reader = await createApiToken({ db: h.store.db, teamId }, { label: "bi", createdBy: "U0ADMIN", scopes: ["read"] });
      const body = { customer: "ACME-1", owner: "U0AIKO", date: "2024-07-01", channel: "email", note: "Sent the renewal offer" };
      const first = await api("POST", "/api/v1/outreach", token, body, { "idempotency-key": "crm-1" });
      expect(first.status).toBe(201);
      const created = ((await first.json()) as any).outreach;
      expect(created).toMatchObject({ customer: "ACME-1", owner: "U0AIKO", channel: "email", outcome: "pending", windowDays: 30, source: "api", pReturn: null });
      const retry = await api("POST", "/api/v1/outreach", token, body, { "idempotency-key": "crm-1" });
      expect(retry.status).toBe(200);
      expect(((await retry.json()) as any).outreach.id).toBe(created.id);
      expect(await h.store.db.outreach.count({ where: { teamId } })).toBe(1);
      expect(
        (await api("POST", "/api/v1/outreach", token, { ...body, customer: "BETA-2", owner: "U0KEN", channel: "call", date: "2024-06-30" }, { "idempotency-key": "crm-2" })).status,
      ).toBe(201);

      const longKey = await api("POST", "/api/v1/outreach", token, body, { "idempotency-key": "k".repeat(201) });
      expect(longKey.status).toBe(400);
      expect(((await longKey.json()) as any).error).toMatch(/Idempotency-Key/);
      expect((await api("POST", "/api/v1/outreach", token, body, { "idempotency-key": "   " })).status).toBe(400);
      expect(await h.store.db.outreach.count({ where: { teamId } })).toBe(2);
      expect((await api("POST", "/api/v1/outreach", token, { ...body, channel: "fax" })).status).toBe(400);
      expect((await api("POST", "/api/v1/outreach", token, { ...body, date: "2024-07-03" })).status).toBe(400);
      expect((await api("POST", "/api/v1/outreach", token, { ...body, owner: "<@U0AIKO>" })).status).toBe(400);
      expect((await api("POST", "/api/v1/outreach", token, { ...body, customer: "NOPE" })).status).toBe(404);
      expect((await api("POST", "/api/v1/outreach", reader, body)).status).toBe(403);

      // ACME-1 buys on day 19 after the contact, and again on day 80; BETA-2 buys on day 36, after its 30-day window.
      await seedPurchases(h.store.db, teamId, [
        { customer: "ACME-1", at: new Date("2024-07-20T10:00:00Z"), amount: 120 },
        { customer: "ACME-1", at: new Date("2024-09-19T10:00:00Z"), amount: 80.5 },
        { customer: "BETA-2", at: new Date("2024-08-05T10:00:00Z"), amount: 999 },
      ]);
      const outcomes = async () => {
        const res = await api("GET", "/api/v1/outreach", reader);
        expect(res.status).toBe(200);
        return ((await res.json()) as any).items.map((i: any) => [i.customer, i.outcome, i.revenueAfter90Days, i.revenueComplete]);
      };
      clock = new Date("2024-07-15T00:00:00Z");
      expect(await outcomes()).toEqual([
        ["ACME-1", "pending", 0, false],
        ["BETA-2", "pending", 0, false],
      ]);
      clock = new Date("2024-07-25T00:00:00Z");
      expect(await outcomes()).toEqual([
        ["ACME-1", "returned", 120, false],
        ["BETA-2", "pending", 0, false],
      ]);
      clock = new Date("2024-10-01T00:00:00Z");
      expect(await outcomes()).toEqual([
        ["ACME-1", "returned", 200.5, true],
        ["BETA-2", "not_returned", 999, true],
      ]);

      const ids = async (q: string) => ((await (await api("GET", `/api/v1/outreach${q}`, reader)).json()) as any).items.map((i: any) => i.customer);
      expect(await ids("?outcome=returned")).toEqual(["ACME-1"]);
      expect(await ids("?outcome=not_returned")).toEqual(["BETA-2"]);
      expect(await ids("?owner=U0KEN")).toEqual(["BETA-2"]);
      expect(await ids("?customer=ACME-1")).toEqual(["ACME-1"]);
      expect(await ids("?from=2024-07-01")).toEqual(["ACME-1"]);
      expect(await ids("?to=2024-06-30")).toEqual(["BETA-2"]);
      expect(await ids("?from=2024-07-02")).toEqual([]);
      const summary = (await (await api("GET", "/api/v1/outreach/summary", reader)).json()) as any;
      // Neither customer had bought before the contact, so the model had no expectation: no case to judge uplift by.
      expect(summary.team).toEqual({ contacts: 2, wonBack: 1, revenueRecovered: 200.5, uplift: { tooFew: true, cases: 0, minCases: 10 } });
      expect(summary.owners.map((o: any) => [o.ownerId, o.wonBack, o.revenueRecovered])).toEqual([
        ["U0AIKO", 1, 200.5],
        ["U0KEN", 0, 0],
      ]);
      const page1 = (await (await api("GET", "/api/v1/outreach?limit=1", reader)).json()) as any;
      expect(page1.items.map((i: any) => i.customer)).toEqual(["ACME-1"]);
      const page2 = (await (await api("GET", `/api/v1/outreach?limit=1&cursor=${page1.next}`, reader)).json()) as any;
      expect(page2.items.map((i: any) => i.customer)).toEqual(["BETA-2"]);
      expect(page2.next).toBeNull();

      const csv = await api("GET", "/api/v1/outreach?outcome=returned", reader, undefined, { accept: "text/csv" });
      expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
      const table = parse(await csv.text()) as string[][];
      expect(table[0]!.slice(0, 4)).toEqual(["id", "customer", "customerName", "owner"]);
      expect(table.slice(1).map((r) => [r[1], r[2], r[3], r[10], r[12]])).toEqual([["ACME-1", "'=Acme", "U0AIKO", "returned", "200.5"]]);

      expect((await api("GET", "/api/v1/outreach?outcome=won", reader)).status).toBe(400);
      expect((await api("GET", "/api/v1/outreach?cursor=bm9wZQ", reader)).status).toBe(400);
      const otherTeam = await createApiToken({ db: h.store.db, teamId: newTeamId() }, { label: "x", createdBy: "U0ADMIN" });
      expect(((await (await api("GET", "/api/v1/outreach", otherTeam)).json()) as any).items).toEqual([]);
    },
    SLOW,
  );
});
