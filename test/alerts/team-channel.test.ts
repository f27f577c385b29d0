// Voice alerts to the owning team's channel (#17, kind 3): `/kpi alerts add voice team` posts a negative voice about a
// valuable customer to the channel each of its teams routes to (InsightRoute), at a fixed `now`; exactly once (re-evaluated,
// and two deliveries at once), held through the subscription's quiet hours, never to a channel shared with another
// organisation, and never twice to a channel that has a voice subscription of its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverAlerts } from "../../src/services/alerts/deliver-alerts.js";
import { evaluateVoiceAlert } from "../../src/services/alerts/evaluate-voice-alert.js";
import { setInsightRoute } from "../../src/services/settings/set-insight-route.js";
import { captureLog } from "../digest/helpers.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { insertCustomers } from "../kpi/fixtures.js";

const at = (iso: string) => new Date(iso);

describe.each(storeKinds())("voice alerts to the owning team's channel on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store);
    t.fake.users.set("U0TCADMIN", { is_admin: true });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  const run = async (teamId: string, text: string) => {
    const { res, responseId } = await t.command({ teamId, userId: "U0TCADMIN" }, "/kpi", text);
    expect(res.status).toBe(200);
    return (await t.fake.waitForResponse(responseId, 30_000)).text as string;
  };
  const deliver = (now: Date, holder = "A") => deliverAlerts({ db: store.db, client: t.bot.app.client, log: captureLog().log, now, holder, teamId: undefined });
  const posts = (channel: string) => t.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === channel && c.args.metadata?.event_type === "retention_alert");
  /** A workspace with a valuable customer, routes for sales, support (shared) and product, and a negative voice for all three. */
  const seed = async (suffix: string) => {
    const teamId = newTeamId();
    const ch = { sales: `C0TCSALES${suffix}`, support: `C0TCSUPP${suffix}`, product: `C0TCPROD${suffix}` };
    await insertCustomers(store.db, teamId, [{ ext: "BIG", purchases: [["2026-11-01T12:00:00Z", "1200.00"]] }]);
    for (const team of ["sales", "support", "product"] as const) await setInsightRoute({ db: store.db, teamId }, { team, channelId: ch[team], setBy: "U0TCADMIN" });
    t.fake.externalChannels.add(ch.support);
    const insight = await store.db.insight.create({
      data: {
        teamId,
        sourceKey: `tc-${suffix}`,
        customer: "BIG",
        source: "call",
        sentiment: "negative",
        themes: [],
        quote: "We are moving to a competitor",
        teams: ["sales", "support", "product"],
        authorId: "U0AUTHOR",
        searchText: "x",
        messagePermalink: `https://example.slack.com/archives/${ch.sales}/p1`,
      },
    });
    return { teamId, ch, insight };
  };

  it("posts at once to each team's routed channel, once; not to a shared channel; a channel with its own subscription gets it once", async () => {
    const { teamId, ch, insight } = await seed("A");
    expect(await run(teamId, "alerts add voice team")).toBe("The owning team's channel now gets alerts about negative voices of valuable or at-risk customers.");
    t.fake.join(ch.product);
    expect(await run(teamId, `alerts add voice <#${ch.product}|product>`)).toBe(`<#${ch.product}> now gets alerts about negative voices of valuable or at-risk customers.`);
    expect(await run(teamId, "alerts")).toContain("• the owning team's channel: negative voices of valuable or at-risk customers");

    const now = at("2026-11-25T10:00:00Z");
    // The team subscription fires for sales and support; product's channel follows its own subscription.
    expect(await evaluateVoiceAlert({ db: store.db, teamId, now, insightId: insight.id })).toBe(3);
    expect(await evaluateVoiceAlert({ db: store.db, teamId, now, insightId: insight.id })).toBe(0);
    await deliver(now);

    const sales = posts(ch.sales);
    expect(sales).toHaveLength(1);
    expect(sales[0]!.args.text).toBe("A negative voice about BIG");
    const blocks = JSON.stringify(sales[0]!.args.blocks);
    expect(blocks).toContain("We are moving to a competitor");
    expect(blocks).toContain("revenue to date 1,200.00");
    expect(blocks).toContain(`"url":"https://example.slack.com/archives/${ch.sales}/p1"`);
    // The bot joined the route channel before posting there, as routing does.
    expect(t.fake.callsTo("conversations.join").some((c) => c.args.channel === ch.sales)).toBe(true);
    expect(posts(ch.product)).toHaveLength(1);
    expect(posts(ch.support)).toHaveLength(0);
    const ledger = await store.db.alertLedger.findMany({
      where: { teamId },
      select: { conditionKey: true, channelId: true, status: true, error: true },
      orderBy: { conditionKey: "asc" },
    });
    expect(ledger).toEqual([
      { conditionKey: `voice|${insight.id}`, channelId: null, status: "posted", error: null },
      { conditionKey: `voice|${insight.id}|${ch.sales}`, channelId: ch.sales, status: "posted", error: null },
      { conditionKey: `voice|${insight.id}|${ch.support}`, channelId: ch.support, status: "failed", error: "external_channel" },
    ]);
    // Delivering again posts nothing more.
    await deliver(at("2026-11-25T10:05:00Z"));
    expect(posts(ch.sales)).toHaveLength(1);
  }, 60_000);

  it("holds the alert through the subscription's quiet hours, and two deliveries at once post it once", async () => {
    const { teamId, ch, insight } = await seed("B");
    expect(await run(teamId, "alerts add voice team team:sales quiet:22:00-08:00 tz:Asia/Tokyo")).toContain("The owning team's channel now gets alerts");
    // 2026-11-25 23:30 in Tokyo: quiet until 08:00 Tokyo (23:00Z).
    const night = at("2026-11-25T14:30:00Z");
    expect(await evaluateVoiceAlert({ db: store.db, teamId, now: night, insightId: insight.id })).toBe(1);
    await deliver(night);
    expect(posts(ch.sales)).toHaveLength(0);
    expect((await store.db.alertLedger.findFirstOrThrow({ where: { teamId } })).dueAt.toISOString()).toBe("2026-11-25T23:00:00.000Z");
    const morning = at("2026-11-25T23:00:00Z");
    await Promise.all([deliver(morning, "A"), deliver(morning, "B")]);
    expect(posts(ch.sales)).toHaveLength(1);
    // team:sales: the support and product channels get nothing.
    expect(posts(ch.product)).toHaveLength(0);
    expect(await store.db.alertLedger.count({ where: { teamId } })).toBe(1);
  }, 60_000);
});
