import { describe, expect, it } from "vitest";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { useTestBot } from "../helpers/bot.js";
import { messageShortcut, viewSubmission } from "../slack/payloads.js";
import { insightValues } from "./values.js";

describe.each(storeKinds())("customer voices on %s", (kind) => {
  const h = useTestBot(kind);

  const who = () => ({ teamId: newTeamId(), userId: "U0AUTHOR" });
  const admin = (teamId: string) => {
    h.t.fake.users.set("U0ADMIN", { is_admin: true });
    return { teamId, userId: "U0ADMIN" };
  };

  it("/insight without text opens the form with the workspace's existing themes", async () => {
    const w = who();
    await h.store.db.insight.create({
      data: {
        teamId: w.teamId,
        sourceKey: "x",
        customer: "A",
        source: "call",
        sentiment: "neutral",
        themes: ["billing"],
        quote: "q",
        teams: ["product"],
        authorId: "U1",
        searchText: "q",
      },
    });
    const { res } = await h.t.command(w, "/insight", "", { triggerId: "trig.open1" });
    expect(res.status).toBe(200);
    const open = await h.t.fake.waitFor("views.open", (c) => c.args.trigger_id === "trig.open1");
    expect(open.args.view.callback_id).toBe("insight_modal");
    const themes = open.args.view.blocks.find((b: any) => b.block_id === "themes_existing");
    expect(themes.element.options.map((o: any) => o.value)).toEqual(["billing"]);
    expect(JSON.parse(open.args.view.private_metadata).channelId).toBe("C0GENERAL");
  });

  it("a submitted form is stored, routed to the team's channel and confirmed privately", async () => {
    const w = who();
    await h.t.command(admin(w.teamId), "/insight", "route sales <#C0SALES|sales>");
    await h.t.idle();
    const payload = viewSubmission(w, {
      callbackId: "insight_modal",
      values: insightValues({ teams: ["sales", "product"] }),
      privateMetadata: JSON.stringify({ channelId: "C0WORK" }),
    });
    const res = await h.t.interact(payload);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    await h.t.idle();
    const rows = await h.store.db.insight.findMany({ where: { teamId: w.teamId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      customer: "Acme Corp",
      source: "call",
      sentiment: "negative",
      themes: ["pricing", "onboarding"],
      teams: ["sales", "product"],
      authorId: "U0AUTHOR",
    });
    const post = await h.t.fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0SALES");
    expect(JSON.stringify(post.args.blocks)).toContain("The renewal price doubled and nobody told us.");
    const posted = await h.store.db.postedMessage.findMany({ where: { teamId: w.teamId } });
    expect(posted).toEqual([expect.objectContaining({ channelId: "C0SALES", kind: "insight", insightId: rows[0]!.id, authorId: "U0AUTHOR" })]);
    const eph = await h.t.fake.waitFor("chat.postEphemeral", (c) => c.args.user === "U0AUTHOR" && c.args.channel === "C0WORK");
    expect(eph.args.text).toContain("Acme Corp");
    expect(eph.args.text).toContain("<#C0SALES>");
    expect(eph.args.text).toContain("Product"); // no route for product: said so
  });

  it("the same submission delivered twice stores one insight and posts once", async () => {
    const w = who();
    await h.t.command(admin(w.teamId), "/insight", "route sales <#C0DUP>");
    await h.t.idle();
    const payload = viewSubmission(w, { callbackId: "insight_modal", values: insightValues({}), viewId: `VDUP${w.teamId}` });
    await Promise.all([h.t.interact(payload), h.t.interact(payload)]);
    await h.t.idle();
    expect(await h.store.db.insight.count({ where: { teamId: w.teamId } })).toBe(1);
    expect(h.t.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === "C0DUP")).toHaveLength(1);
  });

  it("invalid input comes back as field errors in the user's language and stores nothing", async () => {
    const w = { teamId: newTeamId(), userId: "U0JAPANESE" };
    h.t.fake.users.set("U0JAPANESE", { locale: "ja-JP" });
    const res = await h.t.interact(viewSubmission(w, { callbackId: "insight_modal", values: insightValues({ quote: "あ".repeat(3001), teams: [] }) }));
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(body.errors.quote).toBe("顧客の言葉が長すぎます（3001文字、上限3000文字）。");
    expect(body.errors.teams).toBe("チームを1つ以上選んでください。");
    expect(await h.store.db.insight.count({ where: { teamId: w.teamId } })).toBe(0);
  });

  it("/insight <text> logs at once: sentiment prefix, #tags as themes, customer before the colon", async () => {
    const w = who();
    const { responseId } = await h.t.command(w, "/insight", "+ Acme: the new export saves us hours #reporting #support");
    const reply = await h.t.fake.waitForResponse(responseId);
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain("Acme");
    const rows = await h.store.db.insight.findMany({ where: { teamId: w.teamId } });
    expect(rows).toEqual([
      expect.objectContaining({
        customer: "Acme",
        sentiment: "positive",
        themes: ["reporting", "support"],
        teams: ["support"],
        quote: "the new export saves us hours #reporting #support",
      }),
    ]);
  });

  it("/insight <text> without a customer explains the format and stores nothing", async () => {
    const w = who();
    const { responseId } = await h.t.command(w, "/insight", "- it is too slow");
    expect((await h.t.fake.waitForResponse(responseId)).text).toContain("/insight + Acme:");
    expect(await h.store.db.insight.count({ where: { teamId: w.teamId } })).toBe(0);
  });

  it("only admins may route, and routing is per workspace", async () => {
    const w = who();
    const { responseId } = await h.t.command(w, "/insight", "route product <#C0PROD|product>");
    expect((await h.t.fake.waitForResponse(responseId)).text).toBe(
      "Only Retention Desk admins can do this: the workspace's admins and owners and the people they named. `/kpi admins` lists them.",
    );
    expect(await h.store.db.insightRoute.count({ where: { teamId: w.teamId } })).toBe(0);
    const other = newTeamId();
    await h.t.command(admin(other), "/insight", "route product <#C0OTHER>");
    await h.t.idle();
    expect(await h.store.db.insightRoute.findMany({ where: { teamId: w.teamId } })).toEqual([]);
    expect(await h.store.db.insightRoute.findMany({ where: { teamId: other } })).toEqual([expect.objectContaining({ team: "product", channelId: "C0OTHER" })]);
  });

  it("never posts into a Slack Connect channel unless an admin allowed it", async () => {
    const w = who();
    h.t.fake.externalChannels.add("C0EXT");
    await h.t.command(admin(w.teamId), "/insight", "route support <#C0EXT>");
    await h.t.idle();
    await h.t.interact(viewSubmission(w, { callbackId: "insight_modal", values: insightValues({ teams: ["support"], customer: "Blocked Ltd" }) }));
    await h.t.idle();
    expect(h.t.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === "C0EXT")).toHaveLength(0);
    const dm = await h.t.fake.waitFor("chat.postMessage", (c) => c.args.channel === "U0AUTHOR" && /Blocked Ltd/.test(c.args.text));
    expect(dm.args.text).toContain("shared with another organisation");

    await h.t.command(admin(w.teamId), "/insight", "allow-shared <#C0EXT>");
    await h.t.idle();
    // Other words: the same words would first be offered as "same as this one?" (test/capture/duplicates.test.ts).
    const other = { quote: "Single sign-on is a must for our security team.", themesNew: "security" };
    await h.t.interact(viewSubmission(w, { callbackId: "insight_modal", values: insightValues({ teams: ["support"], customer: "Allowed Ltd", ...other }) }));
    await h.t.idle();
    expect(h.t.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === "C0EXT")).toHaveLength(1);
  });

  it("a failing post (channel_not_found) keeps the insight and tells the author", async () => {
    const w = who();
    h.t.fake.missingChannels.add("C0GONE");
    await h.t.command(admin(w.teamId), "/insight", "route marketing <#C0GONE>");
    await h.t.idle();
    await h.t.interact(
      viewSubmission(w, {
        callbackId: "insight_modal",
        values: insightValues({ teams: ["marketing"], customer: "Kept Inc" }),
        privateMetadata: JSON.stringify({ channelId: "C0WORK2" }),
      }),
    );
    await h.t.idle();
    expect(await h.store.db.insight.count({ where: { teamId: w.teamId, customer: "Kept Inc" } })).toBe(1);
    const eph = await h.t.fake.waitFor("chat.postEphemeral", (c) => c.args.channel === "C0WORK2");
    expect(eph.args.text).toContain("channel_not_found");
  });

  it("message shortcut opens the form prefilled, and the insight keeps the permalink and author", async () => {
    const w = who();
    const payload = messageShortcut(w, {
      callbackId: "save_insight",
      channelId: "C0SUPPORT",
      message: { ts: "1700000000.000100", text: "Customer says: 使いにくい", user: "U0AGENT" },
      responseUrl: h.t.fake.responseUrl("ms"),
    });
    await h.t.interact(payload);
    const open = await h.t.fake.waitFor("views.open", (c) => c.args.trigger_id === payload.trigger_id);
    const quote = open.args.view.blocks.find((b: any) => b.block_id === "quote");
    expect(quote.element.initial_value).toBe("Customer says: 使いにくい");
    const meta = open.args.view.private_metadata;
    await h.t.interact(viewSubmission(w, { callbackId: "insight_modal", values: insightValues({ quote: "使いにくい", teams: ["product"] }), privateMetadata: meta }));
    await h.t.idle();
    const row = await h.store.db.insight.findFirstOrThrow({ where: { teamId: w.teamId } });
    expect(row.messagePermalink).toBe("https://example.slack.com/archives/C0SUPPORT/p1700000000000100");
    expect(row.messageAuthorId).toBe("U0AGENT");
  });

  it("search finds English and Japanese words, newest first, paged", async () => {
    const w = who();
    const quotes = [
      "解約を検討している。サポートの返信が遅い",
      "Support replies are slow",
      "価格が高すぎる",
      "support was great",
      "onboarding confusing",
      "support 6",
      "support 7",
      "support 8",
      "support 9",
    ];
    for (const [i, q] of quotes.entries()) {
      await h.store.db.insight.create({
        data: {
          teamId: w.teamId,
          sourceKey: `s${i}`,
          customer: `C${i}`,
          source: "call",
          sentiment: "neutral",
          themes: [],
          quote: q,
          teams: ["support"],
          authorId: "U1",
          searchText: q.toLowerCase(),
          createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
        },
      });
    }
    await h.store.db.insight.create({
      data: {
        teamId: newTeamId(),
        sourceKey: "o",
        customer: "Other",
        source: "call",
        sentiment: "neutral",
        themes: [],
        quote: "support elsewhere",
        teams: ["support"],
        authorId: "U1",
        searchText: "support elsewhere",
      },
    });
    const ja = await h.t.command(w, "/insight", "search 返信");
    const jaReply = await h.t.fake.waitForResponse(ja.responseId);
    expect(JSON.stringify(jaReply.blocks)).toContain("サポートの返信が遅い");
    expect(jaReply.text).toContain("1 customer voice match");

    const en = await h.t.command(w, "/insight", "search SUPPORT");
    const enReply = await h.t.fake.waitForResponse(en.responseId);
    expect(enReply.text).toContain("6 customer voices match “SUPPORT” (page 1 of 2)"); // not the other workspace's, not サポート
    const shown = JSON.stringify(enReply.blocks);
    expect(shown.indexOf("support 7")).toBeLessThan(shown.indexOf("support 6"));
    expect(shown).not.toContain("Support replies are slow");
    const next = enReply.blocks.at(-1).elements.find((e: any) => e.action_id.endsWith("_next"));
    const { blockAction } = await import("../slack/payloads.js");
    await h.t.interact(blockAction(w, { actionId: next.action_id, value: next.value, responseUrl: h.t.fake.responseUrl("page2") }));
    const page2 = await h.t.fake.waitForResponse("page2");
    expect(page2.replace_original).toBe(true);
    expect(JSON.stringify(page2.blocks)).toContain("Support replies are slow");
  });

  it("/insight help explains usage in the user's language", async () => {
    const w = { teamId: newTeamId(), userId: "U0JAHELP" };
    h.t.fake.users.set("U0JAHELP", { locale: "ja-JP" });
    const { responseId } = await h.t.command(w, "/insight", "help");
    expect((await h.t.fake.waitForResponse(responseId)).text).toContain("顧客の声");
  });
});
