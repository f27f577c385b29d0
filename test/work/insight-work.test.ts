import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { createApiToken } from "../../src/services/api-tokens/api-tokens.js";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { messageBlockAction, viewSubmission, type Who } from "../slack/payloads.js";
import { insightValues } from "../capture/values.js";

describe.each(storeKinds())("voices become work on %s", (kind) => {
  const h = useTestBot(kind);
  let responses = 0;

  /** A workspace with the sales team routed to `channel`, and one insight posted there. */
  async function postedInsight(channel: string) {
    const teamId = newTeamId();
    const author: Who = { teamId, userId: "U0AUTHOR" };
    h.t.fake.users.set("U0ADMIN", { is_admin: true });
    h.t.fake.users.set("U0AIKO", { real_name: "Aiko Tanaka", display_name: "Aiko" });
    h.t.fake.users.set("U0KEN", { real_name: "Ken Sato", display_name: "" });
    await h.t.command({ teamId, userId: "U0ADMIN" }, "/insight", `route sales <#${channel}|sales>`);
    await h.t.idle();
    await h.t.interact(viewSubmission(author, { callbackId: "insight_modal", values: insightValues({ teams: ["sales"] }) }));
    await h.t.idle();
    const post = await h.t.fake.waitFor("chat.postMessage", (c) => c.args.channel === channel && !c.args.thread_ts);
    const insight = await h.store.db.insight.findFirstOrThrow({ where: { teamId } });
    const posted = await h.store.db.postedMessage.findFirstOrThrow({ where: { teamId, insightId: insight.id } });
    return { teamId, insight, ts: posted.ts, message: { text: post.args.text as string, blocks: post.args.blocks as unknown[] } };
  }

  const threadPosts = (channel: string, ts: string) => h.t.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === channel && c.args.thread_ts === ts);
  const updates = (channel: string, ts: string) => h.t.fake.callsTo("chat.update").filter((c) => c.args.channel === channel && c.args.ts === ts);
  const responseUrl = () => h.t.fake.responseUrl(`work${++responses}`);

  it("the posted insight shows its status and owner, with a status menu, an owner picker and a link button", async () => {
    const p = await postedInsight("C0WPOST");
    const actions = p.message.blocks.find((b: any) => b.type === "actions") as any;
    expect(actions.block_id).toBe(`insight_work:${p.insight.id}`);
    expect(actions.elements.map((e: any) => [e.type, e.action_id])).toEqual([
      ["static_select", "insight_status"],
      ["users_select", "insight_owner"],
      ["button", "insight_link"],
    ]);
    expect(actions.elements[0].options.map((o: any) => o.value)).toEqual(["new", "acknowledged", "planned", "done", "wont_do"]);
    expect(actions.elements[0].initial_option.value).toBe("new");
    expect(JSON.stringify(p.message.blocks)).toContain("*Status:* New · *Owner:* nobody yet");
  });

  it("the status menu stores the status and its history, posts one line in the thread by name, and updates the post; a redelivery changes nothing", async () => {
    const p = await postedInsight("C0WSTATUS");
    const payload = messageBlockAction(
      { teamId: p.teamId, userId: "U0AIKO" },
      {
        channelId: "C0WSTATUS",
        messageTs: p.ts,
        message: p.message,
        responseUrl: responseUrl(),
        action: { type: "static_select", actionId: "insight_status", blockId: `insight_work:${p.insight.id}`, value: "planned", label: "Planned" },
      },
    );
    expect((await h.t.interact(payload)).status).toBe(200);
    await h.t.idle();
    expect((await h.t.interact(payload)).status).toBe(200);
    await h.t.idle();
    expect(await h.store.db.insight.findUniqueOrThrow({ where: { id: p.insight.id } })).toMatchObject({ status: "planned", ownerId: null });
    const history = await h.store.db.insightChange.findMany({ where: { teamId: p.teamId } });
    expect(history).toEqual([expect.objectContaining({ insightId: p.insight.id, field: "status", fromValue: "new", toValue: "planned", actorId: "U0AIKO", source: "button" })]);
    const thread = threadPosts("C0WSTATUS", p.ts);
    expect(thread.map((c) => c.args.text)).toEqual(["Aiko changed Status: New → Planned."]);
    const update = updates("C0WSTATUS", p.ts);
    expect(update).toHaveLength(1);
    const actions = update[0]!.args.blocks.find((b: any) => b.type === "actions");
    expect(actions.elements[0].initial_option.value).toBe("planned");
    expect(JSON.stringify(update[0]!.args.blocks)).toContain("*Status:* Planned");
  });

  it("the owner picker sets the owner: the thread names both people without mentioning them; the post shows the owner", async () => {
    const p = await postedInsight("C0WOWNER");
    const pick = (user: string) =>
      messageBlockAction(
        { teamId: p.teamId, userId: "U0AIKO" },
        {
          channelId: "C0WOWNER",
          messageTs: p.ts,
          message: p.message,
          responseUrl: responseUrl(),
          action: { type: "users_select", actionId: "insight_owner", blockId: `insight_work:${p.insight.id}`, user },
        },
      );
    await h.t.interact(pick("U0KEN"));
    await h.t.idle();
    await h.t.interact(pick("U0AIKO"));
    await h.t.idle();
    expect((await h.store.db.insight.findUniqueOrThrow({ where: { id: p.insight.id } })).ownerId).toBe("U0AIKO");
    const lines = threadPosts("C0WOWNER", p.ts).map((c) => c.args.text as string);
    expect(lines).toEqual(["Aiko changed Owner: none → Ken Sato.", "Aiko changed Owner: Ken Sato → Aiko."]);
    expect(lines.join(" ")).not.toContain("<@");
    const last = updates("C0WOWNER", p.ts).at(-1)!;
    expect(last.args.blocks.find((b: any) => b.type === "actions").elements[1].initial_user).toBe("U0AIKO");
    expect(JSON.stringify(last.args.blocks)).toContain("*Owner:* <@U0AIKO>");
  });

  it("the link button opens the modal; a bad link comes back as a field error in Japanese; a good one is stored, posted and kept as history once", async () => {
    const p = await postedInsight("C0WLINK");
    h.t.fake.users.set("U0JA", { locale: "ja-JP", real_name: "山田 花子", display_name: "山田" });
    const who = { teamId: p.teamId, userId: "U0JA" };
    const click = messageBlockAction(who, {
      channelId: "C0WLINK",
      messageTs: p.ts,
      message: p.message,
      responseUrl: responseUrl(),
      action: { type: "button", actionId: "insight_link", blockId: `insight_work:${p.insight.id}`, value: p.insight.id, label: "リンクと対応内容" },
    });
    await h.t.interact(click);
    await h.t.idle();
    const open = await h.t.fake.waitFor("views.open", (c) => c.args.trigger_id === click.trigger_id);
    expect(open.args.view.callback_id).toBe("insight_link_modal");
    expect(JSON.parse(open.args.view.private_metadata)).toEqual({ insightId: p.insight.id });
    const values = (link: string, resolution: string) => ({
      link: { link: { type: "url_text_input", value: link } },
      resolution: { resolution: { type: "plain_text_input", value: resolution } },
    });
    const bad = await h.t.interact(
      viewSubmission(who, {
        callbackId: "insight_link_modal",
        values: values("javascript:alert(1)", "一行目\n二行目"),
        privateMetadata: JSON.stringify({ insightId: p.insight.id }),
      }),
    );
    const errors = ((await bad.json()) as { errors: Record<string, string> }).errors;
    expect(errors.link).toBe("https:// から始まるURLを入力してください（空欄でも構いません）。");
    expect(errors.resolution).toBe("200文字以内の1行でご記入ください。");
    expect(await h.store.db.insightChange.count({ where: { teamId: p.teamId } })).toBe(0);

    const good = viewSubmission(who, {
      callbackId: "insight_link_modal",
      values: values("https://tracker.example.com/T-42", "Renewal notice now goes out 60 days ahead"),
      privateMetadata: JSON.stringify({ insightId: p.insight.id }),
      viewId: `VLINK${p.teamId}`,
    });
    expect(await (await h.t.interact(good)).text()).toBe("");
    await h.t.idle();
    await h.t.interact(good);
    await h.t.idle();
    expect(await h.store.db.insight.findUniqueOrThrow({ where: { id: p.insight.id } })).toMatchObject({
      link: "https://tracker.example.com/T-42",
      resolution: "Renewal notice now goes out 60 days ahead",
    });
    const history = await h.store.db.insightChange.findMany({ where: { teamId: p.teamId }, orderBy: { field: "asc" } });
    expect(history.map((r) => [r.field, r.fromValue, r.toValue, r.actorId])).toEqual([
      ["link", null, "https://tracker.example.com/T-42", "U0JA"],
      ["resolution", null, "Renewal notice now goes out 60 days ahead", "U0JA"],
    ]);
    // The channel's language is the workspace default (English), whoever clicked.
    expect(threadPosts("C0WLINK", p.ts).map((c) => c.args.text)).toEqual([
      "山田 changed Link: none → https://tracker.example.com/T-42; Resolution: none → Renewal notice now goes out 60 days ahead.",
    ]);
  });

  it("a guest may not change an insight: told in their language, nothing stored or posted", async () => {
    const p = await postedInsight("C0WGUEST");
    h.t.fake.users.set("U0GUEST", { is_restricted: true });
    const url = `guest${++responses}`;
    await h.t.interact(
      messageBlockAction(
        { teamId: p.teamId, userId: "U0GUEST" },
        {
          channelId: "C0WGUEST",
          messageTs: p.ts,
          message: p.message,
          responseUrl: h.t.fake.responseUrl(url),
          action: { type: "static_select", actionId: "insight_status", blockId: `insight_work:${p.insight.id}`, value: "done", label: "Done" },
        },
      ),
    );
    await h.t.idle();
    const reply = await h.t.fake.waitForResponse(url);
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toMatch(/guest/i);
    expect((await h.store.db.insight.findUniqueOrThrow({ where: { id: p.insight.id } })).status).toBe("new");
    expect(await h.store.db.insightChange.count({ where: { teamId: p.teamId } })).toBe(0);
    expect(threadPosts("C0WGUEST", p.ts)).toHaveLength(0);
  });

  const api = (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${h.t.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  it("PATCH /api/v1/insights/:id changes the follow-up once per Idempotency-Key, keeps history, posts in the thread; bad input 400, unknown 404, read scope 403", async () => {
    const p = await postedInsight("C0WAPI");
    const token = await createApiToken({ db: h.store.db, teamId: p.teamId }, { label: "tracker", createdBy: "U0ADMIN" });
    const readOnly = await createApiToken({ db: h.store.db, teamId: p.teamId }, { label: "r", createdBy: "U0ADMIN", scopes: ["read"] });
    const body = { status: "done", owner: "U0KEN", link: "https://tracker.example.com/T-7", resolution: "Fixed in 4.2" };
    const first = await api("PATCH", `/api/v1/insights/${p.insight.id}`, token, body, { "idempotency-key": "hook-1" });
    expect(first.status).toBe(200);
    const json = (await first.json()) as any;
    expect(json.insight).toMatchObject({ id: p.insight.id, status: "done", ownerId: "U0KEN", link: "https://tracker.example.com/T-7", resolution: "Fixed in 4.2" });
    expect(json.changed.map((c: any) => c.field)).toEqual(["status", "owner", "link", "resolution"]);
    const again = await api("PATCH", `/api/v1/insights/${p.insight.id}`, token, { ...body, status: "planned" }, { "idempotency-key": "hook-1" });
    expect(again.status).toBe(200);
    expect(((await again.json()) as any).changed).toEqual([]);
    await h.t.idle();
    expect((await h.store.db.insight.findUniqueOrThrow({ where: { id: p.insight.id } })).status).toBe("done");
    const history = await h.store.db.insightChange.findMany({ where: { teamId: p.teamId } });
    expect(history).toHaveLength(4);
    expect(history.every((r) => r.source === "api" && r.actorId === null)).toBe(true);
    expect(threadPosts("C0WAPI", p.ts).map((c) => c.args.text)).toEqual([
      "An integration changed Status: New → Done; Owner: none → Ken Sato; Link: none → https://tracker.example.com/T-7; Resolution: none → Fixed in 4.2.",
    ]);
    // The same values without a key: nothing differs, so nothing is stored or posted.
    expect(((await (await api("PATCH", `/api/v1/insights/${p.insight.id}`, token, body)).json()) as any).changed).toEqual([]);
    expect(await h.store.db.insightChange.count({ where: { teamId: p.teamId } })).toBe(4);
    // Clearing the owner.
    expect(((await (await api("PATCH", `/api/v1/insights/${p.insight.id}`, token, { owner: null })).json()) as any).insight.ownerId).toBeNull();

    expect((await api("PATCH", `/api/v1/insights/${p.insight.id}`, token, { status: "finished" })).status).toBe(400);
    expect((await api("PATCH", `/api/v1/insights/${p.insight.id}`, token, { link: "ftp://x.example.com/a" })).status).toBe(400);
    expect((await api("PATCH", `/api/v1/insights/${p.insight.id}`, token, { owner: "<@U0KEN>" })).status).toBe(400);
    expect((await api("PATCH", `/api/v1/insights/${p.insight.id}`, token, { priority: "high" })).status).toBe(400);
    expect((await api("PATCH", "/api/v1/insights/not-a-uuid", token, { status: "done" })).status).toBe(400);
    expect((await api("PATCH", "/api/v1/insights/00000000-0000-4000-8000-000000000000", token, { status: "done" })).status).toBe(404);
    expect((await api("PATCH", `/api/v1/insights/${p.insight.id}`, readOnly, { status: "new" })).status).toBe(403);
    const otherTeam = await createApiToken({ db: h.store.db, teamId: newTeamId() }, { label: "x", createdBy: "U0ADMIN" });
    expect((await api("PATCH", `/api/v1/insights/${p.insight.id}`, otherTeam, { status: "new" })).status).toBe(404);
    expect((await h.store.db.insight.findUniqueOrThrow({ where: { id: p.insight.id } })).status).toBe("done");
  });

  it("GET /api/v1/insights filters by status, theme, team, customer and days, pages with a cursor, and answers CSV", async () => {
    const teamId = newTeamId();
    const base = { teamId, source: "call", sentiment: "negative", authorId: "U1", searchText: "x", context: null };
    const rows = [
      {
        ...base,
        sourceKey: "a",
        customer: "Acme",
        themes: ["pricing"],
        teams: ["sales"],
        quote: "=cmd|' /C calc'!A0",
        status: "planned",
        createdAt: new Date("2026-03-01T10:00:00Z"),
      },
      { ...base, sourceKey: "b", customer: "acme", themes: ["onboarding"], teams: ["product"], quote: "b", status: "new", createdAt: new Date("2026-03-02T10:00:00Z") },
      { ...base, sourceKey: "c", customer: "Globex", themes: ["pricing"], teams: ["sales"], quote: "c", status: "planned", createdAt: new Date("2026-03-03T10:00:00Z") },
      { ...base, sourceKey: "d", customer: "Initech", themes: ["pricing"], teams: ["sales"], quote: "d", status: "planned", createdAt: new Date("2026-03-04T10:00:00Z") },
      {
        ...base,
        sourceKey: "e",
        customer: "Hidden",
        themes: ["pricing"],
        teams: ["sales"],
        quote: "e",
        status: "planned",
        createdAt: new Date("2026-03-04T11:00:00Z"),
        hiddenAt: new Date(),
      },
    ];
    for (const data of rows) await h.store.db.insight.create({ data });
    await h.store.db.insight.create({
      data: { ...base, teamId: newTeamId(), sourceKey: "z", customer: "Acme", themes: ["pricing"], teams: ["sales"], quote: "other workspace", status: "planned" },
    });
    const token = await createApiToken({ db: h.store.db, teamId }, { label: "r", createdBy: "U1", scopes: ["read"] });
    const get = async (q: string) => {
      const res = await api("GET", `/api/v1/insights${q}`, token);
      expect(res.status, q).toBe(200);
      return (await res.json()) as { items: { quote: string; status: string }[]; next: string | null };
    };
    expect((await get("")).items.map((i) => i.quote)).toEqual(["d", "c", "b", "=cmd|' /C calc'!A0"]);
    expect((await get("?status=planned&theme=pricing&team=sales")).items.map((i) => i.quote)).toEqual(["d", "c", "=cmd|' /C calc'!A0"]);
    expect((await get("?customer=ACME")).items.map((i) => i.quote)).toEqual(["b", "=cmd|' /C calc'!A0"]);
    expect((await get("?from=2026-03-02&to=2026-03-03")).items.map((i) => i.quote)).toEqual(["c", "b"]);

    const page1 = await get("?limit=3");
    expect(page1.items.map((i) => i.quote)).toEqual(["d", "c", "b"]);
    const page2 = await get(`?limit=3&cursor=${page1.next}`);
    expect(page2.items.map((i) => i.quote)).toEqual(["=cmd|' /C calc'!A0"]);
    expect(page2.next).toBeNull();

    const csv = await api("GET", "/api/v1/insights?status=planned&limit=2", token, undefined, { accept: "text/csv" });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const table = parse(await csv.text()) as string[][];
    expect(table[0]).toEqual(["id", "createdAt", "customer", "source", "sentiment", "themes", "teams", "quote", "context", "authorId", "status", "ownerId", "link", "resolution"]);
    expect(table.slice(1).map((r) => r[2])).toEqual(["Initech", "Globex"]);
    const rest = await api("GET", `/api/v1/insights?status=planned&limit=2&cursor=${csv.headers.get("x-next-cursor")}`, token, undefined, { accept: "text/csv" });
    const restRows = (parse(await rest.text()) as string[][]).slice(1);
    expect(restRows.map((r) => [r[2], r[5], r[7]])).toEqual([["Acme", '["pricing"]', "'=cmd|' /C calc'!A0"]]);
    expect(rest.headers.get("x-next-cursor")).toBeNull();

    expect((await api("GET", "/api/v1/insights?status=finished", token)).status).toBe(400);
    expect((await api("GET", "/api/v1/insights?from=2026-02-30", token)).status).toBe(400);
    expect((await api("GET", "/api/v1/insights?from=2026-03-05&to=2026-03-01", token)).status).toBe(400);
    expect((await api("GET", "/api/v1/insights?cursor=bm9wZQ", token)).status).toBe(400);
    expect((await api("GET", "/api/v1/insights?sort=asc", token)).status).toBe(400);
  });
});
