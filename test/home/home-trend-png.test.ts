// The App Home trend image, rendered from a fixture and compared with a stored reference PNG.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { differingShare } from "../helpers/png.js";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { HOME_TREND_SIZE, renderHomeTrendPng } from "../../src/views/home/home-trend-image.js";
import { period } from "../kpi/visuals/fixtures.js";

// Regenerate with: UPDATE_REFERENCES=1 npx vitest run test/home/home-trend-png.test.ts
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "home");
const UPDATE = process.env.UPDATE_REFERENCES === "1";
// As in test/kpi/png: anti-aliasing may move with resvg/Vega patches; a different chart changes far more.
const MAX_DIFFERING_SHARE = 0.01;

/** 12 four-week periods ending 2026-11-08; retained of 1,000 active at each start (the 5th: nobody active). */
const RETAINED = [812, 805, 821, 830, null, 840, 835, 842, 850, 846, 858, 861];
const TREND = RETAINED.map((retained, i) => {
  const from = new Date(Date.UTC(2025, 11, 8 + 28 * i)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(2025, 11, 8 + 28 * (i + 1))).toISOString().slice(0, 10);
  return period(from, to, retained === null ? {} : { activeAtStart: 1000, retained });
});

describe("Home trend image", () => {
  it("renders the Japanese retention/churn trend like the reference image", async () => {
    const rendered = (await renderHomeTrendPng(translator("ja"), "ja", TREND))!;
    const actual = PNG.sync.read(rendered.png);
    expect([actual.width, actual.height]).toEqual([HOME_TREND_SIZE.width, HOME_TREND_SIZE.height]);
    const path = join(FIXTURES, "home-trend-ja.png");
    if (UPDATE) {
      mkdirSync(FIXTURES, { recursive: true });
      writeFileSync(path, rendered.png);
    }
    expect(existsSync(path), `missing ${path}; run with UPDATE_REFERENCES=1`).toBe(true);
    const expected = PNG.sync.read(readFileSync(path));
    expect(differingShare(actual, expected)).toBeLessThanOrEqual(MAX_DIFFERING_SHARE);
  });

  it("differs from the reference when the data changes (the comparison can fail)", async () => {
    const changed = TREND.map((p, i) => (i === 11 ? period(p.from, p.to, { activeAtStart: 1000, retained: 600 }) : p));
    const actual = PNG.sync.read((await renderHomeTrendPng(translator("ja"), "ja", changed))!.png);
    const expected = PNG.sync.read(readFileSync(join(FIXTURES, "home-trend-ja.png")));
    expect(differingShare(actual, expected)).toBeGreaterThan(MAX_DIFFERING_SHARE);
  });

  it("states the key numbers in the alt text", async () => {
    const ja = (await renderHomeTrendPng(translator("ja"), "ja", TREND))!;
    expect(ja.title).toBe("リテンション率と離反率（直近12期間）");
    expect(ja.altText).toBe(
      [
        "リテンション率と離反率（直近12期間）",
        "リテンション率: 最新 86.1%（2026年11月8日） · 前期比 +0.3pt（2026年10月11日との比較） · 最小 80.5%（2026年2月1日） · 最大 86.1%（2026年11月8日）",
        "離反率: 最新 13.9%（2026年11月8日） · 前期比 -0.3pt（2026年10月11日との比較） · 最小 13.9%（2026年11月8日） · 最大 19.5%（2026年2月1日）",
      ].join("\n"),
    );
    const en = (await renderHomeTrendPng(translator("en"), "en", TREND))!;
    expect(en.altText.split("\n")[1]).toBe("Retention: Latest 86.1% (Nov 8, 2026) · Change +0.3pt vs Oct 11, 2026 · Min 80.5% (Feb 1, 2026) · Max 86.1% (Nov 8, 2026)");
  });

  it("has nothing to draw when no period has a retention rate", async () => {
    expect(await renderHomeTrendPng(translator("en"), "en", [TREND[4]!])).toBeNull();
  });
});
