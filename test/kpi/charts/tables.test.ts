import { describe, expect, it } from "vitest";
import { BLOCK_LIMITS, fitBlocks } from "../../../src/views/block-limits.js";
import type { TableBlock } from "../../../src/views/kpi/charts/block-types.js";
import { buildCohortTable, type Cohort, type CohortTableLabels } from "../../../src/views/kpi/charts/build-cohort-table.js";
import { buildKpiTable } from "../../../src/views/kpi/charts/build-kpi-table.js";
import { buildTable, type TableColumn, type TableResult } from "../../../src/views/kpi/charts/build-table.js";

function tableOf(result: TableResult): TableBlock {
  const table = result.blocks.find((b): b is TableBlock => b.type === "table");
  if (!table) throw new Error("no table block");
  return table;
}

function expectWithinTableLimits(result: TableResult): void {
  const table = tableOf(result);
  expect(result.blocks.filter((b) => b.type === "table")).toHaveLength(1);
  expect(table.rows.length).toBeLessThanOrEqual(BLOCK_LIMITS.tableRows);
  expect(table.column_settings?.length ?? 0).toBeLessThanOrEqual(BLOCK_LIMITS.tableColumnSettings);
  const width = table.rows[0]?.length;
  for (const row of table.rows) {
    expect(row.length).toBeLessThanOrEqual(BLOCK_LIMITS.tableCellsPerRow);
    expect(row.length).toBe(width);
    for (const cell of row) {
      expect(cell.type).toBe("raw_text");
      expect(cell.text.length).toBeGreaterThan(0);
      expect(cell.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.tableCellChars);
    }
  }
  for (const block of result.blocks) {
    if (block.type === "section") expect(block.text.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.sectionTextChars);
  }
  expect(result.fallbackText.length).toBeLessThanOrEqual(BLOCK_LIMITS.messageTextChars);
  expect(fitBlocks(result.blocks, { surface: "message" }).report).toBeNull();
}

const columns = (n: number): TableColumn[] => Array.from({ length: n }, (_, i) => ({ header: `C${i}`, align: i === 0 ? "left" : "right" }));
const grid = (rows: number, cols: number, cell = (r: number, c: number) => `${r}:${c}`): string[][] =>
  Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => cell(r, c)));

describe("buildTable", () => {
  it("holds the largest allowed table: 99 data rows, 20 columns, 2000-char cells", () => {
    const result = buildTable({ columns: columns(20), rows: grid(99, 20, () => "w".repeat(2000)), caption: "c".repeat(3000) });
    expectWithinTableLimits(result);
    expect(tableOf(result).rows).toHaveLength(100);
    expect(result.truncated).toBeNull();
    expect(result.textCuts.filter((c) => c.field !== "fallbackText")).toEqual([]);
  });

  it("cuts rows and columns past the limits and reports what it showed", () => {
    const result = buildTable({ columns: columns(25), rows: grid(250, 25), caption: "Accounts" });
    expectWithinTableLimits(result);
    expect(result.truncated).toEqual({ shownRows: 99, totalRows: 250, shownColumns: 20, totalColumns: 25 });
    const table = tableOf(result);
    expect(table.rows[1]?.[0]?.text).toBe("0:0");
    expect(table.rows[99]?.[19]?.text).toBe("98:19");
  });

  it("keeps the last rows when asked", () => {
    const result = buildTable({ columns: columns(1), rows: grid(120, 1), caption: "", keep: "last" });
    expect(result.blocks).toHaveLength(1);
    expect(tableOf(result).rows[1]?.[0]?.text).toBe("21:0");
    expect(result.truncated).toMatchObject({ shownRows: 99, totalRows: 120 });
  });

  it("fills empty and missing cells, sets alignment, and writes the rows into the fallback", () => {
    const result = buildTable({
      columns: [
        { header: "Account", align: "left" },
        { header: "ARR", align: "right", wrap: true },
      ],
      rows: [["Acme", ""], ["Globex"]],
      caption: "Top accounts",
    });
    const table = tableOf(result);
    expect(table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["Account", "ARR"],
      ["Acme", "–"],
      ["Globex", "–"],
    ]);
    expect(table.column_settings).toEqual([{ align: "left" }, { align: "right", is_wrapped: true }]);
    expect(result.fallbackText).toBe("Top accounts\nAccount | ARR\nAcme | –\nGlobex | –");
    expect(result.blocks[0]).toEqual({ type: "section", text: { type: "plain_text", text: "Top accounts", emoji: false } });
  });

  it("cuts an over-long cell and caption and says so", () => {
    const result = buildTable({ columns: columns(1), rows: [["z".repeat(2500)]], caption: "c".repeat(3100) });
    expectWithinTableLimits(result);
    expect(result.textCuts.map((c) => c.field)).toEqual(["table.rows[0][0]", "caption"]);
  });
});

const EN_COHORT: CohortTableLabels = { cohort: "Cohort", size: "Customers", period: (i) => `M${i}` };
const JA_COHORT: CohortTableLabels = { cohort: "コホート", size: "顧客数", period: (i) => `${i}か月後` };

function cohorts(count: number, periods: number): Cohort[] {
  return Array.from({ length: count }, (_, i) => ({
    cohortMonth: `${2010 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
    size: 1000 + i,
    shares: Array.from({ length: periods }, (_, p) => (p < count - i ? 1 - p * 0.025 : null)),
  }));
}

describe("buildCohortTable", () => {
  it("holds the largest allowed triangle: 99 cohorts, 18 periods", () => {
    const result = buildCohortTable({ cohorts: cohorts(99, 18), locale: "en", labels: EN_COHORT, caption: "Retention by cohort" });
    expectWithinTableLimits(result);
    expect(result.truncated).toBeNull();
    expect(result.shownPeriods).toBe(18);
    expect(
      tableOf(result)
        .rows[0]?.map((c) => c.text)
        .slice(0, 4),
    ).toEqual(["Cohort", "Customers", "M0", "M1"]);
  });

  it("keeps the newest cohorts and first 18 periods when there are more, and reports the cut", () => {
    const input = cohorts(120, 24).reverse(); // order of input does not matter
    const result = buildCohortTable({ cohorts: input, locale: "en", labels: EN_COHORT, caption: "" });
    expectWithinTableLimits(result);
    expect(result.truncated).toEqual({ shownRows: 99, totalRows: 120, shownColumns: 20, totalColumns: 26 });
    expect(result.shownPeriods).toBe(18);
    expect(result.totalPeriods).toBe(24);
    const rows = tableOf(result).rows;
    expect(rows[1]?.[0]?.text).toBe("Oct 2011"); // cohort #21 (0-based), the oldest kept
    expect(rows[99]?.[0]?.text).toBe("Dec 2019"); // the newest
  });

  it("formats months, sizes and shares for the locale and leaves unknown shares blank", () => {
    const input: Cohort[] = [{ cohortMonth: "2024-01", size: 12345, shares: [1, 0.125, null] }];
    const en = tableOf(buildCohortTable({ cohorts: input, locale: "en", labels: EN_COHORT, caption: "" }));
    expect(en.rows[1]?.map((c) => c.text)).toEqual(["Jan 2024", "12,345", "100%", "12.5%", "–"]);
    const ja = tableOf(buildCohortTable({ cohorts: input, locale: "ja", labels: JA_COHORT, caption: "" }));
    expect(ja.rows[0]?.map((c) => c.text)).toEqual(["コホート", "顧客数", "0か月後", "1か月後", "2か月後"]);
    expect(ja.rows[1]?.map((c) => c.text)).toEqual(["2024年1月", "12,345", "100%", "12.5%", "–"]);
  });

  it("rejects a malformed cohort month", () => {
    const input: Cohort[] = [{ cohortMonth: "2024-13", size: 1, shares: [] }];
    expect(() => buildCohortTable({ cohorts: input, locale: "en", labels: EN_COHORT, caption: "" })).toThrow(RangeError);
  });
});

describe("buildKpiTable", () => {
  const labels = { metric: "指標", value: "値", change: "前期比" };

  it("holds 99 KPIs and cuts the 100th onward with a report", () => {
    const kpis = Array.from({ length: 150 }, (_, i) => ({ label: `KPI ${i}`, value: `${i}%`, change: i % 2 ? "+1pt" : null }));
    const full = buildKpiTable({ kpis: kpis.slice(0, 99), labels, caption: "今週のKPI" });
    expectWithinTableLimits(full);
    expect(full.truncated).toBeNull();
    const cut = buildKpiTable({ kpis, labels, caption: "今週のKPI" });
    expectWithinTableLimits(cut);
    expect(cut.truncated).toMatchObject({ shownRows: 99, totalRows: 150 });
  });

  it("lays out translated headers, values and a blank for a missing change", () => {
    const result = buildKpiTable({
      kpis: [
        { label: "継続率", value: "82.5%", change: "+1.2ポイント" },
        { label: "解約数", value: "12", change: null },
      ],
      labels,
      caption: "今週のKPI",
    });
    const table = tableOf(result);
    expect(table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["指標", "値", "前期比"],
      ["継続率", "82.5%", "+1.2ポイント"],
      ["解約数", "12", "–"],
    ]);
    expect(table.column_settings).toEqual([{ align: "left" }, { align: "right" }, { align: "right" }]);
  });
});
