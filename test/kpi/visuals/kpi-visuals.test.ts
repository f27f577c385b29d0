import { describe, expect, it } from "vitest";
import type { CohortReport } from "../../../src/domain/kpi/cohorts.js";
import { translator } from "../../../src/i18n/index.js";
import { BLOCK_LIMITS, DATA_VISUALIZATION_LIMITS, fitBlocks } from "../../../src/views/block-limits.js";
import type { DataVisualizationBlock, TableBlock } from "../../../src/views/kpi/charts/block-types.js";
import { cohortTableBlocks, kpiChangeTableBlocks, kpiTrendBlocks, parseCohortYear } from "../../../src/views/kpi/index.js";
import { period, REPORT, TREND } from "./fixtures.js";

const en = translator("en");
const ja = translator("ja");

describe("kpiTrendBlocks", () => {
  it("charts retention and churn per period as percentages, leaving out periods without a rate", () => {
    const { blocks } = kpiTrendBlocks(en, "en", TREND);
    const chart = blocks[0] as DataVisualizationBlock;
    expect(chart.type).toBe("data_visualization");
    expect(chart.title).toBe("Retention and churn, last 3 periods");
    expect(chart.chart.type).toBe("line");
    expect(chart.chart.axis_config).toEqual({ categories: ["Aug 30, 2026", "Oct 25, 2026"], x_label: "Period ending", y_label: "%" });
    expect(chart.chart.series).toEqual([
      {
        name: "Retention",
        data: [
          { label: "Aug 30, 2026", value: 80 },
          { label: "Oct 25, 2026", value: 84 },
        ],
      },
      {
        name: "Churn",
        data: [
          { label: "Aug 30, 2026", value: 20 },
          { label: "Oct 25, 2026", value: 16 },
        ],
      },
    ]);
  });

  it("states the key numbers in the fallback text and the context line", () => {
    const { text, blocks } = kpiTrendBlocks(en, "en", TREND);
    const lines = [
      "Retention: Latest 84% (Oct 25, 2026) · Change +4pt vs Aug 30, 2026 · Min 80% (Aug 30, 2026) · Max 84% (Oct 25, 2026)",
      "Churn: Latest 16% (Oct 25, 2026) · Change -4pt vs Aug 30, 2026 · Min 16% (Oct 25, 2026) · Max 20% (Aug 30, 2026)",
    ];
    expect(text).toBe(["Retention and churn, last 3 periods", ...lines].join("\n"));
    expect(blocks[1]).toEqual({ type: "context", elements: [{ type: "plain_text", text: lines.join("\n"), emoji: false }] });
  });

  it("speaks Japanese", () => {
    const { text } = kpiTrendBlocks(ja, "ja", TREND);
    expect(text.split("\n")[0]).toBe("リテンション率と離反率（直近3期間）");
    expect(text).toContain("リテンション率: 最新 84%（2026年10月25日） · 前期比 +4pt（2026年8月30日との比較）");
  });

  it("says there is no trend yet instead of an empty chart", () => {
    const { blocks, text } = kpiTrendBlocks(en, "en", [TREND[1]!]);
    expect(blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text } }]);
    expect(text).toMatch(/^No retention trend yet/);
  });

  it("keeps the newest 20 of 52 weekly periods on the chart and reports the cut", () => {
    const weeks = Array.from({ length: 52 }, (_, i) => {
      const from = new Date(Date.UTC(2025, 10, 3 + 7 * i)).toISOString().slice(0, 10);
      const to = new Date(Date.UTC(2025, 10, 10 + 7 * i)).toISOString().slice(0, 10);
      return period(from, to, { activeAtStart: 100, retained: 50 + (i % 40) });
    });
    const visual = kpiTrendBlocks(en, "en", weeks);
    const chart = visual.blocks[0] as DataVisualizationBlock;
    expect(chart.chart.axis_config.categories).toHaveLength(DATA_VISUALIZATION_LIMITS.pointsPerSeriesMax);
    expect(chart.chart.axis_config.categories.at(-1)).toBe("Nov 1, 2026"); // last week: 2026-10-26 .. 2026-11-01
    expect(visual.truncated).toEqual({ shownSeries: 2, totalSeries: 2, shownPoints: 20, totalPoints: 52 });
  });
});

describe("kpiChangeTableBlocks", () => {
  it("lays out every headline KPI with the /kpi formatting of value and change", () => {
    const { blocks, text } = kpiChangeTableBlocks(en, "en", REPORT);
    expect(blocks[0]).toEqual({ type: "section", text: { type: "plain_text", text: "KPIs Sep 28, 2026 – Oct 25, 2026, change against the period before", emoji: false } });
    const table = blocks[1] as TableBlock;
    const rows = table.rows.map((r) => r.map((c) => c.text));
    expect(rows[0]).toEqual(["KPI", "Value", "Change"]);
    expect(rows[1]).toEqual(["Retention", "84%", "↑ +4 pt"]);
    expect(rows[2]).toEqual(["Churn", "16%", "↓ -4 pt"]);
    expect(rows[3]).toEqual(["Active customers", "260", "↑ +70"]);
    expect(rows.find((r) => r[0] === "Revenue")).toEqual(["Revenue", "12,345.50", "↑ +2,345.50"]);
    expect(rows.find((r) => r[0] === "CSAT")).toEqual(["CSAT", "no data", "–"]);
    expect(table.rows).toHaveLength(15);
    expect(text).toContain("Retention | 84% | ↑ +4 pt");
  });

  it("says there is no data for an empty period", () => {
    const empty = { ...REPORT, ...period("2026-09-28", "2026-10-26", {}) };
    expect(kpiChangeTableBlocks(ja, "ja", empty).text).toBe("この期間のKPIデータはありません。");
  });
});

function cohorts(count: number, periods: number, lastMonth = { y: 2026, m: 10 }): CohortReport {
  const rows = Array.from({ length: count }, (_, i) => {
    const index = lastMonth.y * 12 + (lastMonth.m - 1) - (count - 1 - i);
    const cohortMonth = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
    const active = Array.from({ length: Math.min(periods, count - i) }, (_, k) => 100 - k);
    return { cohortMonth, size: 100, active, shares: active.map((a) => a / 100) };
  });
  return { from: `${rows[0]!.cohortMonth}-01`, to: "2026-11-01", timeZone: "Asia/Tokyo", segment: null, cohorts: rows };
}

describe("cohortTableBlocks", () => {
  it("shows every cohort and month when they fit, with no cut notice", () => {
    const visual = cohortTableBlocks(en, "en", cohorts(3, 3));
    expect(visual.cut).toBeNull();
    expect(visual.blocks.map((b) => b.type)).toEqual(["section", "table"]);
    const table = visual.blocks[1] as TableBlock;
    expect(table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["Cohort", "Customers", "M0", "M1", "M2"],
      ["Aug 2026", "100", "100%", "99%", "98%"],
      ["Sep 2026", "100", "100%", "99%", "–"],
      ["Oct 2026", "100", "100%", "–", "–"],
    ]);
    expect(visual.text.split("\n")[0]).toBe("Customers still purchasing, by month acquired (Aug 2026 – Oct 2026, Asia/Tokyo)");
  });

  it("keeps the newest 99 of 130 cohorts and says how to see the older ones", () => {
    const visual = cohortTableBlocks(en, "en", cohorts(130, 3));
    expect(visual.cut).toEqual({ shownCohorts: 99, totalCohorts: 130, olderYear: 2018, shownPeriods: 3, totalPeriods: 3 });
    const table = visual.blocks[1] as TableBlock;
    expect(table.rows).toHaveLength(BLOCK_LIMITS.tableRows);
    expect(table.rows[1]![0]!.text).toBe("Aug 2018");
    const notice = "Showing the newest 99 of 130 cohorts; see `/kpi cohorts 2018` for older ones.";
    expect(visual.blocks[2]).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: notice }] });
    // The fallback text says what was cut first, then the rows (whole lines, within Slack's 4,000 characters).
    expect(visual.text.split("\n")[1]).toBe(notice);
    expect(visual.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.fallbackTextChars);
  });

  it("shows one year's cohorts and says which months after acquisition were cut", () => {
    const visual = cohortTableBlocks(ja, "ja", cohorts(34, 34), { year: 2024 });
    const table = visual.blocks[1] as TableBlock;
    expect(table.rows).toHaveLength(13);
    expect(table.rows[1]![0]!.text).toBe("2024年1月");
    expect(table.rows[0]).toHaveLength(BLOCK_LIMITS.tableCellsPerRow);
    expect(visual.cut).toMatchObject({ shownCohorts: 12, totalCohorts: 12, olderYear: null, shownPeriods: 18, totalPeriods: 34 });
    expect(visual.text).toContain("獲得後34か月のうち最初の18か月を表示しています。");
  });

  it("says so when the year has no cohorts", () => {
    expect(cohortTableBlocks(en, "en", cohorts(3, 3), { year: 2019 }).text).toBe("No customers were acquired in 2019.");
    expect(cohortTableBlocks(en, "en", { ...cohorts(1, 1), cohorts: [] }).text).toBe("No customers were acquired in these months.");
  });
});

describe("largest allowed payloads", () => {
  it("a message with the 20-point chart and a 99 x 20 cohort table stays within every limit", () => {
    const weeks = Array.from({ length: 20 }, (_, i) =>
      period(new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10), new Date(Date.UTC(2026, 0, 12 + 7 * i)).toISOString().slice(0, 10), {
        activeAtStart: 10,
        retained: 9,
      }),
    );
    const trend = kpiTrendBlocks(en, "en", weeks);
    const table = cohortTableBlocks(en, "en", cohorts(99, 18));
    expect(trend.truncated).toBeNull();
    expect(table.cut).toBeNull();
    const message = [...trend.blocks, ...table.blocks];
    expect(fitBlocks(message, { surface: "message" }).report).toBeNull();
    const rows = (table.blocks[1] as TableBlock).rows;
    expect(rows).toHaveLength(BLOCK_LIMITS.tableRows);
    expect(rows.every((r) => r.length === BLOCK_LIMITS.tableCellsPerRow)).toBe(true);
    const chart = trend.blocks[0] as DataVisualizationBlock;
    expect(chart.chart.series.every((s) => s.data.length === DATA_VISUALIZATION_LIMITS.pointsPerSeriesMax)).toBe(true);
    expect(chart.title.length).toBeLessThanOrEqual(DATA_VISUALIZATION_LIMITS.titleChars);
    expect((trend.text + table.text).length).toBeLessThanOrEqual(BLOCK_LIMITS.messageTextChars);
  });

  it("the longest trend title in both languages fits the chart title limit (52 periods)", () => {
    for (const t of [en, ja]) expect(t("visuals.trend.title", { count: 52 }).length).toBeLessThanOrEqual(DATA_VISUALIZATION_LIMITS.titleChars);
  });
});

describe("parseCohortYear", () => {
  it("finds the year anywhere among the words and leaves the segment", () => {
    expect(parseCohortYear("2025", 2026)).toEqual({ year: 2025, from: "2025-01-01", segment: "" });
    expect(parseCohortYear("  enterprise  2024 ", 2026)).toEqual({ year: 2024, from: "2024-01-01", segment: "enterprise" });
    expect(parseCohortYear("2023 mid market", 2026)).toEqual({ year: 2023, from: "2023-01-01", segment: "mid market" });
  });

  it("treats future years, short numbers and no words as no year", () => {
    expect(parseCohortYear("2027", 2026)).toEqual({ year: null, from: null, segment: "2027" });
    expect(parseCohortYear("smb 25", 2026)).toEqual({ year: null, from: null, segment: "smb 25" });
    expect(parseCohortYear("", 2026)).toEqual({ year: null, from: null, segment: "" });
    expect(parseCohortYear("1969", 2026)).toEqual({ year: null, from: null, segment: "1969" });
  });
});
