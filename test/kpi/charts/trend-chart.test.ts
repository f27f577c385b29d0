import { describe, expect, it } from "vitest";
import { BLOCK_LIMITS, DATA_VISUALIZATION_LIMITS as LIMITS, fitBlocks } from "../../../src/views/block-limits.js";
import type { DataVisualizationBlock } from "../../../src/views/kpi/charts/block-types.js";
import { buildTrendChart, type TrendChartInput } from "../../../src/views/kpi/charts/build-trend-chart.js";
import type { TrendSeries, TrendSummaryLabels } from "../../../src/views/kpi/charts/trend-summary.js";

const EN: TrendSummaryLabels = { latest: "Latest", change: "Change", versus: (label) => ` vs ${label}`, at: (label) => ` (${label})`, min: "Min", max: "Max", percentPoint: "pt" };
const JA: TrendSummaryLabels = {
  latest: "最新",
  change: "前期比",
  versus: (label) => `（${label}との比較）`,
  at: (label) => `（${label}）`,
  min: "最小",
  max: "最大",
  percentPoint: "pt",
};

const month = (i: number): string => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;

function series(count: number, points: number, name = (i: number) => `Plan ${i}`): TrendSeries[] {
  return Array.from({ length: count }, (_, s) => ({
    name: name(s),
    points: Array.from({ length: points }, (_, p) => ({ label: month(p), value: 0.5 + ((s * 7 + p * 3) % 40) / 100 })),
  }));
}

function expectWithinChartLimits(block: DataVisualizationBlock): void {
  expect(block.type).toBe("data_visualization");
  expect(block.title.length).toBeLessThanOrEqual(LIMITS.titleChars);
  const { series: chartSeries, axis_config: axis } = block.chart;
  expect(chartSeries.length).toBeGreaterThanOrEqual(LIMITS.seriesMin);
  expect(chartSeries.length).toBeLessThanOrEqual(LIMITS.seriesMax);
  expect(new Set(chartSeries.map((s) => s.name)).size).toBe(chartSeries.length);
  expect(axis.categories.length).toBeLessThanOrEqual(LIMITS.pointsPerSeriesMax);
  expect(new Set(axis.categories).size).toBe(axis.categories.length);
  for (const c of axis.categories) expect(c.length).toBeLessThanOrEqual(LIMITS.categoryLabelChars);
  for (const label of [axis.x_label, axis.y_label]) expect((label ?? "").length).toBeLessThanOrEqual(LIMITS.axisLabelChars);
  for (const s of chartSeries) {
    expect(s.name.length).toBeLessThanOrEqual(LIMITS.seriesNameChars);
    expect(s.data.map((p) => p.label)).toEqual(axis.categories);
    for (const p of s.data) expect(Number.isFinite(p.value)).toBe(true);
  }
}

const base = (over: Partial<TrendChartInput>): TrendChartInput => ({
  title: "Monthly retention",
  series: series(1, 4),
  kind: "line",
  valueFormat: "percent",
  locale: "en",
  labels: EN,
  ...over,
});

describe("buildTrendChart", () => {
  it("builds the largest allowed chart without cutting anything", () => {
    const title = "T".repeat(LIMITS.titleChars);
    const input = base({
      title,
      series: series(LIMITS.seriesMax, LIMITS.pointsPerSeriesMax, (i) => `${i}${"n".repeat(LIMITS.seriesNameChars - 1)}`),
      axisLabels: { x: "x".repeat(LIMITS.axisLabelChars), y: "y".repeat(LIMITS.axisLabelChars) },
    });
    const result = buildTrendChart(input);
    const [chart, context] = result.blocks;
    expectWithinChartLimits(chart);
    expect(chart.title).toBe(title);
    expect(chart.chart.series).toHaveLength(6);
    expect(chart.chart.axis_config.categories).toHaveLength(20);
    expect(result.truncated).toBeNull();
    expect(result.textCuts).toEqual([]);
    expect(context.elements).toHaveLength(1);
    expect(context.elements[0]?.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.contextTextChars);
    expect(result.fallbackText.length).toBeLessThanOrEqual(BLOCK_LIMITS.messageTextChars);
    expect(fitBlocks(result.blocks, { surface: "message" }).report).toBeNull();
  });

  it("cuts series, points and title past the limits and reports it", () => {
    const input = base({ title: "R".repeat(80), series: series(8, 30) });
    const result = buildTrendChart(input);
    const [chart] = result.blocks;
    expectWithinChartLimits(chart);
    expect(result.truncated).toEqual({ shownSeries: 6, totalSeries: 8, shownPoints: 20, totalPoints: 30 });
    // The newest points stay.
    expect(chart.chart.axis_config.categories).toEqual(Array.from({ length: 20 }, (_, i) => month(i + 10)));
    expect(chart.title).toBe(`${"R".repeat(49)}…`);
    expect(result.textCuts).toContainEqual({ field: "chart.title", limit: 50, originalLength: 80, keptLength: 50 });
    // Series left off the chart are still in the text.
    expect(result.fallbackText).toContain("Plan 7: Latest");
    expect(result.fallbackText.startsWith("R".repeat(80))).toBe(true);
  });

  it("states latest, change, min and max in the fallback (en, percent)", () => {
    const points = [0.8, 0.82, 0.79, 0.85].map((value, i) => ({ label: month(i), value }));
    const result = buildTrendChart(base({ series: [{ name: "All", points }] }));
    expect(result.fallbackText).toBe("Monthly retention\nAll: Latest 85% (2020-04) · Change +6pt vs 2020-03 · Min 79% (2020-03) · Max 85% (2020-04)");
    expect(result.blocks[1].elements[0]?.text).toBe("All: Latest 85% (2020-04) · Change +6pt vs 2020-03 · Min 79% (2020-03) · Max 85% (2020-04)");
    // The chart gets 0-100 numbers and a "%" axis, since it has no percent format.
    expect(result.blocks[0].chart.series[0]?.data.map((p) => p.value)).toEqual([80, 82, 79, 85]);
    expect(result.blocks[0].chart.axis_config.y_label).toBe("%");
  });

  it("states the key numbers in Japanese with yen (ja, currency)", () => {
    const points = [1000, 900, 1200].map((value, i) => ({ label: `${i + 1}月`, value }));
    const result = buildTrendChart(base({ title: "月次売上", series: [{ name: "全体", points }], kind: "bar", valueFormat: "currency", locale: "ja", labels: JA }));
    expect(result.fallbackText).toBe("月次売上\n全体: 最新 ￥1,200（3月） · 前期比 +￥300（+33.3%）（2月との比較） · 最小 ￥900（2月） · 最大 ￥1,200（3月）");
    expect(result.blocks[0].chart.type).toBe("bar");
    expect(result.blocks[0].chart.axis_config.y_label).toBe("JPY");
  });

  it("uses percentage points for ja percent changes", () => {
    const points = [0.9, 0.875].map((value, i) => ({ label: month(i), value }));
    const result = buildTrendChart(base({ series: [{ name: "継続率", points }], locale: "ja", labels: JA }));
    expect(result.fallbackText).toContain("継続率: 最新 87.5%（2020-02） · 前期比 -2.5pt（2020-01との比較） · 最小 87.5%（2020-02） · 最大 90%（2020-01）");
  });

  it("keeps cut labels unique, since points are matched to categories by label", () => {
    const points = ["Enterprise customers A", "Enterprise customers B"].map((label, i) => ({ label, value: i }));
    const result = buildTrendChart(base({ series: [{ name: "n", points }], valueFormat: "number" }));
    const categories = result.blocks[0].chart.axis_config.categories;
    expectWithinChartLimits(result.blocks[0]);
    expect(categories).toEqual(["Enterprise customer…", "Enterprise custom…#2"]);
    expect(result.textCuts.filter((c) => c.field.startsWith("chart.categories"))).toHaveLength(2);
  });

  it("rejects series whose labels differ, and empty input", () => {
    const a = { name: "a", points: [{ label: "Jan", value: 1 }] };
    const b = { name: "b", points: [{ label: "Feb", value: 1 }] };
    expect(() => buildTrendChart(base({ series: [a, b] }))).toThrow(RangeError);
    expect(() => buildTrendChart(base({ series: [] }))).toThrow(RangeError);
  });
});
