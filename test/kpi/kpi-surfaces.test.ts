import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runKpiCli } from "../../src/cli/kpi.js";
import { addDays, defaultPeriod } from "../../src/domain/time/calendar.js";
import { computeKpis } from "../../src/services/kpi/compute-kpis.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { seedAroundPeriod } from "./fixtures.js";

const TOKEN = "kpi-surface-test-token-0123456789";

// Slack, API and CLI answer from computeKpis; the data sits around the default period (last 4 complete weeks).
describe.each(storeKinds())("/kpi, GET /api/v1/kpis and npm run kpi on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  const teamId = newTeamId();
  const { from, to } = defaultPeriod(new Date(), "UTC");
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store, { INGEST_TOKEN: TOKEN, INGEST_TEAM_ID: teamId });
    await seedAroundPeriod(store.db, teamId, { from, to });
  });
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  it("/kpi answers only the caller with the headline KPIs, arrows and the period", async () => {
    const { res, responseId } = await t.command({ teamId, userId: "U0KPI" }, "/kpi");
    expect(res.status).toBe(200);
    const body = await t.fake.waitForResponse(responseId);
    expect(body.response_type).toBe("ephemeral");
    expect(body.blocks[0]).toMatchObject({ type: "header", text: { text: "Retention KPIs" } });
    expect(body.text).toContain("Retention: 50% (↑ +50 pt)"); // 1 of 2 kept, against 0 of 1 before
    expect(body.text).toContain("Churn: 50% (↓ -50 pt)");
    expect(body.text).toContain("Revenue: 30.00 (→ 0.00)"); // 30 in the period, 10 + 20 in the one before
    expect(body.text).toContain("CSAT: no data");
    expect(body.text).toContain("Active = purchased in the last 10 days. Time zone: UTC.");
    const fields = body.blocks.filter((b: any) => b.type === "section" && b.fields).flatMap((b: any) => b.fields.map((f: any) => f.text));
    expect(fields).toContain("*Retention*\n50%  ↑ +50 pt");
    expect(body.blocks.some((b: any) => b.type === "data_visualization")).toBe(false); // the numbers come first
    // Then the same message is replaced by the numbers plus the retention/churn trend as a native chart, ending where
    // the report's period ends, with its numbers in the text.
    const [, withChart] = await t.fake.waitForResponses(responseId, 2);
    expect(withChart.replace_original).toBe(true);
    expect(withChart.response_type).toBe("ephemeral");
    expect(withChart.blocks.slice(0, body.blocks.length)).toEqual(body.blocks);
    const chart = withChart.blocks.find((b: any) => b.type === "data_visualization");
    expect(chart.chart.series.map((s: any) => s.name)).toEqual(["Retention", "Churn"]);
    expect(chart.chart.series[0].data.at(-1).value).toBe(50);
    expect(withChart.text).toContain(body.text);
    expect(withChart.text).toMatch(/Retention: Latest 50%/);
  });

  it("/kpi share posts in the channel; /kpi <segment> matches the segment ignoring case", async () => {
    const shared = await t.command({ teamId, userId: "U0KPI" }, "/kpi", "share");
    expect((await t.fake.waitForResponse(shared.responseId)).response_type).toBe("in_channel");
    const seg = await t.command({ teamId, userId: "U0KPI" }, "/kpi", "pro");
    const body = await t.fake.waitForResponse(seg.responseId);
    expect(body.blocks[0].text.text).toBe("Retention KPIs: Pro");
    expect(body.text).toContain("Retention: 50%");
    const unknown = await t.command({ teamId, userId: "U0KPI" }, "/kpi", "gold");
    expect((await t.fake.waitForResponse(unknown.responseId)).text).toBe('No customers in segment "gold". Segments: Pro, basic.');
  });

  it("/kpi in Japanese, /kpi help, /kpi cohorts, and a workspace without data", async () => {
    t.fake.users.set("U0JA", { locale: "ja-JP" });
    const ja = await t.command({ teamId, userId: "U0JA" }, "/kpi");
    const jaBody = await t.fake.waitForResponse(ja.responseId);
    expect(jaBody.blocks[0].text.text).toBe("リテンションKPI");
    expect(jaBody.text).toContain("リテンション率: 50%（↑ +50 pt）");
    const help = await t.command({ teamId, userId: "U0KPI" }, "/kpi", "help");
    expect((await t.fake.waitForResponse(help.responseId)).text).toContain("/kpi cohorts");
    const cohorts = await t.command({ teamId, userId: "U0KPI" }, "/kpi", "cohorts");
    const cohortBody = await t.fake.waitForResponse(cohorts.responseId);
    expect(cohortBody.blocks.filter((b: any) => b.type === "table")).toHaveLength(1);
    const year = Number(from.slice(0, 4));
    const byYear = await t.command({ teamId, userId: "U0KPI" }, "/kpi", `cohorts ${year - 30}`);
    expect((await t.fake.waitForResponse(byYear.responseId)).text).toContain(String(year - 30));
    const empty = await t.command({ teamId: newTeamId(), userId: "U0KPI" }, "/kpi");
    const emptyBody = await t.fake.waitForResponse(empty.responseId);
    expect(emptyBody.text).toContain("No data for this period");
    expect(emptyBody.text).not.toMatch(/NaN|0%/);
  });

  it("GET /api/v1/kpis returns the same numbers under the issue's field names", async () => {
    const get = (q: string) => fetch(`${t.baseUrl}/api/v1/kpis${q}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const res = await get(`?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    for (const f of [
      "from",
      "to",
      "window",
      "activeAtStart",
      "activeAtEnd",
      "retained",
      "retentionRate",
      "churnRate",
      "newCustomers",
      "reactivatedCustomers",
      "purchasingCustomers",
      "purchases",
      "revenue",
      "repeatPurchaseRate",
      "purchaseFrequency",
      "averageOrderValue",
      "revenuePerPurchasingCustomer",
      "historicClv",
      "csat",
      "nps",
      "previous",
    ]) {
      expect(body).toHaveProperty(f);
    }
    expect(body).toEqual(JSON.parse(JSON.stringify(await computeKpis({ db: store.db, teamId, from, to }))));
    expect(body).toMatchObject({ window: 10, retentionRate: 0.5, csat: null, previous: { retentionRate: 0 } });
    const seg = (await (await get(`?from=${from}&to=${to}&segment=basic&window=40`)).json()) as Record<string, unknown>;
    expect(seg).toMatchObject({ window: 40, segment: "basic", activeAtStart: 1, retained: 0 });
    expect((await get(`?from=${from}`)).status).toBe(400);
    expect((await get(`?from=${to}&to=${from}`)).status).toBe(400);
    expect((await get(`?from=2024-02-30&to=2024-03-04`)).status).toBe(400);
    const unauthorized = await fetch(`${t.baseUrl}/api/v1/kpis`);
    expect(unauthorized.status).toBe(401);
    const cohorts = await fetch(`${t.baseUrl}/api/v1/cohorts?from=${addDays(from, -62)}&to=${to}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(cohorts.status).toBe(200);
    const cb = (await cohorts.json()) as { cohorts: Array<{ size: number }> };
    expect(cb.cohorts.reduce((n, c) => n + c.size, 0)).toBeGreaterThan(0);
  });

  it("npm run kpi -- --json prints the API's JSON", async () => {
    const out = await runKpiCli(["--team", teamId, "--from", from, "--to", to, "--segment", "Pro", "--json"], store);
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(await computeKpis({ db: store.db, teamId, from, to, segment: "Pro" }))));
    await expect(runKpiCli(["--from", from, "--to", to], store, {})).rejects.toThrow(/--team/);
    await expect(runKpiCli(["--team", teamId, "--window", "0"], store)).rejects.toThrow(/activity window/);
  });

  it("npm run kpi prints a table by default: this period, the one before, the change; rates as percentages", async () => {
    const out = await runKpiCli(["--team", teamId, "--from", from, "--to", to], store, { DEFAULT_LOCALE: "en" });
    const lines = out.split("\n");
    expect(lines[0]).toBe("Retention KPIs");
    expect(lines[1]).toContain("Active = purchased in the last 10 days. Time zone: UTC.");
    const row = (label: string) =>
      lines
        .find((l) => l.includes(` ${label} `))
        ?.split("│")
        .map((c) => c.trim())
        .filter(Boolean);
    expect(row("Retention")).toEqual(["Retention", "50%", "0%", "↑ +50 pt"]);
    expect(row("Churn")).toEqual(["Churn", "50%", "100%", "↓ -50 pt"]);
    expect(row("Revenue")).toEqual(["Revenue", "30.00", "30.00", "→ 0.00"]);
    expect(row("CSAT")).toEqual(["CSAT", "no data", "no data"]);
    // Japanese when the bot's default language is Japanese.
    const ja = await runKpiCli(["--team", teamId, "--from", from, "--to", to], store, { DEFAULT_LOCALE: "ja" });
    expect(
      ja
        .split("\n")
        .find((l) => l.includes(" リテンション率 "))
        ?.split("│")
        .map((c) => c.trim())
        .filter(Boolean),
    ).toEqual(["リテンション率", "50%", "0%", "↑ +50 pt"]);
  });
});
