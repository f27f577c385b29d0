// The glossary of docs/i18n.md where it is mechanical: words a Japanese retention team would not use (or that
// mean something else), casual forms, ambiguous dates, shortcut names the manifest does not show, and server
// commands in what business users see. Checked over every catalog entry and every built payload.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Locale } from "../../src/config.js";
import { catalogTexts, readableTexts } from "../helpers/catalog-texts.js";
import { adminPayloads, memberPayloads } from "./payloads.js";

/** Japanese that reads wrong, with what to write instead. */
const JA_WORDING: [RegExp, string][] = [
  [/チャネル/, "a Slack channel is チャンネル; a voice's source is 入手経路"],
  [/生存確率/, "P(alive) is 継続見込み"],
  [/くれ[てたるまな]/, "too casual: いただき (共有していただき、ありがとうございます)"],
  [/退職/, "an account that left Slack is ワークスペース退出済み, not a resignation"],
  [/分を遅れて/, "reads as minutes: 予定の配信を遅れて投稿"],
  [/解約/, "churn is 離反 (purchase-based; 解約 is a cancelled contract)"],
  [/インサイト/, "an insight is 顧客の声"],
  [/ループを閉じ/, "close the loop is 顧客への結果報告"],
  [/対応しない/, "won't do is 対応見送り"],
  [/(?:だよ|だね|よね|してね|じゃん|ちゃう|ちゃった)(?:[。！!？?]|$)/m, "casual ending: です・ます"],
  [/\d(?:\.\d+)?ポイント(?:低下|上昇|改善|悪化|増加|減少)/, "a change of a rate is pt; ポイント is a rating point"],
  [/[\u3040-\u30ff\u4e00-\u9fff][,.!?]/, "full-width punctuation after Japanese text: 、。！？"],
  [/[\uff61-\uff9f]/, "half-width katakana"],
  [/\([^()]*[\u3040-\u30ff\u4e00-\u9fff][^()]*\)/, "full-width brackets（）around Japanese text"],
  [/期待(?:購入|売上|リピート|顧客)/, "an expected figure is 予測〜 (予測購入回数, 予測売上)"],
  [/\d(?:,\d{3})*(?:人|社)/, "customers are counted by the workspace setting: pass the counter (customerCounter.*), never a fixed 人 or 社"],
];

/** A two-digit year such as 26/11/22 or 22.11.26: write 2026年11月22日 or 2026-11-22. */
const TWO_DIGIT_YEAR_DATE = /(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(?![\d/.-])/;

/** Catalog messages printed only by the command-line tools (src/cli/ and the terminal tables it prints). */
const CLI_KEY = /^(?:import|kpi\.cli|privacy\.erase)\./;
const CLI_FILES = /^(?:cli\/|views\/kpi\/kpi-text-table\.ts$)/;
/** Catalog messages shown only to Retention Desk admins; the code that uses them checks the role. */
const ADMIN_KEYS = new Set(["kpi.noData.admin", "homeTab.kpis.noData.admin", "kpi.help.workspace"]);

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
const appSources = sourceFiles("src")
  .filter((f) => !f.startsWith(join("src", "i18n")) && !f.startsWith(join("src", "generated")))
  .map((f) => ({ file: relative("src", f), text: readFileSync(f, "utf8") }));

describe("Japanese catalog wording follows the glossary", () => {
  // Rendered with a number for every parameter: the wording checked is the catalog's, not a sample name's.
  const ja = catalogTexts("ja", [12]);

  for (const [pattern, instead] of JA_WORDING) {
    it(`no ${pattern.source}: ${instead}`, () => {
      const found = ja.flatMap(({ key, texts }) => texts.filter((text) => pattern.test(text)).map((text) => `${key}: ${text.match(pattern)![0]} in “${text}”`));
      expect(found).toEqual([]);
    });
  }

  it("names each shortcut as the English-only manifest shows it, wherever the English message names it (*name*)", () => {
    const manifest = parse(readFileSync("manifest.yml", "utf8")) as { features: { shortcuts: { name: string }[] } };
    const shortcuts = manifest.features.shortcuts.map((s) => s.name);
    expect(shortcuts.length).toBeGreaterThan(0);
    const jaByKey = new Map(ja.map(({ key, texts }) => [key, texts.join("\n")]));
    const missing = catalogTexts("en").flatMap(({ key, texts }) =>
      shortcuts.filter((name) => texts.some((text) => text.includes(`*${name}*`)) && !jaByKey.get(key)!.includes(`*${name}*`)).map((name) => `${key}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it("the patterns catch what they are meant to catch", () => {
    const caught = (text: string) => JA_WORDING.filter(([p]) => p.test(text)).map(([, instead]) => instead);
    expect(caught("共有してくれてありがとう")).toHaveLength(1);
    expect(caught("入手経路: チャネル")).toHaveLength(1);
    expect(caught("山田 太郎（退職済み）")).toHaveLength(1);
    expect(caught("解約率が2ポイント低下")).toHaveLength(2);
    expect(caught("これで大丈夫だよ。")).toHaveLength(1);
    expect(caught("保存しました.")).toHaveLength(1);
    expect(caught("顧客 1,234人が対象")).toHaveLength(1);
    expect(caught("4件 (新規)")).toHaveLength(1);
    expect(caught("期待売上: 1,000円")).toHaveLength(1);
    expect(caught("共有していただき、ありがとうございます。離反率が2.0pt低下しました。")).toEqual([]);
  });
});

describe("dates are unambiguous", () => {
  it("the pattern finds two-digit years and leaves full dates alone", () => {
    for (const bad of ["26/11/22", "11/22/26", "22.11.26", "投稿日 26-11-22"]) expect(bad).toMatch(TWO_DIGIT_YEAR_DATE);
    for (const ok of ["2026/11/22", "2026-11-22", "2026年11月22日", "Nov 22, 2026", "09:00", "1–40", "v1.2"]) expect(ok).not.toMatch(TWO_DIGIT_YEAR_DATE);
  });

  for (const locale of ["en", "ja"] as Locale[]) {
    it(`${locale}: no catalog message writes a date with a two-digit year`, () => {
      const found = catalogTexts(locale).flatMap(({ key, texts }) => texts.filter((text) => TWO_DIGIT_YEAR_DATE.test(text)).map((text) => `${key}: ${text}`));
      expect(found).toEqual([]);
    });
  }

  it("no built payload shows a date with a two-digit year", () => {
    const found = Object.entries({ ...memberPayloads, ...adminPayloads }).flatMap(([name, payload]) =>
      readableTexts(payload)
        .filter((text) => TWO_DIGIT_YEAR_DATE.test(text))
        .map((text) => `${name}: ${text.match(TWO_DIGIT_YEAR_DATE)![0]} in “${text.slice(0, 120)}”`),
    );
    expect(found).toEqual([]);
  });
});

describe("business users are never told to run a server command", () => {
  const mentionsCommand = (text: string) => /npm run/.test(text);

  it("no payload a member can see names npm run", () => {
    const found = Object.entries(memberPayloads).flatMap(([name, payload]) =>
      readableTexts(payload)
        .filter(mentionsCommand)
        .map((text) => `${name}: ${text}`),
    );
    expect(found).toEqual([]);
  });

  it("the admin's variants do name the command (so the member check above has something to tell apart)", () => {
    expect(readableTexts(adminPayloads.kpiReportNoDataAdmin).some(mentionsCommand)).toBe(true);
    expect(readableTexts(adminPayloads.homeKpisNoDataAdmin).some(mentionsCommand)).toBe(true);
  });

  for (const locale of ["en", "ja"] as Locale[]) {
    it(`${locale}: a catalog message naming npm run is a CLI message or an admin-only one`, () => {
      const keys = catalogTexts(locale)
        .filter(({ texts }) => texts.some(mentionsCommand))
        .map(({ key }) => key);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((key) => !CLI_KEY.test(key) && !ADMIN_KEYS.has(key))).toEqual([]);
    });
  }

  it("CLI messages are used only by src/cli/, admin-only messages only behind an admin check", () => {
    const keys = catalogTexts("en")
      .map(({ key }) => key)
      .filter((key) => CLI_KEY.test(key) || ADMIN_KEYS.has(key));
    const wrong: string[] = [];
    for (const key of keys) {
      for (const { file, text } of appSources.filter((s) => s.text.includes(`"${key}"`))) {
        if (CLI_KEY.test(key) && !CLI_FILES.test(file)) wrong.push(`${key} used in src/${file}`);
        if (ADMIN_KEYS.has(key) && !/forAdmin|isAdmin/.test(text)) wrong.push(`${key} used in src/${file} without an admin check`);
      }
    }
    // The terminal tables are printed by the CLI only.
    for (const { file, text } of appSources) if (text.includes("kpi-text-table.js") && !file.startsWith("cli/")) wrong.push(`src/${file} imports the terminal tables`);
    expect(wrong).toEqual([]);
    for (const key of ADMIN_KEYS)
      expect(
        appSources.some((s) => s.text.includes(`"${key}"`)),
        key,
      ).toBe(true);
  });
});
