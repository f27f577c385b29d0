// /insight search uses every word up to a documented cap, says when it left words out, and pages with the longest
// query it accepts (the page buttons carry it, within a button value's 2,000 characters).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEARCH_MAX_WORDS, searchWords } from "../../src/domain/capture/search-words.js";
import { LIMITS } from "../../src/domain/capture/vocabulary.js";
import { translator } from "../../src/i18n/index.js";
import { BLOCK_LIMITS } from "../../src/views/block-limits.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { blockAction } from "../slack/payloads.js";

describe("search words", () => {
  it("keeps every different word up to the cap, in the order typed, and counts the rest", () => {
    const typed = Array.from({ length: 25 }, (_, i) => `w${i}`);
    expect(searchWords(typed.join(" "))).toEqual({ query: typed.join(" "), words: typed.slice(0, 20), leftOut: 5 });
    expect(SEARCH_MAX_WORDS).toBe(20);
  });

  it("counts a word typed twice (in any case) once, and splits at ideographic spaces, tabs and line breaks", () => {
    expect(searchWords("Price\tprice  PRICE\n返信　遅い")).toEqual({ query: "Price price PRICE 返信 遅い", words: ["price", "返信", "遅い"], leftOut: 0 });
  });

  it("drops control characters and unpaired surrogates, so the button's JSON is at most twice the query plus its frame", () => {
    expect(searchWords("a\u0000b\u001fc \ud800 d\udc00")).toEqual({ query: "a b c \ufffd d\ufffd", words: ["a", "b", "c", "\ufffd", "d\ufffd"], leftOut: 0 });
    const worst = `${'"\\'.repeat(LIMITS.searchQuery / 2)}`;
    const { query } = searchWords(worst);
    expect(JSON.stringify({ q: query, p: 10_000 }).length).toBeLessThanOrEqual(BLOCK_LIMITS.buttonValueChars);
    expect(JSON.stringify({ q: searchWords("\u0001".repeat(LIMITS.searchQuery)).query, p: 10_000 }).length).toBeLessThan(20);
  });
});

describe.each(storeKinds())("/insight search with many words on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store);
    t.fake.users.set("U0SEARCHJA", { locale: "ja-JP" });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  const seed = (teamId: string, key: string, quote: string, createdAt = new Date()) =>
    store.db.insight.create({
      data: {
        teamId,
        sourceKey: key,
        customer: "山田商事",
        source: "call",
        sentiment: "negative",
        themes: [],
        quote,
        teams: ["support"],
        authorId: "U1",
        searchText: quote.toLowerCase(),
        createdAt,
      },
    });

  it("matches on all 20 words (not just the first 8) and tells a Japanese user the rest were left out", async () => {
    const teamId = newTeamId();
    const words = Array.from({ length: 20 }, (_, i) => `語${String.fromCharCode(0x3042 + i)}`);
    await seed(teamId, "all", words.join(" "));
    await seed(teamId, "eight", words.slice(0, 8).join(" ")); // lacks the ninth word: must not match
    const extra = ["余分1", "余分2", "余分3"];
    const { responseId } = await t.command({ teamId, userId: "U0SEARCHJA" }, "/insight", `search ${[...words, ...extra].join("　")}`);
    const reply = await t.fake.waitForResponse(responseId, 15_000);
    const ja = translator("ja");
    const cut = ja("insight.search.wordsCut", { max: 20, count: 3 });
    expect(reply.text).toContain("1件");
    expect(reply.text.endsWith(cut)).toBe(true);
    expect(reply.blocks[1]).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: cut }] });
    const shown = JSON.stringify(reply.blocks);
    expect(shown).toContain(words.at(-1));
    expect(reply.blocks.filter((b: any) => b.type === "section")).toHaveLength(2); // the header and one voice

    const none = await t.command({ teamId, userId: "U0SEARCHJA" }, "/insight", `search ${[...words.slice(0, 19), "ない", ...extra].join(" ")}`);
    const noneReply = await t.fake.waitForResponse(none.responseId, 15_000);
    expect(noneReply.blocks.at(-1)).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: cut }] });
  }, 60_000);

  it("the longest accepted query, all quotes and backslashes, pages forward and back", async () => {
    const teamId = newTeamId();
    const word = '"\\'.repeat(20); // 40 characters, each escaped in JSON
    const query = Array.from({ length: 12 }, () => word)
      .join(" ")
      .slice(0, LIMITS.searchQuery);
    expect(query.length).toBeLessThanOrEqual(LIMITS.searchQuery);
    for (let i = 0; i < 7; i++) await seed(teamId, `q${i}`, `${word} voice ${i}`, new Date(Date.UTC(2026, 0, 1 + i)));
    const { responseId } = await t.command({ teamId, userId: "U0SEARCHEN" }, "/insight", `search ${query}`);
    const first = await t.fake.waitForResponse(responseId, 15_000);
    expect(first.text).toContain("7 customer voices match");
    // Each voice's day is a Slack date token: every reader sees it in their own time zone (UTC day as fallback).
    expect(JSON.stringify(first.blocks)).toContain(`<!date^${Date.UTC(2026, 0, 7) / 1000}^{date_short}|2026-01-07>`);
    const next = first.blocks.at(-1).elements.find((e: any) => e.action_id.endsWith("_next"));
    expect(next.value.length).toBeGreaterThan(900);
    expect(next.value.length).toBeLessThanOrEqual(BLOCK_LIMITS.buttonValueChars);
    await t.interact(blockAction({ teamId, userId: "U0SEARCHEN" }, { actionId: next.action_id, value: next.value, responseUrl: t.fake.responseUrl("longpage2") }));
    const second = await t.fake.waitForResponse("longpage2", 15_000);
    expect(JSON.stringify(second.blocks)).toContain("voice 0");
    const prev = second.blocks.at(-1).elements.find((e: any) => e.action_id.endsWith("_prev"));
    await t.interact(blockAction({ teamId, userId: "U0SEARCHEN" }, { actionId: prev.action_id, value: prev.value, responseUrl: t.fake.responseUrl("longpage1") }));
    expect(JSON.stringify((await t.fake.waitForResponse("longpage1", 15_000)).blocks)).toContain("voice 6");
    expect(t.fake.violations).toEqual([]);
  }, 60_000);
});
