import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, isoWeekday, localDay } from "../../src/domain/time/calendar.js";
import type { KpiReport } from "../../src/domain/kpi/report.js";
import { translator } from "../../src/i18n/index.js";
import { issueApiToken } from "../../src/services/api-tokens/api-tokens.js";
import { buildKpiReport } from "../../src/views/kpi/kpi-report.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { insertCustomers } from "./fixtures.js";

const TOKEN = "kpi-period-test-token-0123456789";

// `/kpi [period] [segment]` must show exactly what GET /api/v1/kpis answers for that period: the test renders the
// API's JSON with the /kpi view and compares it with the text Slack received.
describe.each(storeKinds())("/kpi with a period, against GET /api/v1/kpis, on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  const teamId = newTeamId();
  // A second workspace with purchases around today, for the relative periods, read with a token of its own.
  const recentTeam = newTeamId();
  let recentToken = "";
  const api = async (query: string, token = TOKEN) => {
    const res = await fetch(`${t.baseUrl}/api/v1/kpis?${query}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as KpiReport & { error?: string } };
  };
  const kpi = async (userId: string, text: string, team = teamId) => {
    const { res, responseId } = await t.command({ teamId: team, userId }, "/kpi", text);
    expect(res.status).toBe(200);
    // A generous bound: the machine running the suite may be busy; the answer comes as soon as it is ready.
    return t.fake.waitForResponse(responseId, 30_000);
  };

  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store, { INGEST_TOKEN: TOKEN, INGEST_TEAM_ID: teamId });
    t.fake.users.set("U0TOKYO", { locale: "ja-JP", tz: "Asia/Tokyo" });
    t.fake.users.set("U0UTC", { locale: "en-US", tz: "UTC" });
    const today = localDay(new Date(), "UTC");
    await insertCustomers(store.db, teamId, [
      // 2026-09-30 16:00 UTC is 1 October 01:00 in Tokyo: October there, September in UTC.
      {
        ext: "A",
        segment: "Pro",
        purchases: [
          ["2026-09-30T16:00:00Z", "100.00"],
          ["2026-10-15T12:00:00Z", "50.00"],
        ],
      },
      // 2026-10-31 16:00 UTC is 1 November in Tokyo: October only in UTC.
      {
        ext: "B",
        segment: "basic",
        purchases: [
          ["2026-10-10T00:00:00Z", "30.00"],
          ["2026-10-31T16:00:00Z", "70.00"],
        ],
      },
    ]);
    // Something in each relative period before today.
    await insertCustomers(store.db, recentTeam, [
      {
        ext: "C",
        purchases: [
          [`${addDays(today, -8)}T12:00:00Z`, "7.00"],
          [`${addDays(today, -40)}T12:00:00Z`, "9.00"],
          [`${addDays(today, -100)}T12:00:00Z`, "11.00"],
        ],
      },
      {
        ext: "D",
        purchases: [
          [`${addDays(today, -3)}T12:00:00Z`, "5.00"],
          [`${addDays(today, -70)}T12:00:00Z`, "13.00"],
        ],
      },
    ]);
    recentToken = (await issueApiToken({ db: store.db, teamId: recentTeam }, { label: "period-test", createdBy: "U0UTC", now: new Date() })).token;
  });
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  it("/kpi 2026-10 counts October in the asker's time zone, in their language, as the API does for that zone", async () => {
    const body = await kpi("U0TOKYO", "2026-10");
    const ja = translator("ja");
    expect(body.text).toContain("売上: 180.00"); // 100 + 50 + 30: the 1 October 01:00 purchase is in, the 1 November one is not
    expect(body.text).toContain("タイムゾーン：Asia/Tokyo");
    const byPeriod = await api("period=2026-10&timeZone=Asia/Tokyo");
    expect(byPeriod.status).toBe(200);
    expect(byPeriod.body).toMatchObject({ from: "2026-10-01", to: "2026-11-01", revenue: 180, timeZone: "Asia/Tokyo" });
    expect(body.text).toBe(buildKpiReport(byPeriod.body, { t: ja, locale: "ja", counter: "people", forAdmin: false }).text);
    const byDays = await api("from=2026-10-01&to=2026-11-01&timeZone=Asia/Tokyo");
    expect(byDays.body).toEqual(byPeriod.body);

    // The same month in UTC holds other purchases: 50 + 30 + 70.
    const utc = await kpi("U0UTC", "2026-10");
    expect(utc.text).toContain("Revenue: 150.00");
    expect(utc.text).toBe(buildKpiReport((await api("period=2026-10")).body, { t: translator("en"), locale: "en", counter: "people", forAdmin: false }).text);
  });

  it("a segment may follow the period", async () => {
    const body = await kpi("U0UTC", "2026-10 pro");
    expect(body.blocks[0].text.text).toBe("Retention KPIs: Pro");
    expect(body.text).toContain("Revenue: 50.00");
    const fromApi = await api("period=2026-10&segment=Pro");
    expect(fromApi.body).toMatchObject({ segment: "Pro", revenue: 50 });
    expect(body.text).toBe(buildKpiReport(fromApi.body, { t: translator("en"), locale: "en", counter: "people", forAdmin: false }).text);
  });

  it("every period form gives the API's numbers for the same period word", async () => {
    const today = localDay(new Date(), "UTC");
    const monday = addDays(today, -isoWeekday(today));
    const firstOfMonth = `${today.slice(0, 7)}-01`;
    const firstOfQuarter = addMonths(firstOfMonth, -((Number(today.slice(5, 7)) - 1) % 3));
    const expected: Record<string, [string, string]> = {
      "2026-Q3": ["2026-07-01", "2026-10-01"],
      "2026-W44": ["2026-10-26", "2026-11-02"],
      "2026-10-01..2026-11-01": ["2026-10-01", "2026-11-01"],
      "last-week": [addDays(monday, -7), monday],
      "last-month": [addMonths(firstOfMonth, -1), firstOfMonth],
      "last-quarter": [addMonths(firstOfQuarter, -3), firstOfQuarter],
    };
    for (const [word, days] of Object.entries(expected)) {
      const team = word.startsWith("last-") ? recentTeam : teamId;
      const token = word.startsWith("last-") ? recentToken : TOKEN;
      const body = await kpi("U0UTC", word, team);
      const fromApi = await api(`period=${encodeURIComponent(word)}`, token);
      expect(fromApi.status, word).toBe(200);
      expect([fromApi.body.from, fromApi.body.to], word).toEqual(days);
      expect(body.text, word).toBe(buildKpiReport(fromApi.body, { t: translator("en"), locale: "en", counter: "people", forAdmin: false }).text);
      const byDays = await api(`from=${days[0]}&to=${days[1]}`, token);
      expect(byDays.body, word).toEqual(fromApi.body);
    }
    // The relative periods had data: the comparison above was not between two empty reports.
    expect((await api("period=last-month", recentToken)).body.hasData).toBe(true);
  });

  it("a bad period answers with examples in the asker's language; the API answers 400 with the same examples", async () => {
    const ja = await kpi("U0TOKYO", "2026-13");
    expect(ja.response_type).toBe("ephemeral");
    expect(ja.text).toBe(
      "「2026-13」は期間として読み取れません。次のいずれかの形で指定してください：2026-10, 2026-Q3, 2026-W44, 2026-10-01..2026-11-01, last-week, last-month, last-quarter（範囲の2つ目の日付は含みません）。",
    );
    const en = await kpi("U0UTC", "last-year pro");
    expect(en.text).toBe(
      '"last-year" is not a period. Write one of these forms: 2026-10, 2026-Q3, 2026-W44, 2026-10-01..2026-11-01, last-week, last-month, last-quarter (a range\'s second day is not included).',
    );
    const reversed = await kpi("U0UTC", "2026-11-01..2026-10-01");
    expect(reversed.text).toContain('"2026-11-01..2026-10-01" is not a period.');
    const bad = await api("period=2025-W53");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('\\"2025-W53\\" is not a period. Write one of these forms: 2026-10, 2026-Q3');
    expect((await api("period=2026-10&from=2026-10-01&to=2026-11-01")).status).toBe(400);
    expect((await api("period=2026-10&timeZone=Mars/Olympus")).status).toBe(400);
  });

  it("subcommands still win over periods and segments", async () => {
    const help = await kpi("U0UTC", "help");
    expect(help.text).toContain("*`/kpi [period] [segment]`*");
    expect(help.text).toContain("`2026-W44` (ISO week)");
    const cohorts = await kpi("U0UTC", "cohorts 2026");
    expect(cohorts.blocks.some((b: any) => b.type === "table")).toBe(true);
    const jaHelp = await kpi("U0TOKYO", "help");
    expect(jaHelp.text).toContain("`/kpi [期間] [セグメント]`");
  });

  it("/kpi cohorts without a year shows the latest cohorts that have data, even when they are older than a year", async () => {
    const oldTeam = newTeamId();
    await insertCustomers(store.db, oldTeam, [
      {
        ext: "E",
        purchases: [
          ["2024-03-10T12:00:00Z", "10.00"],
          ["2024-04-10T12:00:00Z", "10.00"],
        ],
      },
      { ext: "F", purchases: [["2024-05-20T12:00:00Z", "10.00"]] },
    ]);
    const body = await kpi("U0UTC", "cohorts", oldTeam);
    expect(body.text).not.toContain("No customers were acquired");
    const table = body.blocks.find((b: any) => b.type === "table");
    const cells = table.rows.map((r: any[]) => r.map((c: any) => c.text ?? c.elements?.[0]?.elements?.[0]?.text ?? ""));
    expect(JSON.stringify(cells)).toContain("Mar 2024");
    expect(JSON.stringify(cells)).toContain("May 2024");
    // The 12 months up to the latest month that acquired anyone: June 2023 to May 2024.
    const { token } = await issueApiToken({ db: store.db, teamId: oldTeam }, { label: "cohorts-test", createdBy: "U0UTC", now: new Date() });
    const res = await fetch(`${t.baseUrl}/api/v1/cohorts`, { headers: { authorization: `Bearer ${token}` } });
    const report = (await res.json()) as { from: string; to: string; cohorts: Array<{ cohortMonth: string; size: number; active: number[] }> };
    expect(report).toMatchObject({ from: "2023-06-01", to: "2024-06-01" });
    expect(report.cohorts.map((c) => [c.cohortMonth, c.size, c.active])).toEqual([
      ["2024-03", 1, [1, 1, 0]],
      ["2024-05", 1, [1]],
    ]);
  });
});
