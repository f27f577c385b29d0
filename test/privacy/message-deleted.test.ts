import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { listOpenVoices } from "../../src/services/home/list-open-voices.js";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { eventCallback } from "../slack/payloads.js";

const newTs = () => `17000${String(parseInt(randomBytes(3).toString("hex"), 16)).padStart(5, "0")}.${String(parseInt(randomBytes(2).toString("hex"), 16)).padStart(6, "0")}`;
const pathTs = (ts: string) => `p${ts.replace(".", "")}`;

async function voice(db: Db, teamId: string, quote: string, extra: { messagePermalink?: string; messageAuthorId?: string } = {}) {
  return db.insight.create({
    data: {
      teamId,
      sourceKey: `k-${quote}`,
      customer: "Acme",
      source: "slack",
      sentiment: "negative",
      themes: [],
      quote,
      teams: ["support"],
      authorId: "U1",
      searchText: quote.toLowerCase(),
      ...extra,
    },
  });
}

describe.each(storeKinds())("message_deleted on %s", (kind) => {
  const h = useTestBot(kind);
  const deleted = (teamId: string, channel: string, ts: string, previous: Record<string, unknown>) =>
    h.t.event(
      eventCallback(teamId, {
        type: "message",
        subtype: "message_deleted",
        hidden: true,
        channel,
        ts: newTs(),
        deleted_ts: ts,
        previous_message: { type: "message", ts, text: "x", ...previous },
      }),
    );
  const search = async (teamId: string, words: string) => {
    const { responseId } = await h.t.command({ teamId, userId: "U0SEARCH" }, "/insight", `search ${words}`);
    return JSON.stringify((await h.t.fake.waitForResponse(responseId)).blocks ?? []);
  };

  it("deleting the bot's post of an insight hides the insight from search and App Home; it is kept (and exported) with hiddenAt", async () => {
    const teamId = newTeamId();
    const hidden = await voice(h.store.db, teamId, "Too expensive for us");
    await voice(h.store.db, teamId, "Too slow to load");
    const ts = newTs();
    await h.store.db.postedMessage.create({ data: { teamId, channelId: "C0SUP", ts, kind: "insight", insightId: hidden.id, authorId: "U1", routedFor: "support" } });
    expect(await search(teamId, "too")).toContain("Too expensive for us");

    h.t.fake.join("C0SUP"); // the bot posted there: Slack sends it the channel's events
    expect((await deleted(teamId, "C0SUP", ts, { user: "UBOT0000001", bot_id: "B0000001" })).status).toBe(200);
    await h.t.idle();
    const shown = await search(teamId, "too");
    expect(shown).not.toContain("Too expensive for us");
    expect(shown).toContain("Too slow to load");
    expect((await listOpenVoices({ db: h.store.db, teamId }, { teams: ["support"], limit: 10 })).items.map((i) => i.quote)).toEqual(["Too slow to load"]);
    const row = await h.store.db.insight.findUniqueOrThrow({ where: { id: hidden.id } });
    expect(row.hiddenAt).not.toBeNull();
    expect(row.quote).toBe("Too expensive for us");
    expect((await h.store.db.postedMessage.findFirstOrThrow({ where: { teamId, ts } })).deletedAt).not.toBeNull();
  });

  it("deleting the message an insight was saved from removes the link and its author but keeps the words searchable", async () => {
    const teamId = newTeamId();
    const ts = newTs();
    const reply = newTs();
    const link = `https://example.slack.com/archives/C0SRC/${pathTs(ts)}`;
    const replyLink = `https://example.slack.com/archives/C0SRC/${pathTs(reply)}?thread_ts=${ts}&cid=C0SRC`;
    const fromMessage = await voice(h.store.db, teamId, "Billing page is confusing", { messagePermalink: link, messageAuthorId: "U0CSM" });
    const fromReply = await voice(h.store.db, teamId, "Export keeps failing", { messagePermalink: replyLink, messageAuthorId: "U0CSM" });
    const otherChannel = await voice(h.store.db, teamId, "Unrelated", { messagePermalink: `https://example.slack.com/archives/C0OTHER/${pathTs(ts)}`, messageAuthorId: "U0CSM" });
    const otherTeam = newTeamId();
    const elsewhere = await voice(h.store.db, otherTeam, "Same link elsewhere", { messagePermalink: link, messageAuthorId: "U0CSM" });

    h.t.fake.join("C0SRC"); // message_deleted arrives only from channels the bot is in
    await deleted(teamId, "C0SRC", ts, { user: "U0CSM" });
    await h.t.idle();
    const stored = (id: string) => h.store.db.insight.findUniqueOrThrow({ where: { id } });
    expect(await stored(fromMessage.id)).toMatchObject({ messagePermalink: null, messageAuthorId: null, quote: "Billing page is confusing", hiddenAt: null });
    expect(await stored(fromReply.id)).toMatchObject({ messagePermalink: replyLink, messageAuthorId: "U0CSM" });
    expect(await stored(otherChannel.id)).toMatchObject({ messageAuthorId: "U0CSM" });
    expect(await stored(elsewhere.id)).toMatchObject({ messagePermalink: link });
    expect(await search(teamId, "billing")).toContain("Billing page is confusing");

    await deleted(teamId, "C0SRC", reply, { user: "U0CSM" });
    await h.t.idle();
    expect(await stored(fromReply.id)).toMatchObject({ messagePermalink: null, messageAuthorId: null });
  });
});
