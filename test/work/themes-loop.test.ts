import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiToken } from "../../src/services/api-tokens/api-tokens.js";
import { changeThemeWork } from "../../src/services/work/change-theme-work.js";
import { deliverLoopClosures } from "../../src/services/work/deliver-loop-closures.js";
import { useTestBot } from "../helpers/bot.js";
import { storeKinds } from "../helpers/store.js";
import { messageBlockAction } from "../slack/payloads.js";
import { type VoiceSpec, warmUp, workspaceWithVoices } from "./voices.js";

// Each test logs its voices through the real modal, one request after the other: slow on a shared, loaded machine.
vi.setConfig({ testTimeout: 120_000 });

describe.each(storeKinds())("themes as work and close the loop on %s", (kind) => {
  const h = useTestBot(kind);

  let seq = 0;
  beforeAll(() => warmUp(h), 60_000);

  async function workspace(channel: string, voices: VoiceSpec[]) {
    const w = await workspaceWithVoices(h, channel, voices);
    const token = await createApiToken({ db: h.store.db, teamId: w.teamId }, { label: "tracker", createdBy: "U0ADMIN" });
    return { ...w, token };
  }

  const api = (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${h.t.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  /** Close-the-loop DMs (their last block is the "I told the customer" button), not the confirmations a logger gets. */
  const dmsTo = (userId: string) =>
    h.t.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === userId && (c.args.blocks ?? []).some((b: any) => b.block_id === "loop_closure"));
  const threadLines = (channel: string, ts: string) =>
    h.t.fake
      .callsTo("chat.postMessage")
      .filter((c) => c.args.channel === channel && c.args.thread_ts === ts)
      .map((c) => c.args.text as string);

  it("PATCH /api/v1/themes/:name marks a theme done: its open voices follow (history source theme, one thread line each), each logger gets one DM with the words and the resolution; a retry sends nothing more; nobody who left gets one", async () => {
    h.t.fake.users.set("U0TLEFT", { real_name: "Gone" });
    const w = await workspace("C0TDONE", [
      { author: "U0TAIKO", customer: "Acme", themes: "Pricing, onboarding", quote: "The renewal price doubled." },
      { author: "U0TAIKO", customer: "Globex", themes: "pricing", quote: "Invoices are confusing." },
      { author: "U0TKEN", customer: "Initech", themes: " PRICING ", quote: "We pay for seats we never use." },
      { author: "U0TLEFT", customer: "Umbrella", themes: "pricing", quote: "Too expensive for us." },
      { author: "U0TKEN", customer: "Hooli", themes: "onboarding", quote: "Setup took weeks." },
    ]);
    // Already closed before the theme moved: it stays as it is and owes nobody a DM.
    await h.store.db.insight.update({ where: { id: w.insights[1]!.id }, data: { status: "wont_do", closedAt: new Date() } });
    h.t.fake.users.set("U0TLEFT", { real_name: "Gone", deleted: true });

    const body = { status: "done", resolution: "Renewal notice now goes out 60 days ahead", link: "https://tracker.example.com/T-9" };
    const res = await api("PATCH", "/api/v1/themes/Pricing", w.token, body, { "idempotency-key": "theme-1" });
    expect(res.status).toBe(200);
    const json = (await res.json()) as any;
    expect(json.theme).toMatchObject({ name: "pricing", status: "done", resolution: body.resolution, link: body.link });
    expect(json.from).toBe("open");
    expect(json.insights.map((i: any) => i.id).sort()).toEqual([w.insights[0]!.id, w.insights[2]!.id, w.insights[3]!.id].sort());
    await h.t.idle();

    const stored = await h.store.db.insight.findMany({ where: { teamId: w.teamId }, orderBy: { createdAt: "asc" } });
    expect(stored.map((i) => i.status)).toEqual(["done", "wont_do", "done", "done", "new"]);
    expect(stored[0]).toMatchObject({ resolution: body.resolution, link: body.link });
    expect(stored[0]!.closedAt).toBeInstanceOf(Date);
    const history = await h.store.db.insightChange.findMany({ where: { teamId: w.teamId, insightId: w.insights[0]!.id }, orderBy: { field: "asc" } });
    expect(history.map((c) => [c.field, c.fromValue, c.toValue, c.source, c.actorId])).toEqual([
      ["link", null, body.link, "theme", null],
      ["resolution", null, body.resolution, "theme", null],
      ["status", "new", "done", "theme", null],
    ]);
    expect(threadLines("C0TDONE", w.tsOf(w.insights[0]!.id))).toEqual([
      `An integration marked the theme \`pricing\`: Status: New → Done; Link: none → ${body.link}; Resolution: none → ${body.resolution}.`,
    ]);
    expect(threadLines("C0TDONE", w.tsOf(w.insights[1]!.id))).toEqual([]);
    expect(threadLines("C0TDONE", w.tsOf(w.insights[4]!.id))).toEqual([]);

    // One DM per person for the theme, quoting only the voices they logged.
    const aiko = dmsTo("U0TAIKO");
    expect(aiko).toHaveLength(1);
    const aikoText = JSON.stringify(aiko[0]!.args.blocks);
    expect(aikoText).toContain("The renewal price doubled.");
    expect(aikoText).not.toContain("Invoices are confusing.");
    expect(aikoText).toContain(body.resolution);
    expect(aikoText).toContain("*Resolved:* the theme `pricing` has been resolved, with a customer voice you logged.");
    const button = aiko[0]!.args.blocks.find((b: any) => b.type === "actions").elements[0];
    expect([button.action_id, button.text.text]).toEqual(["loop_told", "I told the customer"]);
    expect(dmsTo("U0TKEN")).toHaveLength(1);
    expect(JSON.stringify(dmsTo("U0TKEN")[0]!.args.blocks)).toContain("We pay for seats we never use.");
    expect(dmsTo("U0TLEFT")).toHaveLength(0);
    const ledger = await h.store.db.loopClosure.findMany({ where: { teamId: w.teamId }, orderBy: { recipientId: "asc" } });
    expect(ledger.map((l) => [l.recipientId, l.status, l.skipReason, l.themeName])).toEqual([
      ["U0TAIKO", "sent", null, "pricing"],
      ["U0TKEN", "sent", null, "pricing"],
      ["U0TLEFT", "skipped", "left", "pricing"],
    ]);

    // The same request again (a webhook retry), then the same status without a key: nothing new is stored or sent.
    expect(((await (await api("PATCH", "/api/v1/themes/pricing", w.token, body, { "idempotency-key": "theme-1" })).json()) as any).changed).toBe(false);
    expect(((await (await api("PATCH", "/api/v1/themes/pricing", w.token, body)).json()) as any).changed).toBe(false);
    await h.t.idle();
    expect(dmsTo("U0TAIKO")).toHaveLength(1);
    expect(await h.store.db.loopClosure.count({ where: { teamId: w.teamId } })).toBe(3);
    expect(await h.store.db.themeChange.count({ where: { teamId: w.teamId } })).toBe(1);

    expect((await api("PATCH", "/api/v1/themes/pricing", w.token, { status: "finished" })).status).toBe(400);
    expect((await api("PATCH", "/api/v1/themes/pricing", w.token, { status: "done", resolution: "two\nlines" })).status).toBe(400);
    expect((await api("PATCH", "/api/v1/themes/no-such-theme", w.token, { status: "done" })).status).toBe(404);
  });

  it("two replicas delivering the same pending DMs at once send each exactly one time", async () => {
    const w = await workspace("C0TREPL", [
      { author: "U0RAIKO", customer: "Acme", themes: "exports", quote: "CSV export drops accents." },
      { author: "U0RKEN", customer: "Globex", themes: "exports", quote: "Exports time out." },
    ]);
    // Stored without the follow-up a listener does: the DMs stay pending, as after a crash between the two.
    await changeThemeWork(
      { db: h.store.db, teamId: w.teamId },
      { name: "exports", change: { status: "done", resolution: "Exports stream now" }, actorId: "U0RAIKO", source: "button", changeKey: `t${++seq}` },
    );
    expect(await h.store.db.loopClosure.count({ where: { teamId: w.teamId, status: "pending" } })).toBe(2);
    const { app, deps } = h.t.bot;
    const run = (instanceId: string) =>
      deliverLoopClosures({ db: h.store.db, client: app.client, log: deps.log, users: deps.users, defaultLocale: "en", teamId: w.teamId, now: new Date(), instanceId });
    const [a, b] = await Promise.all([run("replica-a"), run("replica-b")]);
    expect(a.sent + b.sent).toBe(2);
    expect((await run("replica-a")).sent).toBe(0);
    expect(dmsTo("U0RAIKO")).toHaveLength(1);
    expect(dmsTo("U0RKEN")).toHaveLength(1);
    const ledger = await h.store.db.loopClosure.findMany({ where: { teamId: w.teamId } });
    expect(ledger.every((l) => l.status === "sent" && l.attempts === 1 && (l.claimedBy === "replica-a" || l.claimedBy === "replica-b"))).toBe(true);
  });

  it("the status menu set to done DMs the voice's logger once (a redelivered action does not double); the told-the-customer button records who and when once and updates the DM", async () => {
    h.t.fake.users.set("U0SJA", { locale: "ja-JP", real_name: "山田 花子", display_name: "山田" });
    const w = await workspace("C0TSTAT", [{ author: "U0SJA", customer: "Acme", themes: "billing", quote: "請求書が分かりにくいです。" }]);
    const insight = w.insights[0]!;
    const post = h.t.fake.callsTo("chat.postMessage").find((c) => c.args.channel === "C0TSTAT" && !c.args.thread_ts)!;
    const done = messageBlockAction(
      { teamId: w.teamId, userId: "U0ADMIN" },
      {
        channelId: "C0TSTAT",
        messageTs: w.tsOf(insight.id),
        message: { text: post.args.text, blocks: post.args.blocks },
        responseUrl: h.t.fake.responseUrl(`stat${++seq}`),
        action: { type: "static_select", actionId: "insight_status", blockId: `insight_work:${insight.id}`, value: "done", label: "Done" },
      },
    );
    await h.t.interact(done);
    await h.t.idle();
    await h.t.interact(done);
    await h.t.idle();
    const dms = dmsTo("U0SJA");
    expect(dms).toHaveLength(1);
    // In the logger's language.
    expect(JSON.stringify(dms[0]!.args.blocks)).toContain("*対応結果のお知らせ:* ご登録いただいた顧客の声への対応が完了しました。");
    expect(JSON.stringify(dms[0]!.args.blocks)).toContain("請求書が分かりにくいです。");
    expect(JSON.stringify(dms[0]!.args.blocks)).toContain("対応内容は記入されていません。");
    const closure = await h.store.db.loopClosure.findFirstOrThrow({ where: { teamId: w.teamId } });
    expect(closure).toMatchObject({ recipientId: "U0SJA", role: "author", status: "sent", insightIds: [insight.id], toldAt: null });

    const told = messageBlockAction(
      { teamId: w.teamId, userId: "U0SJA" },
      {
        channelId: closure.channelId!,
        messageTs: closure.messageTs!,
        message: { text: dms[0]!.args.text, blocks: dms[0]!.args.blocks },
        responseUrl: h.t.fake.responseUrl(`told${++seq}`),
        action: { type: "button", actionId: "loop_told", blockId: "loop_closure", value: closure.id, label: "顧客に伝えました" },
      },
    );
    expect((await h.t.interact(told)).status).toBe(200);
    await h.t.idle();
    const first = await h.store.db.loopClosure.findUniqueOrThrow({ where: { id: closure.id } });
    expect(first.toldBy).toBe("U0SJA");
    expect(first.toldAt).toBeInstanceOf(Date);
    await h.t.interact(told);
    await h.t.idle();
    expect((await h.store.db.loopClosure.findUniqueOrThrow({ where: { id: closure.id } })).toldAt).toEqual(first.toldAt);
    const update = h.t.fake.callsTo("chat.update").filter((c) => c.args.ts === closure.messageTs);
    expect(update.length).toBeGreaterThanOrEqual(1);
    const blocks = JSON.stringify(update.at(-1)!.args.blocks);
    expect(blocks).toContain("✓ 顧客への報告済み");
    expect(blocks).not.toContain("loop_told");

    // Someone else pressing it (a forwarded payload) records nothing.
    const other = { ...told, user: { ...told.user, id: "U0ADMIN" } };
    await h.t.interact(other);
    await h.t.idle();
    expect((await h.store.db.loopClosure.findUniqueOrThrow({ where: { id: closure.id } })).toldBy).toBe("U0SJA");
  });

  it("GET /api/v1/themes ranks themes by distinct customers with their status, filters by status, team and days, pages, and answers CSV", async () => {
    const w = await workspace("C0TLIST", [
      { author: "U0LA", customer: "Acme", themes: "pricing, onboarding", quote: "a" },
      { author: "U0LA", customer: "acme ", themes: "Pricing", quote: "b" },
      { author: "U0LA", customer: "Globex", themes: "onboarding", quote: "c" },
      { author: "U0LA", customer: "Initech", themes: "onboarding, =cmd", quote: "d" },
    ]);
    await h.store.db.insight.update({ where: { id: w.insights[0]!.id }, data: { createdAt: new Date("2026-03-01T10:00:00Z"), teams: ["product"] } });
    await api("PATCH", "/api/v1/themes/pricing", w.token, { status: "planned", resolution: "Q3 pricing page" });
    const read = await createApiToken({ db: h.store.db, teamId: w.teamId }, { label: "r", createdBy: "U0ADMIN", scopes: ["read"] });
    const get = async (q: string) => {
      const res = await api("GET", `/api/v1/themes${q}`, read);
      expect(res.status, q).toBe(200);
      return (await res.json()) as { items: any[]; next: string | null };
    };
    const all = await get("");
    expect(all.items.map((i) => [i.name, i.status, i.customers, i.voices, i.open, i.value])).toEqual([
      ["onboarding", "open", 3, 3, 3, null],
      ["pricing", "planned", 1, 2, 2, null],
      ["=cmd", "open", 1, 1, 1, null],
    ]);
    expect(all.items[1]).toMatchObject({ resolution: "Q3 pricing page" });
    expect((await get("?status=planned")).items.map((i) => i.name)).toEqual(["pricing"]);
    expect((await get("?team=product")).items.map((i) => [i.name, i.voices])).toEqual([
      ["onboarding", 1],
      ["pricing", 1],
    ]);
    expect((await get("?from=2026-03-01&to=2026-03-01")).items.map((i) => i.name)).toEqual(["onboarding", "pricing"]);
    const page1 = await get("?limit=2");
    expect(page1.items.map((i) => i.name)).toEqual(["onboarding", "pricing"]);
    const page2 = await get(`?limit=2&cursor=${page1.next}`);
    expect(page2.items.map((i) => i.name)).toEqual(["=cmd"]);
    expect(page2.next).toBeNull();

    const csv = await api("GET", "/api/v1/themes?limit=2", read, undefined, { accept: "text/csv" });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const table = parse(await csv.text()) as string[][];
    expect(table[0]).toEqual(["name", "status", "customers", "voices", "open", "value", "resolution", "link", "updatedAt"]);
    expect(table.slice(1).map((r) => r.slice(0, 7))).toEqual([
      ["onboarding", "open", "3", "3", "3", "", ""],
      ["pricing", "planned", "1", "2", "2", "", "Q3 pricing page"],
    ]);
    expect(csv.headers.get("x-next-cursor")).toBe(page1.next);
    const rest = parse(await (await api("GET", `/api/v1/themes?limit=2&cursor=${page1.next}`, read, undefined, { accept: "text/csv" })).text()) as string[][];
    expect(rest.slice(1).map((r) => r[0])).toEqual(["'=cmd"]);

    expect((await api("GET", "/api/v1/themes?status=finished", read)).status).toBe(400);
    expect((await api("GET", "/api/v1/themes?from=2026-03-05&to=2026-03-01", read)).status).toBe(400);
    expect((await api("GET", "/api/v1/themes?cursor=bm9wZQ", read)).status).toBe(400);
    expect((await api("PATCH", "/api/v1/themes/pricing", read, { status: "done" })).status).toBe(403);
  });

  it("linked customers: themes rank by value at risk (revenue × (1 − P(alive)), each customer once) and count evidence customers; done also DMs the evidence's logger and the customer's owner, once each", async () => {
    const w = await workspace("C0TLINK", [
      { author: "U0KA", customer: "Acme", themes: "sso", quote: "We need SSO." },
      { author: "U0KB", customer: "Acme Inc", themes: "sso", quote: "SSO is a must." },
      { author: "U0KB", customer: "Initech", themes: "audit", quote: "Audit log please." },
      { author: "U0KB", customer: "Hooli", themes: "audit", quote: "Who changed this?" },
    ]);
    const db = h.store.db;
    const acme = await db.customer.create({ data: { teamId: w.teamId, externalId: "A-1", name: "Acme" } });
    const globex = await db.customer.create({ data: { teamId: w.teamId, externalId: "G-1", name: "Globex" } });
    const snapshot = (revenue: string, pAlive: number, at: string) => ({ customerId: acme.id, customerRevenue: revenue, customerPAlive: pAlive, customerLinkedAt: new Date(at) });
    // Two voices of one customer: its newest snapshot counts, once.
    await db.insight.update({ where: { id: w.insights[0]!.id }, data: snapshot("1000.00", 0.9, "2026-11-01T00:00:00Z") });
    await db.insight.update({ where: { id: w.insights[1]!.id }, data: snapshot("1200.00", 0.75, "2026-11-20T00:00:00Z") });
    await db.insightEvidence.create({
      data: { teamId: w.teamId, insightId: w.insights[0]!.id, authorId: "U0KEVID", customer: "Globex", customerId: globex.id, quote: "Same here.", sourceKey: `ev${++seq}` },
    });
    await db.outreach.create({ data: { teamId: w.teamId, customerId: acme.id, ownerId: "U0KOWNER", takenAt: new Date("2026-11-25T00:00:00Z") } });
    // Members of this workspace (users.info says so); someone of another organisation would be skipped.
    h.t.fake.meet("U0KEVID", w.teamId);
    h.t.fake.meet("U0KOWNER", w.teamId);

    const themes = (await (await api("GET", "/api/v1/themes?sort=value", w.token)).json()) as { items: any[] };
    expect(themes.items.map((i) => [i.name, i.customers, i.voices, i.value])).toEqual([
      ["sso", 2, 2, 300],
      ["audit", 2, 2, null],
    ]);
    expect(((await (await api("GET", "/api/v1/themes", w.token)).json()) as { items: any[] }).items.map((i) => i.name)).toEqual(["audit", "sso"]);

    expect((await api("PATCH", "/api/v1/themes/sso", w.token, { status: "done", resolution: "SSO shipped" })).status).toBe(200);
    await h.t.idle();
    const ledger = await db.loopClosure.findMany({ where: { teamId: w.teamId }, orderBy: { recipientId: "asc" } });
    expect(ledger.map((l) => [l.recipientId, l.role, l.status, l.insightIds.length])).toEqual([
      ["U0KA", "author", "sent", 1],
      ["U0KB", "author", "sent", 1],
      ["U0KEVID", "evidence", "sent", 1],
      ["U0KOWNER", "owner", "sent", 2],
    ]);
    for (const person of ["U0KA", "U0KB", "U0KEVID", "U0KOWNER"]) expect(dmsTo(person), person).toHaveLength(1);
    expect(JSON.stringify(dmsTo("U0KOWNER")[0]!.args.blocks)).toContain("SSO shipped");
  });

  it("GET /api/v1/export voices carry their follow-up: status, owner, link, resolution and when they closed", async () => {
    const w = await workspace("C0TEXP", [{ author: "U0EA", customer: "Acme", themes: "sso", quote: "SSO please" }]);
    await api("PATCH", `/api/v1/insights/${w.insights[0]!.id}`, w.token, { status: "done", owner: "U0EA", link: "https://t.example.com/1", resolution: "Shipped SSO" });
    const res = await api("GET", "/api/v1/export?kind=voices", w.token);
    expect(res.status).toBe(200);
    const item = ((await res.json()) as any).items[0];
    expect(item).toMatchObject({ status: "done", ownerId: "U0EA", link: "https://t.example.com/1", resolution: "Shipped SSO" });
    expect(Date.parse(item.closedAt)).not.toBeNaN();
    const csv = parse(await (await api("GET", "/api/v1/export?kind=voices", w.token, undefined, { accept: "text/csv" })).text()) as string[][];
    expect(csv[0]!.slice(-5)).toEqual(["status", "ownerId", "link", "resolution", "closedAt"]);
    expect(csv[1]!.slice(-5, -1)).toEqual(["done", "U0EA", "https://t.example.com/1", "Shipped SSO"]);
  });
});
