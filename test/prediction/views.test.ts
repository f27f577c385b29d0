import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import type { AtRiskSummary, FitOutcome, StoredFit } from "../../src/services/prediction/index.js";
import { atRiskDigestSection } from "../../src/views/prediction/digest-section.js";
import { refitMessage } from "../../src/views/prediction/refit.js";

const summary: AtRiskSummary = {
  current: { asOf: "2024-06-30", count: 1234, valueAtRisk: 98765.432 },
  previous: { asOf: "2024-06-23", count: 1250, valueAtRisk: 90000 },
  countChange: -16,
  valueChange: 8765.432,
  segment: null,
  fitId: "f1",
  failedSince: null,
};

const failedFit = { asOf: "2024-07-07", status: "did_not_converge", converged: false } as StoredFit;

describe("prediction views", () => {
  it("the digest's at-risk section shows count, value and the change from last week, in English and Japanese", () => {
    expect(atRiskDigestSection(translator("en"), summary, "people")).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "*At risk*\n*1,234* customers at risk (−16 from last week) · value at risk *98,765.43* (+8,765.43)" } },
    ]);
    expect(atRiskDigestSection(translator("ja"), summary, "people")).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "*離反リスク*\n離反リスクのある顧客 *1,234* 人（先週比 −16）・リスク金額 *98,765.43* （先週比 +8,765.43）" } },
    ]);
    // B2B workspaces count companies.
    expect(atRiskDigestSection(translator("ja"), summary, "companies")[0]).toMatchObject({
      text: { text: expect.stringContaining("離反リスクのある顧客 *1,234* 社（先週比 −16）") },
    });
  });

  it("the digest section says when there is no model, and reports a failed refit", () => {
    expect(atRiskDigestSection(translator("en"), null, "people")[0]).toMatchObject({
      text: { text: "*At risk*\nNo prediction model yet: the at-risk figures appear after the first weekly refit." },
    });
    const blocks = atRiskDigestSection(translator("en"), { ...summary, segment: "VIP", countChange: 0, failedSince: failedFit }, "people");
    expect(blocks[0]).toMatchObject({ text: { text: expect.stringContaining("*At risk* · VIP\n*1,234* customers at risk (±0 from last week)") } });
    expect(blocks[1]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: ":warning: The refit as of 2024-07-07 failed (the model did not converge); these figures use the previous fit, as of 2024-06-30." }],
    });
  });

  it("a refit that did not converge names the fit kept", () => {
    const outcome = { fit: { ...failedFit, customers: 2357, repeatCustomers: 946 }, inUse: { asOf: "2024-06-30" } } as FitOutcome;
    expect(refitMessage(translator("en"), outcome, "people").text).toBe(
      ":warning: The refit as of 2024-07-07 failed: the model did not converge (2,357 customers, 946 with repeat purchases).\nThe previous fit, as of 2024-06-30, is kept and still used.",
    );
  });
});
