import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { differingShare } from "../../helpers/png.js";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { renderTrendPng, type RenderTrendInput } from "../../../src/views/kpi/png/render-trend-png.js";
import type { TrendSummaryLabels } from "../../../src/views/kpi/charts/trend-summary.js";

// Regenerate with: UPDATE_REFERENCES=1 npx vitest run test/kpi/png
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "fixtures", "kpi-png");
const UPDATE = process.env.UPDATE_REFERENCES === "1";
// Anti-aliasing may shift with resvg or Vega patch releases; a broken chart changes far more.
const MAX_DIFFERING_SHARE = 0.01;

const JA: TrendSummaryLabels = {
  latest: "最新",
  change: "前期比",
  versus: (label) => `（${label}との比較）`,
  at: (label) => `（${label}）`,
  min: "最小",
  max: "最大",
  percentPoint: "pt",
};
const EN: TrendSummaryLabels = { latest: "Latest", change: "Change", versus: (label) => ` vs ${label}`, at: (label) => ` (${label})`, min: "Min", max: "Max", percentPoint: "pt" };
const MONTHS = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"];
const ENTERPRISE = [0.812, 0.805, 0.821, 0.83, 0.826, 0.84, 0.835, 0.842, 0.85, 0.846, 0.858, 0.861];
const SMB = [0.72, 0.73, 0.71, 0.74, 0.75, 0.745, 0.76, 0.77, 0.765, 0.78, 0.79, 0.795];
const points = (values: number[]) => values.map((value, i) => ({ label: MONTHS[i] ?? "", value }));

const JA_RETENTION: RenderTrendInput = {
  title: "月次継続率の推移(エンタープライズ/SMB)",
  series: [
    { name: "エンタープライズ", points: points(ENTERPRISE) },
    { name: "SMB", points: points(SMB) },
  ],
  valueFormat: "percent",
  locale: "ja",
  labels: JA,
  width: 800,
  height: 400,
};

const EN_REVENUE: RenderTrendInput = {
  title: "Expansion revenue by quarter",
  series: [{ name: "Expansion", points: ["Q1", "Q2", "Q3", "Q4"].map((label, i) => ({ label, value: [12000, 15500, 14250, 18900][i] ?? 0 })) }],
  valueFormat: "currency",
  locale: "en",
  currency: "USD",
  labels: EN,
  width: 640,
  height: 360,
  kind: "bar",
};

async function expectMatchesReference(input: RenderTrendInput, name: string): Promise<PNG> {
  const { png } = await renderTrendPng(input);
  const actual = PNG.sync.read(png);
  expect([actual.width, actual.height]).toEqual([input.width, input.height]);
  const path = join(FIXTURES, name);
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) throw new Error(`missing reference ${path}; run with UPDATE_REFERENCES=1`);
    mkdirSync(FIXTURES, { recursive: true });
    writeFileSync(path, png);
    return actual;
  }
  const expected = PNG.sync.read(readFileSync(path));
  expect([expected.width, expected.height]).toEqual([actual.width, actual.height]);
  expect(differingShare(actual, expected)).toBeLessThanOrEqual(MAX_DIFFERING_SHARE);
  return actual;
}

describe("renderTrendPng", () => {
  it("renders the Japanese retention chart like the reference image", async () => {
    await expectMatchesReference(JA_RETENTION, "trend-ja-retention.png");
  });

  it("renders the English revenue bar chart like the reference image", async () => {
    await expectMatchesReference(EN_REVENUE, "trend-en-revenue-bar.png");
  });

  it("gives the same bytes for the same input (no system fonts, no clock)", async () => {
    const [a, b] = await Promise.all([renderTrendPng(EN_REVENUE), renderTrendPng(EN_REVENUE)]);
    expect(a.png.equals(b.png)).toBe(true);
  });

  it("fails the comparison when the chart changes", async () => {
    const reference = PNG.sync.read(readFileSync(join(FIXTURES, "trend-ja-retention.png")));
    const changed = { ...JA_RETENTION, series: [{ name: "SMB", points: points(SMB) }] };
    const actual = PNG.sync.read((await renderTrendPng(changed)).png);
    expect(differingShare(actual, reference)).toBeGreaterThan(MAX_DIFFERING_SHARE);
  });

  it("states the key numbers in the alt text", async () => {
    const ja = await renderTrendPng(JA_RETENTION);
    expect(ja.altText).toBe(
      [
        "月次継続率の推移(エンタープライズ/SMB)",
        "エンタープライズ: 最新 86.1%（2024-12） · 前期比 +0.3pt（2024-11との比較） · 最小 80.5%（2024-02） · 最大 86.1%（2024-12）",
        "SMB: 最新 79.5%（2024-12） · 前期比 +0.5pt（2024-11との比較） · 最小 71%（2024-03） · 最大 79.5%（2024-12）",
      ].join("\n"),
    );
    expect(ja.altTextCut).toBeNull();
    const en = await renderTrendPng(EN_REVENUE);
    expect(en.altText).toBe("Expansion revenue by quarter\nExpansion: Latest $18,900.00 (Q4) · Change +$4,650.00 (+32.6%) vs Q3 · Min $12,000.00 (Q1) · Max $18,900.00 (Q4)");
  });

  it("rejects sizes outside 100..4000 px", async () => {
    await expect(renderTrendPng({ ...EN_REVENUE, width: 50 })).rejects.toThrow(RangeError);
    await expect(renderTrendPng({ ...EN_REVENUE, height: 4001 })).rejects.toThrow(RangeError);
  });
});
