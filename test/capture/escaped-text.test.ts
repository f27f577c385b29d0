import { describe, expect, it } from "vitest";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { useTestBot } from "../helpers/bot.js";

/** Commands as Slack sends them with `should_escape: true`: channels, people and links as `<...>`, `&` `<` `>` as entities. */
describe.each(storeKinds())("escaped command text on %s", (kind) => {
  const h = useTestBot(kind);
  const admin = (teamId: string) => {
    h.t.fake.users.set("U0ESCADMIN", { is_admin: true });
    return { teamId, userId: "U0ESCADMIN" };
  };

  it("/insight quick capture reads `<#C…|support>` as the #support team tag and stores readable words", async () => {
    const w = { teamId: newTeamId(), userId: "U0ESCAUTHOR" };
    h.t.fake.users.set("U0SARA", { display_name: "Sara Lind" });
    const text = "- Acme &amp; Co: export &lt;3 breaks, ask <@U0SARA> <#C0123SUP|support> #billing see <https://acme.example/t?a=1&amp;b=2|ticket 42>";
    const { responseId } = await h.t.command(w, "/insight", text);
    await h.t.fake.waitForResponse(responseId);
    const rows = await h.store.db.insight.findMany({ where: { teamId: w.teamId } });
    expect(rows).toEqual([
      expect.objectContaining({
        customer: "Acme & Co",
        sentiment: "negative",
        themes: ["support", "billing"],
        teams: ["support"],
        quote: "export <3 breaks, ask @Sara Lind #support #billing see ticket 42 (https://acme.example/t?a=1&b=2)",
      }),
    ]);
  });

  it("a channel sent without its name (`<#C…>`) is named through conversations.info", async () => {
    const w = { teamId: newTeamId(), userId: "U0ESCAUTHOR" };
    h.t.fake.on("conversations.info", (a) => ({ ok: true, channel: { id: a.channel, name: a.channel === "C0SALESX" ? "sales" : "x", is_member: true } }));
    try {
      await h.t.fake.waitForResponse((await h.t.command(w, "/insight", "+ Beta: renewal looks good <#C0SALESX>")).responseId);
    } finally {
      h.t.fake.on("conversations.info", undefined);
    }
    const row = await h.store.db.insight.findFirstOrThrow({ where: { teamId: w.teamId } });
    expect(row).toMatchObject({ teams: ["sales"], themes: ["sales"], quote: "renewal looks good #sales" });
  });

  it("/insight route, allow-shared and /story channel take `<#C…|name>` and `<#C…>`", async () => {
    const teamId = newTeamId();
    await h.t.fake.waitForResponse((await h.t.command(admin(teamId), "/insight", "route support <#C0ROUTESUP|support-voices>")).responseId);
    await h.t.fake.waitForResponse((await h.t.command(admin(teamId), "/insight", "route sales <#C0ROUTESAL>")).responseId);
    await h.t.fake.waitForResponse((await h.t.command(admin(teamId), "/insight", "allow-shared <#C0ROUTEEXT|partners>")).responseId);
    await h.t.fake.waitForResponse((await h.t.command(admin(teamId), "/story", "channel <#C0ROUTEWIN|wins-and-lessons>")).responseId);
    const routes = await h.store.db.insightRoute.findMany({ where: { teamId }, orderBy: { team: "asc" } });
    expect(routes.map((r) => [r.team, r.channelId])).toEqual([
      ["sales", "C0ROUTESAL"],
      ["support", "C0ROUTESUP"],
    ]);
    expect(await h.store.db.sharedChannelAllowance.findMany({ where: { teamId } })).toEqual([expect.objectContaining({ channelId: "C0ROUTEEXT" })]);
    expect((await h.store.db.workspace.findUniqueOrThrow({ where: { teamId } })).storiesChannelId).toBe("C0ROUTEWIN");
  });

  it("/insight search and /kpi subscribe read `&amp;` as `&`", async () => {
    const w = { teamId: newTeamId(), userId: "U0ESCAUTHOR" };
    await h.store.db.insight.create({
      data: {
        teamId: w.teamId,
        sourceKey: "rd",
        customer: "R&D Ltd",
        source: "call",
        sentiment: "neutral",
        themes: [],
        quote: "R&D needs exports",
        teams: ["product"],
        authorId: "U1",
        searchText: "r&d needs exports",
      },
    });
    const found = await h.t.fake.waitForResponse((await h.t.command(w, "/insight", "search R&amp;D")).responseId);
    expect(found.text).toContain("“R&D”");
    expect(JSON.stringify(found.blocks)).toContain("R&amp;D needs exports");

    const admin = { teamId: w.teamId, userId: "U0ESCADMIN" }; // subscribing is for admins
    await h.t.fake.waitForResponse((await h.t.command(admin, "/kpi", "subscribe segment:R&amp;D", { channelId: "C0ESCDIGEST" })).responseId);
    expect(await h.store.db.digestSubscription.findMany({ where: { teamId: w.teamId } })).toEqual([expect.objectContaining({ channelId: "C0ESCDIGEST", segment: "R&D" })]);
  });
});
