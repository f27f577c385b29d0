import { describe, expect, it } from "vitest";
import { fallbackText, headerOrSection, longSections, splitText } from "../../src/views/long-text.js";
import { escapeMrkdwn } from "../../src/views/blocks.js";

const rejoin = (pieces: string[]) => pieces.join(" ");

describe("splitting long text", () => {
  it("splits between words, each piece within the limit, no word lost", () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
    const pieces = splitText(words.join(" "), 100);
    expect(pieces.every((p) => p.length <= 100)).toBe(true);
    expect(rejoin(pieces).split(" ")).toEqual(words);
  });

  it("prefers line breaks, and never cuts inside an escape or a reference", () => {
    const text = `${"a ".repeat(40)}&amp;&amp;&amp; <https://acme.example/long/path|the label> tail`;
    for (let max = 60; max < text.length; max += 7) {
      const pieces = splitText(text, max);
      for (const p of pieces) {
        expect(p.length).toBeLessThanOrEqual(max);
        expect(p).not.toMatch(/&[a-z]*$/); // no half escape at the end
        expect(p).not.toMatch(/^[a-z]*;/); // or at the start
        expect((p.match(/</g) ?? []).length).toBe((p.match(/>/g) ?? []).length);
      }
    }
    expect(splitText("line one\nline two", 12)).toEqual(["line one", "line two"]);
  });

  it("splits Japanese after punctuation, and between characters when there is none", () => {
    const sentence = "サポートの返信が遅いので、解約を検討しています。";
    const pieces = splitText(sentence.repeat(10), 60);
    expect(pieces.every((p) => p.length <= 60 && /[。、]$/.test(p))).toBe(true);
    expect(pieces.join("")).toBe(sentence.repeat(10));
    const emoji = "👨‍👩‍👧".repeat(20); // 8 code units each, one grapheme
    const cut = splitText(emoji, 30);
    expect(cut.join("")).toBe(emoji);
    expect(cut.every((p) => p.length <= 30 && p.length % 8 === 0)).toBe(true);
  });

  it("quoted sections count the quote prefixes: a 3,000-character quote of many short lines needs two blocks", () => {
    const quote = Array.from({ length: 750 }, () => "abc").join("\n"); // 2,999 characters, 750 lines
    const blocks = longSections(quote, { quoted: true }) as { text: { text: string } }[];
    expect(blocks).toHaveLength(2);
    for (const b of blocks) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(blocks.map((b) => b.text.text).join("\n")).toBe(
      quote
        .split("\n")
        .map((l) => `> ${l}`)
        .join("\n"),
    );
  });

  it("escaping that grows text past 3,000 characters gives more sections, the heading only on the first", () => {
    const escaped = escapeMrkdwn("R&D <team> ".repeat(300)); // 3,300 typed, 6,600 escaped
    const blocks = longSections(escaped, { heading: "*What happened*" }) as { text: { text: string } }[];
    expect(blocks.length).toBe(3);
    expect(blocks[0]!.text.text.startsWith("*What happened*\n")).toBe(true);
    expect(blocks.slice(1).some((b) => b.text.text.includes("What happened"))).toBe(false);
    expect(blocks.every((b) => b.text.text.length <= 3000)).toBe(true);
  });

  it("a title too long for a header becomes a bold section with all of it", () => {
    expect(headerOrSection("🏆 short", escapeMrkdwn)).toEqual({ type: "header", text: { type: "plain_text", text: "🏆 short", emoji: true } });
    const long = `🏆 ${"x".repeat(150)}`;
    expect(headerOrSection(long, escapeMrkdwn)).toEqual({ type: "section", text: { type: "mrkdwn", text: `*${long}*` } });
  });

  it("fallback text keeps whole lines within 4,000 characters and says how many are left out", () => {
    const lines = Array.from({ length: 200 }, (_, i) => `row ${i} ${"·".repeat(30)}`);
    const text = fallbackText(lines, (n) => `… ${n} more`);
    expect(text.length).toBeLessThanOrEqual(4000);
    const kept = text.split("\n");
    const shown = kept.length - 1;
    expect(kept.slice(0, -1)).toEqual(lines.slice(0, shown));
    expect(kept.at(-1)).toBe(`… ${200 - shown} more`);
    expect(fallbackText(["a", "b"], () => "never")).toBe("a\nb");
  });
});
