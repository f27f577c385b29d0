import { describe, expect, it } from "vitest";
import { BLOCK_LIMITS, fitBlocks, truncateText, type FitReport } from "../../../src/views/block-limits.js";

interface TestBlock {
  type: string;
  n?: number;
}

const sections = (count: number): TestBlock[] => Array.from({ length: count }, (_, n) => ({ type: "section", n }));

describe("truncateText", () => {
  it("returns text within the limit unchanged and reports no cut", () => {
    expect(truncateText("a".repeat(150), BLOCK_LIMITS.headerTextChars)).toEqual({ text: "a".repeat(150), cut: null });
  });

  it("cuts to the limit with an ellipsis and reports lengths", () => {
    const result = truncateText("x".repeat(151), 150, "header");
    expect(result.text).toBe(`${"x".repeat(149)}…`);
    expect(result.cut).toEqual({ field: "header", limit: 150, originalLength: 151, keptLength: 150 });
  });

  it("never splits an emoji sequence or a surrogate pair", () => {
    const family = "👨‍👩‍👧"; // 8 UTF-16 units, one grapheme
    const result = truncateText(`ab${family}${family}`, 12);
    expect(result.text).toBe(`ab${family}…`);
    expect(result.text.length).toBeLessThanOrEqual(12);
    expect(truncateText("𠮟".repeat(10), 6).text).toBe("𠮟𠮟…");
  });

  it("cuts Japanese text by characters", () => {
    expect(truncateText("月次継続率の推移", 5).text).toBe("月次継続…");
  });

  it("rejects a limit below 1", () => {
    expect(() => truncateText("abc", 0)).toThrow(RangeError);
  });
});

describe("fitBlocks", () => {
  it("keeps a message of exactly 50 blocks whole", () => {
    const fitted = fitBlocks(sections(50), { surface: "message" });
    expect(fitted.blocks).toHaveLength(50);
    expect(fitted.report).toBeNull();
  });

  it("drops blocks past 50 in a message and reports how many", () => {
    const fitted = fitBlocks(sections(60), { surface: "message" });
    expect(fitted.blocks).toHaveLength(50);
    expect(fitted.blocks.at(-1)?.n).toBe(49);
    expect(fitted.report).toMatchObject({ droppedBlocks: 10, overBlockLimit: 10 });
  });

  it("puts the caller notice in the last slot so the count still fits", () => {
    const notice = (report: FitReport): TestBlock => ({ type: "context", n: report.droppedBlocks });
    const fitted = fitBlocks(sections(60), { surface: "message", overflowNotice: notice });
    expect(fitted.blocks).toHaveLength(50);
    expect(fitted.blocks.at(-1)).toEqual({ type: "context", n: 11 });
  });

  it("allows 100 blocks in modals and Home tabs", () => {
    expect(fitBlocks(sections(100), { surface: "modal" }).report).toBeNull();
    expect(fitBlocks(sections(101), { surface: "home" }).blocks).toHaveLength(100);
  });

  it("keeps one table and two charts per message", () => {
    const blocks = [
      { type: "table", n: 1 },
      { type: "data_visualization", n: 2 },
      { type: "table", n: 3 },
      { type: "data_visualization", n: 4 },
      { type: "data_visualization", n: 5 },
    ];
    const fitted = fitBlocks(blocks, { surface: "message" });
    expect(fitted.blocks.map((b) => b.n)).toEqual([1, 2, 4]);
    expect(fitted.report).toMatchObject({ droppedBlocks: 2, extraTables: 1, extraCharts: 1 });
  });

  it("drops charts outside messages", () => {
    const fitted = fitBlocks([{ type: "section" }, { type: "data_visualization" }], { surface: "modal" });
    expect(fitted.blocks).toEqual([{ type: "section" }]);
    expect(fitted.report).toMatchObject({ droppedBlocks: 1, chartsOffSurface: 1 });
  });

  it("makes room for the notice when a full message loses a block by type", () => {
    const blocks = [...sections(49), { type: "table" }, { type: "table" }];
    const notice = (): TestBlock => ({ type: "context" });
    const fitted = fitBlocks(blocks, { surface: "message", overflowNotice: notice });
    expect(fitted.blocks).toHaveLength(50);
    expect(fitted.blocks.at(-1)).toEqual({ type: "context" });
    expect(fitted.report).toMatchObject({ extraTables: 1, overBlockLimit: 1, droppedBlocks: 2 });
  });
});
