/**
 * What charts cost per message: building a KPI table (baseline), building the native trend chart
 * blocks, and rendering the trend PNG. Prints each as a ratio to the baseline, measured in this process.
 * Run: npx tsx bench/chart-render.ts
 */
import { pathToFileURL } from "node:url";
import { renderTrendPng } from "../src/views/kpi/png/render-trend-png.js";
import { buildKpiTable } from "../src/views/kpi/charts/build-kpi-table.js";
import { buildTrendChart } from "../src/views/kpi/charts/build-trend-chart.js";
import type { TrendSeries, TrendSummaryLabels } from "../src/views/kpi/charts/trend-summary.js";

const LABELS: TrendSummaryLabels = {
  latest: "最新",
  change: "前期比",
  versus: (label) => `（${label}との比較）`,
  at: (label) => `（${label}）`,
  min: "最小",
  max: "最大",
  percentPoint: "pt",
};

const SERIES: TrendSeries[] = Array.from({ length: 6 }, (_, s) => ({
  name: `プラン${s + 1}`,
  points: Array.from({ length: 20 }, (_, p) => ({ label: `2024-${String((p % 12) + 1).padStart(2, "0")}/${p}`, value: 0.6 + ((s * 5 + p * 3) % 30) / 100 })),
}));

const KPIS = Array.from({ length: 12 }, (_, i) => ({ label: `KPI ${i + 1}`, value: `${80 + i}.5%`, change: i % 3 ? `+${i}.0pt` : null }));

interface Timing {
  name: string;
  perRunMs: number;
}

async function time(name: string, runs: number, work: () => unknown): Promise<Timing> {
  for (let i = 0; i < Math.min(runs, 5); i += 1) await work(); // warm up JIT, caches and the font
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i += 1) await work();
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  return { name, perRunMs: elapsedMs / runs };
}

/** Run the three measurements and print a table of per-run times and ratios to the baseline. */
export async function main(): Promise<Timing[]> {
  const baseline = await time("KPI table blocks (baseline)", 2000, () =>
    buildKpiTable({ kpis: KPIS, labels: { metric: "指標", value: "値", change: "前期比" }, caption: "今週のKPI" }),
  );
  const chart = await time("trend chart blocks (6 series x 20 points)", 2000, () =>
    buildTrendChart({ title: "月次継続率", series: SERIES, kind: "line", valueFormat: "percent", locale: "ja", labels: LABELS }),
  );
  const png = await time("trend PNG 800x400 (Vega -> SVG -> resvg)", 20, () =>
    renderTrendPng({ title: "月次継続率", series: SERIES, valueFormat: "percent", locale: "ja", labels: LABELS, width: 800, height: 400 }),
  );
  const timings = [baseline, chart, png];
  for (const t of timings) {
    console.log(`${t.name.padEnd(44)} ${t.perRunMs.toFixed(3).padStart(10)} ms/run  ${(t.perRunMs / baseline.perRunMs).toFixed(1).padStart(8)}x baseline`);
  }
  return timings;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
