// The KPI visuals fed by the real KPI services over a seeded store: what /kpi and the digest will show.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../../src/i18n/index.js";
import { computeCohorts } from "../../../src/services/kpi/compute-cohorts.js";
import { computeKpiTrend } from "../../../src/services/kpi/compute-kpi-trend.js";
import { computeKpis } from "../../../src/services/kpi/compute-kpis.js";
import type { DataVisualizationBlock, TableBlock } from "../../../src/views/kpi/charts/block-types.js";
import { cohortTableBlocks, kpiChangeTableBlocks, kpiTrendBlocks, parseCohortYear } from "../../../src/views/kpi/index.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../../helpers/store.js";
import { insertCustomers } from "../fixtures.js";

const en = translator("en");
const cells = (b: unknown) => (b as TableBlock).rows.map((r) => r.map((c) => c.text));

describe.each(storeKinds())("KPI visuals from the KPI services on %s", (kind) => {
  let store: TestStore;
  const teamId = newTeamId();

  beforeAll(async () => {
    store = await createTestStore(kind);
    // Activity window 90 days (default), UTC. Period boundaries: 08-10, 09-07, 10-05, 11-02.
    // A, B, C, D buy on 08-01 (active at 08-10, 09-07 and 10-05); D churns on 09-01; only A buys again (10-10).
    await insertCustomers(store.db, teamId, [
      {
        ext: "A",
        purchases: [
          ["2026-08-01T10:00:00Z", "10.00"],
          ["2026-10-10T10:00:00Z", "30.00"],
        ],
      },
      { ext: "B", purchases: [["2026-08-01T10:00:00Z", "10.00"]] },
      { ext: "C", purchases: [["2026-08-01T10:00:00Z", "10.00"]] },
      { ext: "D", churnedAt: "2026-09-01T00:00:00Z", purchases: [["2026-08-01T10:00:00Z", "10.00"]] },
      { ext: "E", purchases: [["2025-12-15T10:00:00Z", "5.00"]] },
    ]);
  }, 60_000);
  afterAll(async () => store?.close());

  it("charts the retention and churn computeKpiTrend returns", async () => {
    const trend = await computeKpiTrend({ db: store.db, teamId, to: "2026-11-02", periods: 3 });
    const { blocks, text } = kpiTrendBlocks(en, "en", trend);
    const chart = blocks[0] as DataVisualizationBlock;
    expect(chart.chart.axis_config.categories).toEqual(["Sep 6, 2026", "Oct 4, 2026", "Nov 1, 2026"]);
    // 3 of 4 (D churned), 3 of 3, 1 of 3 (only A bought within 90 days of 11-02).
    expect(chart.chart.series.map((s) => s.data.map((d) => d.value))).toEqual([
      [75, 100, 33.33],
      [25, 0, 66.67],
    ]);
    expect(text).toContain("Retention: Latest 33.3% (Nov 1, 2026) · Change -66.7pt vs Oct 4, 2026 · Min 33.3% (Nov 1, 2026) · Max 100% (Oct 4, 2026)");
  });

  it("tabulates computeKpis' report with its change", async () => {
    const report = await computeKpis({ db: store.db, teamId, from: "2026-10-05", to: "2026-11-02" });
    const rows = cells(kpiChangeTableBlocks(en, "en", report).blocks[1]);
    expect(rows[1]).toEqual(["Retention", "33.3%", "↓ -66.7 pt"]);
    expect(rows.find((r) => r[0] === "Revenue")).toEqual(["Revenue", "30.00", "↑ +30.00"]);
  });

  it("tabulates computeCohorts' triangle, and one year of it with /kpi cohorts <year>", async () => {
    const all = await computeCohorts({ db: store.db, teamId, from: "2026-08-01", to: "2026-11-02" });
    expect(cells(cohortTableBlocks(en, "en", all).blocks[1])).toEqual([
      ["Cohort", "Customers", "M0", "M1", "M2"],
      ["Aug 2026", "4", "100%", "0%", "25%"],
    ]);
    const args = parseCohortYear("2025", 2026);
    const since2025 = await computeCohorts({ db: store.db, teamId, from: args.from!, to: "2026-11-02" });
    const year = cohortTableBlocks(en, "en", since2025, { year: args.year });
    const rows = cells(year.blocks[1]);
    expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual([["Dec 2025", "1", "100%", "0%"]]);
    expect(rows[0]).toHaveLength(2 + 11); // Dec 2025 .. Oct 2026
    expect(year.cut).toBeNull();
  });
});
