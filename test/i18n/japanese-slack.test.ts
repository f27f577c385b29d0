// A Japanese-locale team in Slack, end to end: real signed commands to the real bot; users.info says ja-JP.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addDays, defaultPeriod } from "../../src/domain/time/calendar.js";
import { translator } from "../../src/i18n/index.js";
import { updateWorkspace } from "../../src/services/settings/update-workspace.js";
import { useTestBot } from "../helpers/bot.js";
import { markerProblems, mrkdwnTexts } from "../helpers/mrkdwn-markers.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { insertCustomers } from "../kpi/fixtures.js";

describe.each(storeKinds())("a Japanese team on %s", (kind) => {
  // Channel posts are in the workspace default language: Japanese here.
  const h = useTestBot(kind, { DEFAULT_LOCALE: "ja" });
  const member = (teamId: string) => {
    h.t.fake.users.set("U0JAMEMBER", { locale: "ja-JP", display_name: "佐藤 花子", real_name: "Hanako Sato" });
    return { teamId, userId: "U0JAMEMBER" };
  };
  const admin = (teamId: string) => {
    h.t.fake.users.set("U0JAADMIN", { locale: "ja-JP", is_admin: true, display_name: "管理 太郎" });
    return { teamId, userId: "U0JAADMIN" };
  };
  // Every message the bot sends in these flows must render its emphasis: checked after each test.
  let seen = { calls: 0, responses: 0 };
  beforeEach(() => {
    seen = { calls: h.t.fake.calls.length, responses: h.t.fake.responses.length };
  });
  afterEach(() => {
    const sent = [
      ...h.t.fake.calls
        .slice(seen.calls)
        .filter((c) => c.method.startsWith("chat."))
        .map((c) => c.args),
      ...h.t.fake.responses.slice(seen.responses).map((r) => r.body),
    ];
    expect(sent.length).toBeGreaterThan(0);
    const problems = sent.flatMap((p) => mrkdwnTexts(p)).flatMap((text) => markerProblems(text).map((m) => `${m.reason} ${m.marker} in “${m.near}”`));
    expect(problems).toEqual([]);
  });
  const reply = async (who: { teamId: string; userId: string }, command: string, text: string) =>
    h.t.fake.waitForResponse((await h.t.command(who, command, text)).responseId, 20_000);

  it("without data, a business user is told to ask an admin; the admin is shown the import command", async () => {
    const teamId = newTeamId();
    const forMember = await reply(member(teamId), "/kpi", "");
    expect(forMember.text).toContain("顧客データと購入データの取り込みを管理者に依頼してください。");
    expect(JSON.stringify(forMember)).not.toContain("npm run");
    const forAdmin = await reply(admin(teamId), "/kpi", "");
    expect(forAdmin.text).toContain("サーバーで `npm run import` を実行するか");
  });

  it("an admin sets the customer counter to 社 and /kpi counts companies; members may read it but not change it", async () => {
    const teamId = newTeamId();
    const { from, to } = defaultPeriod(new Date(), "UTC");
    const at = (day: string) => `${day}T12:00:00Z`;
    await updateWorkspace({ db: h.store.db, teamId }, { activityWindowDays: 10 });
    await insertCustomers(h.store.db, teamId, [
      {
        ext: "A",
        purchases: [
          [at(addDays(from, -5)), "10.00"],
          [at(addDays(to, -3)), "30.00"],
        ],
      },
      { ext: "B", purchases: [[at(addDays(from, -5)), "20.00"]] },
    ]);
    expect((await reply(member(teamId), "/kpi", "")).blocks.flatMap(mrkdwnTexts)).toContain("2人中1人が継続");

    expect((await reply(member(teamId), "/kpi", "settings counter 社")).text).toBe(translator("ja")("error.notAdmin"));
    expect((await reply(admin(teamId), "/kpi", "settings counter 本")).text).toContain("使い方: `/kpi settings counter 人|社|件`");
    expect((await h.store.db.workspace.findUniqueOrThrow({ where: { teamId } })).customerCounter).toBe("people");

    expect((await reply(admin(teamId), "/kpi", "settings counter 社")).text).toBe("日本語のメッセージで顧客を「社」で数えるように設定しました。");
    expect((await h.store.db.workspace.findUniqueOrThrow({ where: { teamId } })).customerCounter).toBe("companies");
    expect((await reply(member(teamId), "/kpi", "settings")).text).toContain("日本語のメッセージでは顧客を「社」で数えます");
    const kpis = await reply(member(teamId), "/kpi", "");
    expect(kpis.blocks.flatMap(mrkdwnTexts)).toContain("2社中1社が継続");
    expect(kpis.text).toContain("リテンション率: 50%");

    // English readers still read "customers", whatever the counter.
    h.t.fake.users.set("U0EN", { locale: "en-US" });
    const en = await reply({ teamId, userId: "U0EN" }, "/kpi", "");
    expect(en.blocks.flatMap(mrkdwnTexts)).toContain("1 of 2 kept");
  });

  it("a customer voice is posted naming who logged it, without a mention, in the channel's Japanese", async () => {
    const teamId = newTeamId();
    await reply(admin(teamId), "/insight", "route support <#C0JASUP|support>");
    const saved = await reply(member(teamId), "/insight", "- 山田商事: 請求書の形式が分かりにくいです #support");
    expect(saved.text).toContain("*山田商事* の声を保存しました。");
    const post = await h.t.fake.waitFor("chat.postMessage", (c) => c.args.channel === "C0JASUP");
    const texts = mrkdwnTexts(post.args).join("\n");
    expect(texts).toContain("・記録者: 佐藤 花子・対象チーム: サポート");
    expect(texts).not.toMatch(/<@U/);
  });

  it("the Japanese help names the shortcuts as Slack shows them (the manifest's English names)", async () => {
    const teamId = newTeamId();
    const story = (await reply(member(teamId), "/story", "help")).text;
    expect(story).toContain("ショートカット（⚡）の *Share a win or failure* でフォームを開きます");
    expect(story).not.toContain("「成功・失敗を共有」");
    const insight = (await reply(member(teamId), "/insight", "help")).text;
    expect(insight).toContain("*Save as customer insight* を選ぶと");
    expect(insight).not.toContain("「顧客の声として保存」");
  });
});
