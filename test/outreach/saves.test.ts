import { describe, expect, it } from "vitest";
import { measureUplift } from "../../src/domain/outreach/uplift.js";
import { translator } from "../../src/i18n/index.js";
import { composeDigest } from "../../src/views/digest/compose-digest.js";
import { savesBlocks } from "../../src/views/outreach/saves.js";
import { leaderboardMessage } from "../../src/views/ratings/leaderboard-message.js";
import { fullDigest } from "../digest/fixtures.js";

const t = translator("en");
const text = (blocks: unknown) => JSON.stringify(blocks);
/** 5 of 12 closed contacts came back where the model expected 25% each (the hand-computed case of uplift.test.ts). */
const judged = measureUplift(Array.from({ length: 12 }, (_, i) => ({ returned: i < 5, pReturn: 0.25 })));
const saves = {
  team: { contacts: 14, wonBack: 6, revenueRecovered: 4321.4, uplift: judged },
  owners: [
    { ownerId: "U0KEN", wonBack: 4, revenueRecovered: 3000 },
    { ownerId: "U0AIKO", wonBack: 2, revenueRecovered: 1321.4 },
    { ownerId: "U0NONE", wonBack: 0, revenueRecovered: 0 },
  ],
  windowDays: 30,
};
const emptyBoard = { wins: [], failures: [], insights: [], people: [] };

describe("customers won back next to the points", () => {
  it("the leaderboard shows won back and revenue recovered per person, and the team's uplift with its interval", () => {
    const m = leaderboardMessage(t, { period: "month", board: emptyBoard, leftUsers: new Set(), saves, locale: "en" });
    const shown = text(m.blocks);
    expect(shown).toContain("*Customers won back*");
    expect(shown).toContain("6 won back of 14 contacted · 4,321 recovered");
    expect(shown).toContain("Came back: 42% vs 25% the model expected anyway: +17 points (95% interval −6 to +43).");
    expect(shown).toContain("1. <@U0KEN> · 4 won back · 3,000 recovered");
    expect(shown).toContain("2. <@U0AIKO> · 2 won back · 1,321 recovered");
    expect(shown).not.toContain("U0NONE");
    expect(shown).toContain("Won back: bought within 30 days of the contact.");
  });

  it("with too few closed cases it says so instead of a rate; without any contact there is no section", () => {
    const few = { ...saves, team: { ...saves.team, uplift: measureUplift([{ returned: true, pReturn: 0.2 }]) } };
    expect(text(savesBlocks(t, "en", few))).toContain("Uplift over the model: too few cases (1 closed, 10 needed).");
    expect(savesBlocks(t, "en", { ...saves, team: { ...saves.team, contacts: 0 } })).toEqual([]);
    expect(text(leaderboardMessage(t, { period: "month", board: emptyBoard, leftUsers: new Set() }).blocks)).not.toContain("won back");
  });

  it("the digest carries the same section in the channel's language", () => {
    const ja = translator("ja");
    const digest = composeDigest({ ...fullDigest(), saves }, ja, { locale: "ja" });
    const shown = text(digest.blocks);
    expect(shown).toContain("*取り戻した顧客*");
    expect(shown).toContain("連絡した 14 件のうち 6 件が再購入 ・ 回復した売上 4,321");
    expect(shown).toContain("+17 ポイントです（95%信頼区間 −6 から +43）");
    expect(text(composeDigest(fullDigest(), t, { locale: "en" }).blocks)).not.toContain("won back");
  });
});
