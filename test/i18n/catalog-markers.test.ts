import { describe, expect, it } from "vitest";
import type { Locale } from "../../src/config.js";
import { catalogTexts } from "../helpers/catalog-texts.js";
import { markerProblems } from "../helpers/mrkdwn-markers.js";

describe("the mrkdwn marker check", () => {
  it("accepts markers bordered by spaces, line edges, ASCII punctuation, and skips code, entities, emoji and identifiers", () => {
    for (const ok of [
      "*太字* です",
      "「 *件名* 」を保存しました",
      "*3* 人",
      "_(任意)_",
      "(*bold*), ~gone~.",
      "`*literal*`は対象外",
      "<https://example.com/a_b_c|リンク>を参照",
      ":double_vertical_bar: 一時停止中",
      "INGEST_TEAM_ID を設定",
      "a * b",
      "*History*\nFirst purchase",
    ]) {
      expect(markerProblems(ok), ok).toEqual([]);
    }
  });

  it("finds markers that touch Japanese text and markers without a partner", () => {
    expect(markerProblems("ストーリー「*件名*」が5ポイント").map((p) => p.reason)).toEqual(["touches-text", "touches-text"]);
    expect(markerProblems("顧客 *3*人").map((p) => p.marker)).toEqual(["*"]);
    expect(markerProblems("前回は_失敗_でした")).toHaveLength(2);
    expect(markerProblems("*開いたまま")).toEqual([{ marker: "*", near: "*開いたまま", reason: "unpaired" }]);
  });
});

describe("every catalog message renders its emphasis in Slack", () => {
  for (const locale of ["en", "ja"] as Locale[]) {
    it(`${locale}: no marker touches text`, () => {
      const failures: string[] = [];
      for (const { key, texts } of catalogTexts(locale)) {
        for (const text of texts) for (const p of markerProblems(text)) failures.push(`${key}: ${p.reason} ${p.marker} in “${p.near}”`);
      }
      expect(failures).toEqual([]);
    });
  }
});
