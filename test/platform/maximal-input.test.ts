// Block Kit limits with the longest user input each view can get: long Japanese text, text that grows when escaped
// (`&` is `&amp;`), long imported names, many named admins. Each payload passes the rules the fake Slack enforces
// (test/slack/block-kit-rules.ts) and nothing is cut silently: text is split, or the cut is shown.
import { Writable } from "node:stream";
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../../src/domain/capture/vocabulary.js";
import { translator } from "../../src/i18n/index.js";
import { createLogger } from "../../src/log.js";
import { publishHome } from "../../src/services/home/publish-home.js";
import { UserDirectory } from "../../src/services/slack/user-directory.js";
import { UserGroupDirectory } from "../../src/services/slack/user-groups.js";
import { BLOCK_LIMITS, shareBlocks } from "../../src/views/block-limits.js";
import { clipMarkup, escapeMrkdwn, section } from "../../src/views/blocks.js";
import { insightSearchResults } from "../../src/views/capture/insight-search.js";
import { atRiskMessage } from "../../src/views/prediction/at-risk.js";
import { customerPredictionMessage } from "../../src/views/prediction/customer.js";
import { atRisk, insight, prediction } from "../i18n/payloads.js";
import { BOT_TOKEN } from "../helpers/bot.js";
import { createTestStore, newTeamId, type TestStore } from "../helpers/store.js";
import { messageProblems, viewProblems } from "../slack/block-kit-rules.js";
import { FakeSlack } from "../slack/fake-slack.js";

const ja = translator("ja");
const en = translator("en");
const texts = (blocks: any[]) => blocks.map((b) => b.text?.text ?? "").join("\n");

describe("the longest user input stays within Block Kit's limits, split or visibly cut", () => {
  it("section text (3,000): five search previews of escape-heavy text are split across blocks, never cut inside `&amp;`", () => {
    const quote = "R&D <チーム> が遅い。".repeat(100).slice(0, LIMITS.quote); // 600 kept for the preview, escaped to ~1,100
    const heavy = "&<>".repeat(200); // 600 characters, 2,600 escaped
    const items = [quote, heavy, heavy, heavy, heavy].map((q, i) => ({ ...insight, id: `i${i}`, customer: "&".repeat(LIMITS.customer), quote: q, createdAt: new Date() }));
    const r = insightSearchResults(ja, { query: "遅い", leftOut: 0, items, total: 5, page: 0, pages: 1 });
    expect(messageProblems(r)).toEqual([]);
    const shown = texts(r.blocks);
    expect(shown).not.toMatch(/&(?!amp;|lt;|gt;)/); // no escape cut in half
    // Every escape arrives: 4 heavy previews of 200 `<`, and 43 `<チーム>` in the 599 characters of the quote kept before "…" (14 characters each).
    expect(shown.match(/&lt;/g)).toHaveLength(4 * 200 + 43);
    // A heading of 750 escaped characters and 2,600 of preview need two blocks per heavy voice.
    expect((r.blocks as any[]).filter((b) => b.type === "section")).toHaveLength(1 + 1 + 4 * 2);
  });

  it("header text (150): a long imported customer name or segment becomes a bold section with all of it", () => {
    const name = "株式会社 R&D ホールディングス".repeat(12); // 216 characters, longer escaped
    const customer = customerPredictionMessage(ja, { ...prediction, name });
    expect(messageProblems(customer)).toEqual([]);
    expect(customer.blocks[0]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: `*${ja("prediction.customer.header", { who: escapeMrkdwn(`${name}${ja("word.aside", { text: "C-1" })}`) })}*` },
    });

    const segment = "エンタープライズ（年間契約）".repeat(15);
    const list = atRiskMessage(en, { ...atRisk, segment }, "companies");
    expect(messageProblems(list)).toEqual([]);
    expect((list.blocks[0] as any).text.text).toContain(segment);

    // An imported name of 5,000 characters: all of it in plain sections, the notification text within 4,000.
    const huge = "R&D 顧客".repeat(800);
    const hugeMessage = customerPredictionMessage(ja, { ...prediction, name: huge });
    expect(messageProblems(hugeMessage)).toEqual([]);
    const headSections = (hugeMessage.blocks as any[]).filter((b) => b.type === "section" && b.text.text.includes("R&amp;D"));
    expect(headSections.length).toBeGreaterThan(1);
    expect(
      headSections
        .map((b) => b.text.text)
        .join("")
        .replace(/\s/g, ""),
    ).toContain(escapeMrkdwn(huge).replace(/\s/g, ""));
    expect(hugeMessage.text.endsWith("…")).toBe(true);

    const short = customerPredictionMessage(ja, prediction);
    expect(short.blocks[0]).toMatchObject({ type: "header" });
  });

  it("the last guard of section, header and context ends with … at a boundary, never inside an escape", () => {
    const escaped = escapeMrkdwn("&".repeat(1000)); // 5,000 characters of &amp;
    const cut = (section(escaped) as any).text.text as string;
    expect(cut.length).toBeLessThanOrEqual(BLOCK_LIMITS.sectionTextChars);
    expect(cut).toMatch(/^(&amp;)+…$/);
    expect(clipMarkup("<@U0123|alex> ".repeat(20), 150)).toMatch(/^(<@U0123\|alex> ?)+…$/);
    expect(clipMarkup("short", 150)).toBe("short");
  });
});

describe("blocks per Home tab (100): past it, each section keeps a fair share and says how many were left out", () => {
  let store: TestStore;
  let fake: FakeSlack;
  beforeAll(async () => {
    store = await createTestStore("pglite");
    fake = await new FakeSlack().start();
  }, 60_000);
  afterAll(async () => {
    await fake?.stop();
    await store?.close();
  });

  it("shareBlocks keeps short sections whole and cuts the long ones to what is left, each with its notice", () => {
    const rows = (name: string, n: number) => Array.from({ length: n }, (_, i) => `${name}${i}`);
    const r = shareBlocks(
      [rows("a", 3), rows("b", 200), [], rows("c", 5), rows("d", 150)],
      100,
      () => "|",
      (n) => `+${n}`,
    );
    // 3 dividers between 4 shown sections; a and c whole (8); d (shorter) then b share the other 89: 44 and 45.
    expect(r.blocks).toHaveLength(100);
    expect(r.blocks.filter((b) => b === "|")).toHaveLength(3);
    expect(r.blocks.slice(0, 4)).toEqual(["a0", "a1", "a2", "|"]);
    expect(r.blocks.slice(4, 49)).toEqual([...rows("b", 44), "+156"]);
    expect(r.blocks.slice(50, 55)).toEqual(rows("c", 5));
    expect(r.blocks.slice(56)).toEqual([...rows("d", 43), "+107"]);
    expect(r.leftOut).toBe(156 + 107);
    expect(
      shareBlocks(
        [rows("a", 3), rows("b", 4)],
        100,
        () => "|",
        (n) => `+${n}`,
      ),
    ).toEqual({ blocks: [...rows("a", 3), "|", ...rows("b", 4)], leftOut: 0 });
  });

  it("publishes 100 blocks: both long sections shown, each ending with the notice in the user's language", async () => {
    const teamId = newTeamId();
    fake.users.set("U0HOMEJA", { locale: "ja-JP", is_admin: true });
    fake.meet("U0HOMEJA", teamId);
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl });
    const lines: string[] = [];
    const log = createLogger("info", new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    const deps = { db: store.db, log, users: new UserDirectory(client), groups: new UserGroupDirectory(client), config: { DEFAULT_LOCALE: "en" as const }, now: () => new Date() };
    const many = (name: string) => ({ name, build: async () => Array.from({ length: 60 }, (_, i) => section(`${name} row ${i}`)) });
    await publishHome(deps, client, { teamId, userId: "U0HOMEJA", sections: [many("first"), many("admin")] });
    const view = (await fake.waitFor("views.publish")).args.view;
    const blocks = (typeof view === "string" ? JSON.parse(view) : view).blocks as any[];
    expect(viewProblems({ type: "home", blocks })).toEqual([]);
    expect(blocks).toHaveLength(BLOCK_LIMITS.blocksPerHomeTab);
    // 121 built (60 + divider + 60); 99 for the sections: 49 (48 rows and the notice) and 50 (49 rows and the notice).
    const notice = (count: number) => ({ type: "context", elements: [{ type: "mrkdwn", text: ja("homeTab.overflow", { count }) }] });
    expect(blocks[48]).toEqual(notice(12));
    expect(blocks[49]).toEqual({ type: "divider" });
    expect(JSON.stringify(blocks[50])).toContain("admin row 0");
    expect(blocks.at(-1)).toEqual(notice(11));
    expect(lines.some((l) => l.includes("home over the block limit"))).toBe(true);
  });
});
