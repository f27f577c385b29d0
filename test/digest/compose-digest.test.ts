import { describe, expect, it } from "vitest";
import { composeDigest, linesWithin } from "../../src/views/digest/compose-digest.js";
import type { DigestData } from "../../src/domain/digest/digest-data.js";
import { translator } from "../../src/i18n/index.js";
import { fullDigest } from "./fixtures.js";

const en = translator("en");
const ja = translator("ja");
const texts = (blocks: any[]) => blocks.map((b) => b.text?.text ?? (b.elements ?? []).map((e: any) => e.text).join(" ")).filter(Boolean);

describe("digest composition", () => {
  it("shows every section: KPIs with arrows and points, top stories with links, themes, quotes risk-first, teams", () => {
    const { blocks, text, empty } = composeDigest(fullDigest(), en, { locale: "en" });
    expect(empty).toBe(false);
    expect(text).toBe("Retention digest for Nov 16 – Nov 22");
    const t = texts(blocks);
    expect(t[0]).toBe("Retention digest: Nov 16 – Nov 22");
    const kpis = t.find((x) => x.startsWith("*How retention moved*"))!;
    expect(kpis).toContain("• Retention: *92.5%*  ↑ +2.5 pt");
    expect(kpis).toContain("• Churn: *7.5%*  ↓ -2.5 pt");
    expect(kpis).toContain("• New customers: *12*  ↑ +2");
    expect(t).toContain(
      ":trophy: *Top-rated wins*\n1. <https://x.slack.com/archives/C1/p13|Onboarding call> · 7 points\n2. <https://x.slack.com/archives/C1/p11|Saved Acme's renewal> · Acme · 5 points",
    );
    // No permalink: the title is escaped and points at the channel.
    expect(t).toContain(":bulb: *Top-rated failures, and what they taught*\n1. Missed the &lt;churn&gt; signal (<#C1>) · 3 points");
    expect(t).toContain(
      "*What customers talked about*\n• *pricing*: 4 mentions (↑ previous period 1) · 12,000 revenue\n• *support*: 4 mentions (↓ previous period 6) · 500 revenue\n• *onboarding*: 2 mentions (new)",
    );
    expect(t).toContain("*Themes by revenue of the customers who raised them*\n• *pricing*: 12,000 (4 mentions)\n• *support*: 500 (4 mentions)");
    expect(t).toContain(
      "*Notable quotes* (retention risks first)\n> The renewal price doubled\n— :warning: Acme · negative · <https://x.slack.com/archives/C2/p1|source>\n> Love the new dashboard\n— Beta · positive",
    );
    expect(t).toContain("*Insights per team*\nProduct 5 · Support 2");
    // The retention/churn trend as a native chart right after the KPI lines, and who is about to lapse.
    const chart = blocks.find((b: any) => b.type === "data_visualization") as any;
    expect(chart.chart.series.map((s: any) => s.data.map((d: any) => d.value))).toEqual([
      [90, 92.5],
      [10, 7.5],
    ]);
    expect(blocks.indexOf(chart)).toBeGreaterThan(t.findIndex((x) => x.startsWith("*How retention moved*")));
    expect(t.find((x) => x.startsWith("*At risk*"))).toMatch(/\*14\* customers at risk \(\+3 from last week\) · value at risk \*5,200\.00\* \(\+1,100\.00\)/);
  });

  it("speaks the subscription's language and says when it is late", () => {
    const { blocks } = composeDigest(fullDigest(), ja, { locale: "ja", lateFor: new Date("2026-11-23T09:00:00Z") });
    const t = texts(blocks);
    expect(t[0]).toBe("リテンションダイジェスト：11月16日 〜 11月22日");
    expect(t[1]).toContain("遅れて投稿しました");
    expect(t.join("\n")).toContain("• *onboarding*: 2件（新規）");
    expect(texts(composeDigest(fullDigest(), en, { locale: "en", lateFor: new Date("2026-11-23T09:00:00Z") }).blocks)[1]).toBe(
      ":hourglass: Posted late: this digest was due Mon, Nov 23, 2026, 09:00, when the bot was offline.",
    );
  });

  it("leaves out sections without data", () => {
    const { blocks } = composeDigest(fullDigest({ kpis: null, trend: [], atRisk: null, topStories: [], routed: [] }), en, { locale: "en" });
    const t = texts(blocks).join("\n");
    expect(t).not.toContain("At risk");
    expect(blocks.some((b: any) => b.type === "data_visualization")).toBe(false);
    expect(t).not.toContain("How retention moved");
    expect(t).not.toContain("Top-rated");
    expect(t).not.toContain("Insights per team");
    expect(t).toContain("What customers talked about");
  });

  it("a digest with nothing at all is one line, not an empty shell", () => {
    const empty: DigestData = { ...fullDigest(), kpis: { ...fullDigest().kpis!, hasData: false }, trend: [], atRisk: null, topStories: [], themes: [], quotes: [], routed: [] };
    const c = composeDigest(empty, en, { locale: "en" });
    expect(c.empty).toBe(true);
    expect(c.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "Nothing to report for Nov 16 – Nov 22: no KPI data, rated stories or customer voices in this period." } },
    ]);
  });

  it("stays within 50 blocks and 3,000 characters per text whatever the data", () => {
    const long = "🚀".repeat(1500) + "x".repeat(2000);
    const huge = fullDigest({
      segment: "s".repeat(500),
      topStories: Array.from({ length: 100 }, (_, i) => ({
        storyId: `s${i}`,
        kind: i % 2 ? ("win" as const) : ("failure" as const),
        title: long,
        customer: long,
        points: i,
        channelId: "C1",
        ts: `${i}.0`,
        permalink: `https://x.slack.com/${"p".repeat(900)}`,
      })),
      themes: Array.from({ length: 300 }, (_, i) => ({ theme: `${long}${i}`, count: i, previousCount: i % 3, revenue: i * 1000 })),
      quotes: Array.from({ length: 500 }, (_, i) => ({ insightId: `i${i}`, customer: long, sentiment: "negative" as const, quote: `${long}\n${long}`, permalink: null })),
      routed: Array.from({ length: 200 }, (_, i) => ({ team: `team-${long}-${i}`, count: i })),
      atRiskCustomers: Array.from({ length: 50 }, (_, i) => ({
        customerId: `C-${"9".repeat(150)}-${i}`,
        name: long,
        segment: long,
        purchaseDays: 9,
        lastPurchase: "2026-08-01",
        revenue: 3000,
        pAlive: 0.1,
        valueAtRisk: 2700,
        owner: i % 2 ? { ownerId: "U0OWNER", since: "2026-11-20", contacted: false } : null,
      })),
    });
    const c = composeDigest(huge, en, { locale: "en", preview: true, lateFor: new Date() });
    expect(c.blocks.length).toBeLessThanOrEqual(50);
    expect(c.fit).toBeNull();
    for (const b of c.blocks as any[]) {
      if (b.type === "header") expect(b.text.text.length).toBeLessThanOrEqual(150);
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
      if (b.type === "context") for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(3000);
      // Buttons: Slack's 75 characters of label, 2,000 of value.
      if (b.type === "actions") for (const e of b.elements) expect([e.text.text.length <= 75, e.value.length <= 2000]).toEqual([true, true]);
    }
    // Highest-rated first, three per kind; the third (1,300 characters with its link) no longer fits and is counted.
    const wins = texts(c.blocks).find((x) => x.startsWith(":trophy:"))!;
    expect(wins.match(/ · \d+ points/g)).toEqual([" · 99 points", " · 97 points"]);
    expect(wins.endsWith("\n…and 1 more")).toBe(true);
  });

  it("drops whole lines and says how many, never cutting a link in half", () => {
    const lines = ["<https://a|one>", "<https://b|two>", "<https://c|three>"];
    const more = (n: number) => `+${n}`;
    expect(linesWithin("H", lines, 100, more)).toBe("H\n<https://a|one>\n<https://b|two>\n<https://c|three>");
    expect(linesWithin("H", lines, 37, more)).toBe("H\n<https://a|one>\n<https://b|two>\n+1");
    expect(linesWithin("H", lines, 20, more)).toBe("H\n<https://a|one>\n+2");
    expect(linesWithin("H", lines, 19, more)).toBe("H\n+3");
  });
});
