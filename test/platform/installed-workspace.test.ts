import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";

const TOKEN = "installed-workspace-token-0123456789";

// INGEST_TOKEN without INGEST_TEAM_ID writes into the workspace the bot is installed in (auth.test), and an
// admin's `/kpi help` names that workspace's id, which nothing else in Slack shows.
describe.each(storeKinds())("the installed workspace on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  const teamId = newTeamId();
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store, { INGEST_TOKEN: TOKEN });
    t.fake.on("auth.test", () => ({
      ok: true,
      url: "https://acme.slack.com/",
      team: "Acme Retention",
      user: "retention-desk",
      team_id: teamId,
      user_id: t.fake.botUserId,
      bot_id: "B0000001",
    }));
    t.fake.users.set("U0ADMIN", { is_admin: true });
    t.fake.users.set("U0ADMINJA", { is_admin: true, locale: "ja-JP" });
    t.fake.users.set("U0MEMBER", { is_admin: false });
  });
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  it("INGEST_TOKEN alone writes into the installed workspace", async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/purchases`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ records: [{ id: "order-1", customerId: "C1", at: "2026-10-05T12:00:00Z", amount: 30 }] }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, errors: [] });
    const rows = await store.db.purchase.findMany({ where: { externalId: "order-1" }, select: { teamId: true } });
    expect(rows).toEqual([{ teamId }]);
  });

  it("an admin's /kpi help names the workspace's id and name; a member's does not", async () => {
    const admin = await t.command({ teamId, userId: "U0ADMIN" }, "/kpi", "help");
    const adminText = (await t.fake.waitForResponse(admin.responseId)).text as string;
    expect(adminText).toContain(
      `Admins: this workspace is Acme Retention, id \`${teamId}\`. Data imports and the ingestion API use this id (INGEST_TEAM_ID, \`npm run import -- ... --team ${teamId}\`).`,
    );
    const ja = await t.command({ teamId, userId: "U0ADMINJA" }, "/kpi", "help");
    expect((await t.fake.waitForResponse(ja.responseId)).text).toContain(`管理者の方へ：このワークスペースは Acme Retention（ID \`${teamId}\`）です。`);
    const member = await t.command({ teamId, userId: "U0MEMBER" }, "/kpi", "help");
    const memberText = (await t.fake.waitForResponse(member.responseId)).text as string;
    expect(memberText).toContain("/kpi cohorts");
    expect(memberText).not.toContain(teamId);
  });
});
