// KPI targets (issue #17): the command's words, on/off track arithmetic, and end to end through signed slash
// commands against the real bot: admins set and remove targets, `/kpi` shows KPIs against them with a target line in
// the native chart, the digest says the same, App Home lists them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPeriod } from "../../src/domain/time/calendar.js";
import { parseTargetCommand, parseTargetValue, standingAgainst, standingsOf } from "../../src/domain/targets/target-kpis.js";
import { translator } from "../../src/i18n/index.js";
import { composeDigest } from "../../src/views/digest/compose-digest.js";
import { standingLines } from "../../src/views/targets/target-words.js";
import { fullDigest, kpiReport } from "../digest/fixtures.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { eventCallback } from "../slack/payloads.js";
import { seedAroundPeriod } from "./fixtures.js";

describe("target values and the /kpi target words", () => {
  it("reads rates as 85% or 85, NPS in points, counts whole, money with cents", () => {
    expect(parseTargetValue("retentionRate", "85%")).toBe(0.85);
    expect(parseTargetValue("retentionRate", "85")).toBe(0.85);
    expect(parseTargetValue("churnRate", "4.5%")).toBe(0.045);
    expect(parseTargetValue("csat", "101")).toBeUndefined();
    expect(parseTargetValue("retentionRate", "-1")).toBeUndefined();
    expect(parseTargetValue("nps", "-10")).toBe(-0.1);
    expect(parseTargetValue("nps", "30%")).toBeUndefined();
    expect(parseTargetValue("nps", "150")).toBeUndefined();
    expect(parseTargetValue("newCustomers", "1,200")).toBe(1200);
    expect(parseTargetValue("newCustomers", "12.5")).toBeUndefined();
    expect(parseTargetValue("revenue", "25000.505")).toBe(25000.51);
    expect(parseTargetValue("revenue", "８５")).toBe(85); // full-width digits typed with a Japanese IME
    expect(parseTargetValue("revenue", "1,2,3")).toBeUndefined();
  });

  it("takes multi-word KPI names, `off`, a segment after the value, and labels in either language", () => {
    expect(parseTargetCommand(["retention", "85%"])).toEqual({ kind: "set", kpi: "retentionRate", value: 0.85, segment: "" });
    expect(parseTargetCommand(["repeat", "purchase", "rate", "30", "Enterprise", "EMEA"])).toEqual({
      kind: "set",
      kpi: "repeatPurchaseRate",
      value: 0.3,
      segment: "Enterprise EMEA",
    });
    expect(parseTargetCommand(["new", "customers", "120"])).toEqual({ kind: "set", kpi: "newCustomers", value: 120, segment: "" });
    expect(parseTargetCommand(["churn", "off", "Pro"])).toEqual({ kind: "off", kpi: "churnRate", segment: "Pro" });
    expect(parseTargetCommand(["リテンション率", "85%"], [{ kpi: "retentionRate", label: "リテンション率" }])).toEqual({
      kind: "set",
      kpi: "retentionRate",
      value: 0.85,
      segment: "",
    });
    expect(parseTargetCommand(["happiness", "85"])).toEqual({ kind: "unknownKpi", name: "happiness" });
    expect(parseTargetCommand(["nps", "2000"])).toEqual({ kind: "badValue", kpi: "nps", value: "2000" });
    expect(parseTargetCommand(["retention"])).toEqual({ kind: "usage" });
    expect(parseTargetCommand([])).toEqual({ kind: "usage" });
  });

  it("says on or off track and by how much; churn is better lower; equal is on track", () => {
    expect(standingAgainst("retentionRate", 0.82, 0.85)).toEqual({ kpi: "retentionRate", target: 0.85, value: 0.82, status: "off", gap: -0.03 });
    expect(standingAgainst("churnRate", 0.04, 0.05)).toMatchObject({ status: "on", gap: 0.01 });
    expect(standingAgainst("retentionRate", 17 / 20, 0.85)).toMatchObject({ status: "on", gap: 0 });
    expect(standingAgainst("csat", null, 0.9)).toMatchObject({ status: "noData", gap: null });
    const t = translator("en");
    const lines = standingLines(
      t,
      "en",
      standingsOf(kpiReport(), [
        { kpi: "churnRate", value: 0.05 },
        { kpi: "retentionRate", value: 0.95 },
        { kpi: "newCustomers", value: 12 },
      ]),
    );
    expect(lines).toEqual([
      ":warning: Retention 92.5%, target 95%: off track, 2.5 pt short.",
      ":warning: Churn 7.5%, target 5%: off track, 2.5 pt short.",
      ":white_check_mark: New customers 12, target 12: on track, exactly on target.",
    ]);
    const ja = standingLines(translator("ja"), "ja", standingsOf(kpiReport(), [{ kpi: "revenue", value: 5000 }]));
    expect(ja).toEqual([":white_check_mark: 売上 6,000.00（目標 5,000.00）: 目標達成ペースです。目標より 1,000.00 良好です。"]);
  });

  it("the digest shows the period against its targets and draws the retention target on the chart", () => {
    const t = translator("en");
    const digest = composeDigest(fullDigest({ targets: [{ kpi: "retentionRate", value: 0.9 }] }), t, { locale: "en" });
    expect(
      digest.blocks.some((b: any) => b.type === "section" && b.text?.text === "*Against targets*\n:white_check_mark: Retention 92.5%, target 90%: on track, 2.5 pt better."),
    ).toBe(true);
    const chart = digest.blocks.find((b: any) => b.type === "data_visualization") as any;
    expect(chart.chart.series.map((s: any) => s.name)).toEqual(["Retention", "Churn", "Retention target"]);
    expect(chart.chart.series[2].data.map((d: any) => d.value)).toEqual([90, 90]);
  });
});

describe.each(storeKinds())("/kpi target and /kpi targets end to end on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  const teamId = newTeamId();
  const admin = { teamId, userId: "U0TGTADMIN" };
  const member = { teamId, userId: "U0TGTMEMBER" };
  const { from, to } = defaultPeriod(new Date(), "UTC");
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store);
    t.fake.users.set(admin.userId, { is_admin: true });
    await seedAroundPeriod(store.db, teamId, { from, to });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });
  const run = async (who: { teamId: string; userId: string }, text: string) => {
    const { res, responseId } = await t.command(who, "/kpi", text);
    expect(res.status).toBe(200);
    return { body: await t.fake.waitForResponse(responseId, 30_000), responseId };
  };
  const stored = () =>
    store.db.kpiTarget.findMany({ where: { teamId }, orderBy: [{ segment: "asc" }, { kpi: "asc" }], select: { kpi: true, segment: true, value: true, setBy: true } });

  it("only the bot's admins set targets; bad words get the usage, nothing stored", async () => {
    expect((await run(member, "target retention 85%")).body.text).toContain("Only Retention Desk admins can do this");
    expect((await run(admin, "target happiness 85")).body.text).toBe(
      '"happiness" is not a KPI a target can be set for. Use one of: retention, churn, repeat-purchase rate, CSAT, NPS, new customers, revenue.',
    );
    expect((await run(admin, "target retention 185%")).body.text).toBe('"185%" is not a target for Retention: give a percentage from 0 to 100, as `85%` or `85`.');
    expect((await run(admin, "target retention 85 gold")).body.text).toBe('No customers in segment "gold". Segments: Pro, basic.');
    expect((await run(admin, "target")).body.text).toContain("Usage: `/kpi target <kpi> <value> [segment]`");
    expect(await stored()).toEqual([]);
  });

  it("sets, replaces, lists and removes targets; /kpi shows each KPI against its target with target lines on the chart", async () => {
    expect((await run(admin, "target retention 85%")).body.text).toBe("Target set: Retention 85% (all customers). `/kpi` now shows it against this target.");
    expect((await run(admin, "target retention 40")).body.text).toBe("Target changed: Retention 40% (all customers), was 85%.");
    expect((await run(admin, "target churn 30%")).body.text).toBe("Target set: Churn 30% (all customers). `/kpi` now shows it against this target.");
    expect((await run(admin, "target new customers 3 pro")).body.text).toBe("Target set: New customers 3 (Pro). `/kpi` now shows it against this target.");
    expect(await stored()).toEqual([
      { kpi: "churnRate", segment: "", value: 0.3, setBy: admin.userId },
      { kpi: "retentionRate", segment: "", value: 0.4, setBy: admin.userId },
      { kpi: "newCustomers", segment: "Pro", value: 3, setBy: admin.userId },
    ]);
    // Members read the list.
    expect((await run(member, "targets")).body.text).toBe(
      [
        "*KPI targets*",
        "_all customers_",
        "• Retention: 40%",
        "• Churn: 30%",
        "_Pro_",
        "• New customers: 3",
        "Admins change them with `/kpi target <kpi> <value> [segment]` and remove one with `/kpi target <kpi> off [segment]`.",
      ].join("\n"),
    );

    // Retention 1 of 2 = 50% against 40%: on track by 10 pt; churn 50% against 30%: off track by 20 pt.
    const { body, responseId } = await run(member, "");
    expect(body.text).toContain(
      "*Against targets*\n:white_check_mark: Retention 50%, target 40%: on track, 10.0 pt better.\n:warning: Churn 50%, target 30%: off track, 20.0 pt short.",
    );
    const section = body.blocks.find((b: any) => b.type === "section" && b.text?.text?.startsWith("*Against targets*"));
    expect(section.text.text).toContain("Churn 50%, target 30%: off track, 20.0 pt short.");
    const [, withChart] = await t.fake.waitForResponses(responseId, 2, 30_000);
    const chart = withChart.blocks.find((b: any) => b.type === "data_visualization");
    expect(chart.chart.series.map((s: any) => s.name)).toEqual(["Retention", "Churn", "Retention target", "Churn target"]);
    expect(new Set(chart.chart.series[2].data.map((d: any) => d.value))).toEqual(new Set([40]));
    expect(new Set(chart.chart.series[3].data.map((d: any) => d.value))).toEqual(new Set([30]));

    // A segment's /kpi uses that segment's targets: Pro had no new customers in the period, so 0 of 3.
    const pro = await run(member, "Pro");
    expect(pro.body.text).toContain(":warning: New customers 0, target 3: off track, 3 short.");
    expect(pro.body.text).not.toContain("Retention 50%, target");

    expect((await run(admin, "target retention off")).body.text).toBe("Target removed: Retention (all customers).");
    expect((await run(admin, "target retention off")).body.text).toBe("Retention (all customers) had no target, so nothing changed.");
    expect((await stored()).map((r) => r.kpi)).toEqual(["churnRate", "newCustomers"]);
  });

  it("App Home shows the targets: standings for members, the full list for admins", async () => {
    await run(admin, "target churn 30%");
    const open = async (userId: string) => {
      t.fake.meet(userId, teamId);
      const before = t.fake.callsTo("views.publish").length;
      await t.event(eventCallback(teamId, { type: "app_home_opened", user: userId, channel: "D0HOME", tab: "home" }));
      await t.idle();
      const calls = t.fake.callsTo("views.publish");
      expect(calls.length).toBeGreaterThan(before);
      const view = calls.at(-1)!.args.view as { blocks: any[] };
      return view.blocks.map((b) => b.text?.text ?? "").join("\n");
    };
    const memberHome = await open(member.userId);
    expect(memberHome).toContain(":warning: Churn 50%, target 30%: off track, 20.0 pt short.");
    expect(memberHome).not.toContain("*KPI targets*");
    const adminHome = await open(admin.userId);
    expect(adminHome).toContain("*KPI targets*\n_all customers_\n• Churn: 30%\n_Pro_\n• New customers: 3");
  });
});
