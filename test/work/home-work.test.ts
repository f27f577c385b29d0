// Voices and themes as work from App Home and `/insight themes`, end to end: signed app_home_opened events, Home
// block actions, modal submissions and slash commands against the real bot; only Slack's Web API is faked.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { useTestBot } from "../helpers/bot.js";
import { storeKinds } from "../helpers/store.js";
import { homeAction } from "../home/helpers.js";
import { type VoiceSpec, warmUp, workspaceWithVoices } from "./voices.js";
import { eventCallback, messageBlockAction, viewSubmission, type Who } from "../slack/payloads.js";

// Each test logs its voices through the real modal, one request after the other: slow on a shared, loaded machine.
vi.setConfig({ testTimeout: 120_000 });

describe.each(storeKinds())("voices and themes as work in App Home on %s", (kind) => {
  const h = useTestBot(kind);

  beforeAll(() => warmUp(h), 60_000);

  const workspace = (channel: string, voices: VoiceSpec[]) => workspaceWithVoices(h, channel, voices);

  /** Opens Home as `userId` (a signed app_home_opened event) and returns the view published for them. */
  async function openHome(teamId: string, userId: string): Promise<any> {
    const before = h.t.fake.callsTo("views.publish").length;
    expect((await h.t.event(eventCallback(teamId, { type: "app_home_opened", user: userId, channel: `D${userId}`, tab: "home" }))).status).toBe(200);
    await h.t.idle();
    return (await h.t.fake.waitFor("views.publish", (c) => c.args.user_id === userId && h.t.fake.callsTo("views.publish").indexOf(c) >= before, 60_000)).args.view;
  }
  const publishesFor = (userId: string) => h.t.fake.callsTo("views.publish").filter((c) => c.args.user_id === userId);
  /** The Home view published for `userId` after the first `count` publishes (waits for it on a loaded machine). */
  const homeAfter = async (userId: string, count: number) => {
    await h.t.fake.waitFor("views.publish", () => publishesFor(userId).length > count, 60_000);
    return publishesFor(userId).at(-1)!.args.view;
  };
  const workBlock = (view: any, insightId: string) => view.blocks.find((b: any) => b.block_id === `home_work:${insightId}`);
  const threadLines = (channel: string, ts: string) =>
    h.t.fake
      .callsTo("chat.postMessage")
      .filter((c) => c.args.channel === channel && c.args.thread_ts === ts)
      .map((c) => c.args.text as string);
  /** Close-the-loop DMs (their last block is the "I told the customer" button), not other messages. */
  const dmsTo = (userId: string) =>
    h.t.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === userId && (c.args.blocks ?? []).some((b: any) => b.block_id === "loop_closure"));
  const statusPick = (who: Who, insightId: string, value: string, label: string) =>
    homeAction(who, {
      type: "static_select",
      action_id: "home_insight_status",
      block_id: `home_work:${insightId}`,
      selected_option: { text: { type: "plain_text", text: label, emoji: true }, value },
      placeholder: { type: "plain_text", text: "Set status", emoji: true },
    });

  it("App Home lists the open voices of followed teams with status, owner and the posted insight's controls; a change there is stored with source app_home, posted in the thread, updates the post and republishes Home; done sends the DM once and the voice leaves the list", async () => {
    const w = await workspace("C0HWSTAT", [
      { author: "U0HAUTH", customer: "Acme", themes: "pricing", quote: "The renewal price doubled." },
      { author: "U0HAUTH", customer: "Globex", themes: "exports", quote: "CSV export drops accents." },
    ]);
    h.t.fake.users.set("U0HAIKO", { real_name: "Aiko Tanaka", display_name: "Aiko" });
    h.t.fake.users.set("U0HKEN", { real_name: "Ken Sato", display_name: "" });
    const who: Who = { teamId: w.teamId, userId: "U0HAIKO" };
    const [acme, globex] = w.insights as [(typeof w.insights)[0], (typeof w.insights)[0]];

    const home = await openHome(w.teamId, who.userId);
    expect(JSON.stringify(home)).toContain("Open customer voices");
    const controls = workBlock(home, acme.id);
    expect(controls.elements.map((e: any) => [e.type, e.action_id])).toEqual([
      ["static_select", "home_insight_status"],
      ["users_select", "home_insight_owner"],
      ["button", "insight_link"],
    ]);
    expect(controls.elements[0].initial_option.value).toBe("new");
    expect(JSON.stringify(home)).toContain("*Acme* · New · Owner: nobody yet");

    // The same payload twice (Slack redelivers with the same action_ts): one change.
    const planned = statusPick(who, acme.id, "planned", "Planned");
    const published = publishesFor(who.userId).length;
    expect((await h.t.interact(planned)).status).toBe(200);
    await h.t.idle();
    expect((await h.t.interact(planned)).status).toBe(200);
    await h.t.idle();
    const history = await h.store.db.insightChange.findMany({ where: { teamId: w.teamId } });
    expect(history.map((c) => [c.insightId, c.field, c.fromValue, c.toValue, c.actorId, c.source])).toEqual([[acme.id, "status", "new", "planned", "U0HAIKO", "app_home"]]);
    expect(threadLines("C0HWSTAT", w.tsOf(acme.id))).toEqual(["Aiko changed Status: New → Planned."]);
    const update = h.t.fake.callsTo("chat.update").filter((c) => c.args.ts === w.tsOf(acme.id));
    expect(update).toHaveLength(1);
    expect(JSON.stringify(update[0]!.args.blocks)).toContain("*Status:* Planned");
    const afterStatus = await homeAfter(who.userId, published + 1);
    expect(workBlock(afterStatus, acme.id).elements[0].initial_option.value).toBe("planned");
    expect(JSON.stringify(afterStatus)).toContain("*Acme* · Planned · Owner: nobody yet");

    const beforeOwner = publishesFor(who.userId).length;
    await h.t.interact(homeAction(who, { type: "users_select", action_id: "home_insight_owner", block_id: `home_work:${acme.id}`, selected_user: "U0HKEN" }));
    await h.t.idle();
    expect((await h.store.db.insight.findUniqueOrThrow({ where: { id: acme.id } })).ownerId).toBe("U0HKEN");
    expect(threadLines("C0HWSTAT", w.tsOf(acme.id)).at(-1)).toBe("Aiko changed Owner: none → Ken Sato.");
    const afterOwner = await homeAfter(who.userId, beforeOwner);
    expect(workBlock(afterOwner, acme.id).elements[1].initial_user).toBe("U0HKEN");
    expect(JSON.stringify(afterOwner)).toContain("*Acme* · Planned · Owner: <@U0HKEN>");

    const beforeDone = publishesFor(who.userId).length;
    await h.t.interact(statusPick(who, acme.id, "done", "Done"));
    await h.t.idle();
    expect(await h.store.db.insight.findUniqueOrThrow({ where: { id: acme.id } })).toMatchObject({ status: "done" });
    const afterDone = await homeAfter(who.userId, beforeDone);
    expect(dmsTo("U0HAUTH")).toHaveLength(1);
    expect(JSON.stringify(dmsTo("U0HAUTH")[0]!.args.blocks)).toContain("The renewal price doubled.");
    expect(workBlock(afterDone, acme.id)).toBeUndefined();
    expect(workBlock(afterDone, globex.id)).toBeDefined();
    const sources = await h.store.db.insightChange.findMany({ where: { teamId: w.teamId }, select: { source: true } });
    expect(new Set(sources.map((s) => s.source))).toEqual(new Set(["app_home"]));
  });

  it("the link button on an App Home voice opens the link modal; its submission is stored with source app_home, posted in the thread and republishes Home", async () => {
    const w = await workspace("C0HWLINK", [{ author: "U0HLAUTH", customer: "Initech", themes: "sso", quote: "We need SSO." }]);
    h.t.fake.users.set("U0HLINK", { real_name: "Lin Ko", display_name: "Lin" });
    const who: Who = { teamId: w.teamId, userId: "U0HLINK" };
    const voice = w.insights[0]!;
    await openHome(w.teamId, who.userId);
    const click = homeAction(who, {
      type: "button",
      action_id: "insight_link",
      block_id: `home_work:${voice.id}`,
      value: voice.id,
      text: { type: "plain_text", text: "Link and resolution" },
    });
    await h.t.interact(click);
    await h.t.idle();
    const open = await h.t.fake.waitFor("views.open", (c) => c.args.trigger_id === click.trigger_id);
    expect(open.args.view.callback_id).toBe("insight_link_modal");
    expect(JSON.parse(open.args.view.private_metadata)).toEqual({ insightId: voice.id, fromHome: true });
    const published = publishesFor(who.userId).length;
    const values = {
      link: { link: { type: "url_text_input", value: "https://tracker.example.com/T-7" } },
      resolution: { resolution: { type: "plain_text_input", value: "SSO is on the roadmap for Q1" } },
    };
    const res = await h.t.interact(viewSubmission(who, { callbackId: "insight_link_modal", values, privateMetadata: open.args.view.private_metadata, viewId: "VHWLINK1" }));
    expect(res.status).toBe(200);
    await h.t.idle();
    const history = await h.store.db.insightChange.findMany({ where: { teamId: w.teamId }, orderBy: { field: "asc" } });
    expect(history.map((c) => [c.field, c.toValue, c.source])).toEqual([
      ["link", "https://tracker.example.com/T-7", "app_home"],
      ["resolution", "SSO is on the roadmap for Q1", "app_home"],
    ]);
    expect(threadLines("C0HWLINK", w.tsOf(voice.id))).toEqual(["Lin changed Link: none → https://tracker.example.com/T-7; Resolution: none → SSO is on the roadmap for Q1."]);
    expect(JSON.stringify(await homeAfter(who.userId, published))).toContain("SSO is on the roadmap for Q1");
  });

  it("a guest who changes a voice from App Home is refused in their language and nothing changes", async () => {
    const w = await workspace("C0HWGUEST", [{ author: "U0HGAUTH", customer: "Umbrella", themes: "billing", quote: "Invoices are confusing." }]);
    h.t.fake.users.set("U0HGUEST", { is_restricted: true, locale: "ja-JP" });
    const who: Who = { teamId: w.teamId, userId: "U0HGUEST" };
    expect((await h.t.interact(statusPick(who, w.insights[0]!.id, "done", "対応完了"))).status).toBe(200);
    await h.t.idle();
    const refusal = await h.t.fake.waitFor("chat.postMessage", (c) => c.args.channel === "U0HGUEST");
    expect(refusal.args.text).toBe("ゲストの方も顧客の声の記録やストーリーの共有はできますが、顧客データはこのワークスペースのメンバーにのみ表示されます。");
    expect(await h.store.db.insight.findUniqueOrThrow({ where: { id: w.insights[0]!.id } })).toMatchObject({ status: "new" });
    expect(await h.store.db.insightChange.count({ where: { teamId: w.teamId } })).toBe(0);
    expect(dmsTo("U0HGAUTH")).toHaveLength(0);
  });

  const themeValues = (status: string | null, resolution: string, link: string) => ({
    theme_status: { theme_status: { type: "static_select", selected_option: status ? { text: { type: "plain_text", text: status, emoji: true }, value: status } : null } },
    resolution: { resolution: { type: "plain_text_input", value: resolution } },
    link: { link: { type: "url_text_input", value: link } },
  });
  const themeSections = (blocks: any[]) => blocks.filter((b) => b.accessory?.action_id === "theme_open");

  it("the theme modal from App Home marks a theme done: its open voices follow (history source theme; the theme's change source app_home), each thread gets a line, each logger one DM; a resubmitted view changes and sends nothing more; Home is republished", async () => {
    const w = await workspace("C0HWTHEME", [
      { author: "U0HTA", customer: "Acme", themes: "pricing", quote: "The renewal price doubled." },
      { author: "U0HTA", customer: "Globex", themes: "Pricing, exports", quote: "Invoices are confusing." },
      { author: "U0HTB", customer: "Initech", themes: "pricing", quote: "We pay for seats we never use." },
      { author: "U0HTB", customer: "Hooli", themes: "exports", quote: "CSV export drops accents." },
    ]);
    h.t.fake.users.set("U0HTMGR", { real_name: "Mia Grant", display_name: "Mia" });
    const who: Who = { teamId: w.teamId, userId: "U0HTMGR" };
    const home = await openHome(w.teamId, who.userId);
    const listed = themeSections(home.blocks);
    expect(listed.map((b: any) => b.accessory.value)).toEqual(["pricing", "exports"]);
    expect(listed[0].text.text).toContain("`pricing` · Open · 3 customers · 3 voices (3 open)");

    const click = homeAction(who, { type: "button", action_id: "theme_open", block_id: listed[0].block_id ?? "b", value: "pricing", text: { type: "plain_text", text: "Update" } });
    await h.t.interact(click);
    await h.t.idle();
    const open = await h.t.fake.waitFor("views.open", (c) => c.args.trigger_id === click.trigger_id);
    expect(open.args.view.callback_id).toBe("theme_work_modal");
    expect(JSON.parse(open.args.view.private_metadata)).toEqual({ theme: "pricing", fromHome: true });
    expect(JSON.stringify(open.args.view.blocks[0])).toContain("3 open customer voices follow");

    // A missing status and a two-line resolution come back as field errors; nothing is stored.
    const bad = await h.t.interact(
      viewSubmission(who, { callbackId: "theme_work_modal", values: themeValues(null, "two\nlines", ""), privateMetadata: open.args.view.private_metadata, viewId: "VHWTHBAD" }),
    );
    expect(Object.keys(((await bad.json()) as any).errors).sort()).toEqual(["resolution", "theme_status"]);
    expect(await h.store.db.themeChange.count({ where: { teamId: w.teamId } })).toBe(0);

    const resolution = "Renewal notice now goes out 60 days ahead";
    const submit = viewSubmission(who, {
      callbackId: "theme_work_modal",
      values: themeValues("done", resolution, "https://tracker.example.com/T-9"),
      privateMetadata: open.args.view.private_metadata,
      viewId: "VHWTHEME1",
    });
    const published = publishesFor(who.userId).length;
    const answer = (await (await h.t.interact(submit)).json()) as any;
    expect(answer.response_action).toBe("update");
    expect(JSON.stringify(answer.view)).toContain("Theme `pricing` is now Done; 3 customer voices followed.");
    await h.t.idle();

    const stored = await h.store.db.insight.findMany({ where: { teamId: w.teamId }, orderBy: { createdAt: "asc" } });
    expect(stored.map((i) => i.status)).toEqual(["done", "done", "done", "new"]);
    expect(stored[0]).toMatchObject({ resolution, link: "https://tracker.example.com/T-9" });
    const changes = await h.store.db.themeChange.findMany({ where: { teamId: w.teamId } });
    expect(changes.map((c) => [c.name, c.fromStatus, c.toStatus, c.actorId, c.source, c.insightsChanged])).toEqual([["pricing", "open", "done", "U0HTMGR", "app_home", 3]]);
    const history = await h.store.db.insightChange.findMany({ where: { teamId: w.teamId, field: "status" } });
    expect(history.map((c) => [c.toValue, c.actorId, c.source])).toEqual([
      ["done", "U0HTMGR", "theme"],
      ["done", "U0HTMGR", "theme"],
      ["done", "U0HTMGR", "theme"],
    ]);
    expect(threadLines("C0HWTHEME", w.tsOf(stored[0]!.id))).toEqual([
      `Mia marked the theme \`pricing\`: Status: New → Done; Link: none → https://tracker.example.com/T-9; Resolution: none → ${resolution}.`,
    ]);
    expect(threadLines("C0HWTHEME", w.tsOf(stored[3]!.id))).toEqual([]);
    expect(dmsTo("U0HTA")).toHaveLength(1);
    const aiko = JSON.stringify(dmsTo("U0HTA")[0]!.args.blocks);
    expect(aiko).toContain("The renewal price doubled.");
    expect(aiko).toContain("Invoices are confusing.");
    expect(aiko).toContain(resolution);
    expect(dmsTo("U0HTB")).toHaveLength(1);
    expect(JSON.stringify(dmsTo("U0HTB")[0]!.args.blocks)).not.toContain("CSV export drops accents.");

    const after = await homeAfter(who.userId, published);
    expect(themeSections(after.blocks)[0].text.text).toContain("`pricing` · Done · 3 customers · 3 voices (0 open)");
    for (const i of stored.slice(0, 3)) expect(workBlock(after, i.id)).toBeUndefined();
    expect(workBlock(after, stored[3]!.id)).toBeDefined();

    // Slack resubmits the same view (same id and hash): nothing new is stored, posted or sent.
    const again = (await (await h.t.interact(submit)).json()) as any;
    expect(JSON.stringify(again.view)).toContain("Theme `pricing` was already Done: nothing changed.");
    await h.t.idle();
    expect(await h.store.db.themeChange.count({ where: { teamId: w.teamId } })).toBe(1);
    expect(await h.store.db.loopClosure.count({ where: { teamId: w.teamId } })).toBe(2);
    expect(dmsTo("U0HTA")).toHaveLength(1);
    expect(dmsTo("U0HTB")).toHaveLength(1);
    expect(threadLines("C0HWTHEME", w.tsOf(stored[0]!.id))).toHaveLength(1);
  });

  it("/insight themes ranks themes by distinct customers, `value` by value at risk, a team keeps its voices; App Home ranks them either way as each person picks; Japanese readers get it in Japanese; the Update button opens the theme modal; a guest is refused", async () => {
    const w = await workspace("C0HWLIST", [
      { author: "U0HLA", customer: "Initech", themes: "audit", quote: "Audit log please." },
      { author: "U0HLA", customer: "Hooli", themes: "audit", quote: "Who changed this setting?" },
      { author: "U0HLA", customer: "Umbrella", themes: "audit", quote: "We need an audit trail for compliance." },
      { author: "U0HLB", customer: "Acme", themes: "sso", quote: "We need SSO." },
      { author: "U0HLB", customer: "Globex", themes: "sso", quote: "Single sign-on is a must for us." },
      { author: "U0HLB", customer: "Soylent", themes: "exports", quote: "CSV export drops accents." },
    ]);
    const db = h.store.db;
    // Linked customers' state at capture: value at risk = revenue × (1 − P(alive)).
    const link = async (insightId: string, externalId: string, revenue: string, pAlive: number) => {
      const c = await db.customer.create({ data: { teamId: w.teamId, externalId, name: externalId } });
      await db.insight.update({ where: { id: insightId }, data: { customerId: c.id, customerRevenue: revenue, customerPAlive: pAlive, customerLinkedAt: new Date() } });
    };
    await link(w.insights[3]!.id, "ACME", "1000.00", 0.5); // sso: 500
    await link(w.insights[4]!.id, "GLOBEX", "400.00", 0.5); // sso: 200
    await link(w.insights[5]!.id, "SOYLENT", "2000.00", 0.1); // exports: 1800
    // Only the sso voices are for support too.
    await db.insight.updateMany({ where: { id: { in: [w.insights[3]!.id, w.insights[4]!.id] } }, data: { teams: ["sales", "support"] } });
    h.t.fake.users.set("U0HLJA", { locale: "ja-JP", real_name: "山田 花子", display_name: "山田" });
    const en: Who = { teamId: w.teamId, userId: "U0HLEN" };
    const ja: Who = { teamId: w.teamId, userId: "U0HLJA" };
    const answer = async (who: Who, text: string) => {
      const { responseId } = await h.t.command(who, "/insight", text);
      await h.t.idle();
      return h.t.fake.waitForResponse(responseId);
    };
    const order = (r: any) => themeSections(r.blocks).map((b: any) => b.accessory.value);

    const byCustomers = await answer(en, "themes");
    expect(byCustomers.response_type).toBe("ephemeral");
    expect(order(byCustomers)).toEqual(["audit", "sso", "exports"]);
    expect(byCustomers.blocks[0].text.text).toBe("*Themes by customers*");
    expect(themeSections(byCustomers.blocks)[1].text.text).toBe("`sso` · Open · 2 customers · 2 voices (2 open) · value at risk 700.00");

    const byValue = await answer(en, "themes value");
    expect(order(byValue)).toEqual(["exports", "sso", "audit"]);
    expect(byValue.blocks[0].text.text).toBe("*Themes by customer value at risk*");
    expect(order(await answer(en, "themes support")).sort()).toEqual(["sso"]);
    expect(order(await answer(en, "themes VALUE sales"))).toEqual(["exports", "sso", "audit"]);
    expect((await answer(en, "themes everything")).text).toContain("Usage: `/insight themes [team] [value]`");

    // App Home ranks by customers until the person picks value at risk; the choice is kept for them.
    const home = await openHome(w.teamId, en.userId);
    expect(order(home)).toEqual(["audit", "sso", "exports"]);
    const sortMenu = home.blocks.find((b: any) => b.block_id === "home_theme_sort");
    expect([sortMenu.text.text, sortMenu.accessory.action_id, sortMenu.accessory.initial_option.value]).toEqual(["*Themes by customers*", "home_theme_sort", "customers"]);
    const beforeSort = publishesFor(en.userId).length;
    await h.t.interact(
      homeAction(en, {
        type: "static_select",
        action_id: "home_theme_sort",
        block_id: "home_theme_sort",
        selected_option: { text: { type: "plain_text", text: "By value at risk", emoji: true }, value: "value" },
      }),
    );
    await h.t.idle();
    const sorted = await homeAfter(en.userId, beforeSort);
    expect(order(sorted)).toEqual(["exports", "sso", "audit"]);
    expect(sorted.blocks.find((b: any) => b.block_id === "home_theme_sort").accessory.initial_option.value).toBe("value");
    expect(await db.userProfile.findUniqueOrThrow({ where: { teamId_userId: { teamId: w.teamId, userId: en.userId } } })).toMatchObject({
      themeSort: "value",
      teams: ["product", "support", "sales", "marketing"],
    });

    const japanese = await answer(ja, "themes value");
    expect(order(japanese)).toEqual(["exports", "sso", "audit"]);
    expect(japanese.blocks[0].text.text).toBe("*リスク金額の大きいテーマ*");
    expect(themeSections(japanese.blocks)[0].text.text).toBe("`exports` ・ 対応中 ・ 顧客数 1 ・ 顧客の声 1件（対応中 1件） ・ リスク金額 1,800.00");
    expect(themeSections(japanese.blocks)[0].accessory.text.text).toBe("更新");

    // The Update button on the ephemeral answer opens the modal in the clicker's language (not from Home).
    const click = messageBlockAction(ja, {
      channelId: "C0HWLIST",
      messageTs: "1700000000.000100",
      message: { text: japanese.text, blocks: japanese.blocks },
      responseUrl: h.t.fake.responseUrl("themes-click"),
      action: { type: "button", actionId: "theme_open", blockId: "b1", value: "sso", label: "更新" },
    });
    (click.container as any).is_ephemeral = true;
    await h.t.interact(click);
    await h.t.idle();
    const modal = (await h.t.fake.waitFor("views.open", (c) => c.args.trigger_id === click.trigger_id)).args.view;
    expect(JSON.parse(modal.private_metadata)).toEqual({ theme: "sso", fromHome: false });
    expect(modal.title.text).toBe("テーマの対応");
    expect(modal.blocks[1].element.options.map((o: any) => [o.value, o.text.text])).toEqual([
      ["planned", "対応予定"],
      ["done", "対応完了"],
      ["wont_do", "対応見送り"],
    ]);
    const saved = (await (
      await h.t.interact(
        viewSubmission(ja, { callbackId: "theme_work_modal", values: themeValues("planned", "", ""), privateMetadata: modal.private_metadata, viewId: "VHWLIST1" }),
      )
    ).json()) as any;
    expect(JSON.stringify(saved.view)).toContain("テーマ `sso` を「対応予定」にしました。顧客の声2件も更新しました。");
    await h.t.idle();
    expect((await db.themeChange.findFirstOrThrow({ where: { teamId: w.teamId } })).source).toBe("button");

    h.t.fake.users.set("U0HLGUEST", { is_restricted: true, locale: "ja-JP" });
    const refused = await answer({ teamId: w.teamId, userId: "U0HLGUEST" }, "themes");
    expect(refused.text).toBe("ゲストの方も顧客の声の記録やストーリーの共有はできますが、顧客データはこのワークスペースのメンバーにのみ表示されます。");
    expect(refused.blocks).toBeUndefined();
    // A theme modal submitted by a guest (a forged or stale view) is refused in the modal, and nothing changes.
    const forged = await h.t.interact(
      viewSubmission(
        { teamId: w.teamId, userId: "U0HLGUEST" },
        { callbackId: "theme_work_modal", values: themeValues("done", "", ""), privateMetadata: JSON.stringify({ theme: "audit", fromHome: false }), viewId: "VHWLIST2" },
      ),
    );
    expect(((await forged.json()) as any).errors.theme_status).toBe(refused.text);
    expect(await db.themeChange.count({ where: { teamId: w.teamId } })).toBe(1);
    expect(await db.insight.count({ where: { teamId: w.teamId, status: "done" } })).toBe(0);
  });
});
