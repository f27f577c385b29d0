import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { runHousekeeping } from "../../src/jobs/housekeeping.js";
import { runWeeklyRefit } from "../../src/jobs/refit-models.js";
import { createLogger } from "../../src/log.js";
import { createApiToken } from "../../src/services/api-tokens/api-tokens.js";
import { activeSubscriptions } from "../../src/services/digest/digest-runs.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { eventCallback } from "../slack/payloads.js";

const DAY = 86_400_000;
const silent = createLogger("silent");

/** Rows per table that has a teamId column, for one workspace (tables with none left out). */
async function rowsOf(db: Db, teamId: string): Promise<Record<string, number>> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    `select table_name::text as name from information_schema.columns where table_schema = current_schema() and column_name = 'teamId' order by 1`,
  );
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    const [{ n }] = (await db.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from "${name}" where "teamId" = $1`, teamId)) as [{ n: number }];
    if (n > 0) out[name] = n;
  }
  return out;
}

/** One row (or more) in every table a workspace uses. */
async function seedWorkspace(db: Db, teamId: string) {
  await db.workspace.create({ data: { teamId, timeZone: "Asia/Tokyo" } });
  await db.insightRoute.create({ data: { teamId, team: "support", channelId: "C0SUP", setBy: "U1" } });
  await db.sharedChannelAllowance.create({ data: { teamId, channelId: "C0EXT", allowedBy: "U1" } });
  const insight = await db.insight.create({
    data: {
      teamId,
      sourceKey: "k1",
      customer: "Acme",
      source: "call",
      sentiment: "negative",
      themes: ["price"],
      quote: "Too expensive",
      teams: ["support"],
      authorId: "U1",
      searchText: "acme",
    },
  });
  await db.story.create({ data: { teamId, sourceKey: "s1", kind: "win", title: "Saved Acme", happened: "h", learned: "l", authorId: "U1" } });
  await db.postedMessage.create({ data: { teamId, channelId: "C0SUP", ts: "1700000000.000100", kind: "insight", insightId: insight.id, authorId: "U1" } });
  await db.vote.create({ data: { teamId, channelId: "C0SUP", ts: "1700000000.000100", voterId: "U2", emoji: "star" } });
  await db.processedEvent.create({ data: { eventId: `Ev-${teamId}`, teamId } });
  const customer = await db.customer.create({ data: { teamId, externalId: "C1", name: "Acme" } });
  await db.purchase.create({ data: { teamId, customerId: customer.id, dedupKey: "p1", at: new Date("2024-01-01T00:00:00Z"), amount: "10.00" } });
  await db.surveyResponse.create({ data: { teamId, customerId: customer.id, dedupKey: "s1", kind: "nps", score: 9, at: new Date("2024-01-02T00:00:00Z") } });
  const sub = await db.digestSubscription.create({
    data: { teamId, channelId: "C0SUP", frequency: "weekly", day: 1, time: "09:00", timeZone: "UTC", locale: "en", createdBy: "U1" },
  });
  await db.digestRun.create({ data: { subscriptionId: sub.id, teamId, scheduledFor: new Date("2024-01-01T09:00:00Z"), status: "posted" } });
  await db.modelFit.create({ data: { teamId, asOf: new Date("2024-01-01"), unitDays: 7, customers: 1, repeatCustomers: 0, converged: false, status: "not_enough_data" } });
  await db.chartImage.create({ data: { teamId, key: "kpi-trend|2024-01-01|en", fileId: "F1", altText: "a", title: "t" } });
  await db.userProfile.create({ data: { teamId, userId: "U1", teams: ["support"] } });
}

describe.each(storeKinds())("app_uninstalled, tokens_revoked, reinstall and the workspace erase on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store, { ERASE_GRACE_DAYS: "10" });
  });
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  const uninstall = async (teamId: string, eventId?: string) => {
    const res = await t.event(eventCallback(teamId, { type: "app_uninstalled" }, eventId ? { eventId } : {}));
    expect(res.status).toBe(200);
    await t.idle();
  };
  const kpis = (token: string) => fetch(`${t.baseUrl}/api/v1/kpis`, { headers: { authorization: `Bearer ${token}` } });
  const subscriptionsRunning = async (teamId: string) => (await activeSubscriptions(store.db)).filter((s) => s.teamId === teamId).length;

  it("app_uninstalled revokes API tokens and pauses digests at once, and schedules the erase after ERASE_GRACE_DAYS; a retry keeps the date", async () => {
    const teamId = newTeamId();
    await seedWorkspace(store.db, teamId);
    const token = await createApiToken({ db: store.db, teamId }, { label: "crm", createdBy: "U1" });
    expect((await kpis(token)).status).toBe(200);
    expect(await subscriptionsRunning(teamId)).toBe(1);

    const before = Date.now();
    await uninstall(teamId, `Ev-un-${teamId}`);
    expect((await kpis(token)).status).toBe(401);
    expect(await subscriptionsRunning(teamId)).toBe(0);
    expect(await store.db.digestSubscription.findFirstOrThrow({ where: { teamId } })).toMatchObject({ pauseReason: "uninstalled" });
    const w = await store.db.workspace.findUniqueOrThrow({ where: { teamId } });
    expect(w.eraseAfter!.getTime() - w.uninstalledAt!.getTime()).toBe(10 * DAY);
    expect(w.uninstalledAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    // The weekly refit leaves the workspace alone (it has purchases).
    const refits = await runWeeklyRefit({ db: store.db, now: new Date(), log: silent });
    expect(refits.map((r) => r.teamId)).not.toContain(teamId);

    await uninstall(teamId); // another delivery, later
    expect((await store.db.workspace.findUniqueOrThrow({ where: { teamId } })).eraseAfter).toEqual(w.eraseAfter);
    // Data is all still there during the grace period.
    expect(await store.db.insight.count({ where: { teamId } })).toBe(1);
  });

  it("the housekeeping job erases every row of the workspace once the grace period is over, and nothing of other workspaces", async () => {
    const teamId = newTeamId();
    const other = newTeamId();
    await seedWorkspace(store.db, teamId);
    await seedWorkspace(store.db, other);
    await createApiToken({ db: store.db, teamId }, { label: "crm", createdBy: "U1" });
    await uninstall(teamId);
    const { eraseAfter } = await store.db.workspace.findUniqueOrThrow({ where: { teamId } });
    const seeded = await rowsOf(store.db, teamId);
    expect(Object.keys(seeded).sort()).toEqual([
      "ApiToken",
      "ChartImage",
      "Customer",
      "CustomerNameWord",
      "DigestRun",
      "DigestSubscription",
      "Insight",
      "InsightRoute",
      "KpiCustomer",
      "ModelFit",
      "PostedMessage",
      "ProcessedEvent",
      "Purchase",
      "SharedChannelAllowance",
      "Story",
      "SurveyResponse",
      "UserProfile",
      "Vote",
      "Workspace",
    ]);
    // The other workspace keeps everything (its old Slack event id goes by the daily TTL).
    const { ProcessedEvent: _old, ...otherRows } = await rowsOf(store.db, other);

    // (Workspaces of the other tests, uninstalled earlier, may be erased by these runs too: count rows, not workspaces.)
    await runHousekeeping({ db: store.db, now: new Date(eraseAfter!.getTime() - 1000) });
    // Only the old Slack event id went (the daily TTL, not the erase).
    const { ProcessedEvent: _gone, ...kept } = seeded;
    expect(await rowsOf(store.db, teamId)).toEqual(kept);

    const due = await runHousekeeping({ db: store.db, now: eraseAfter! });
    expect(due.workspacesErased).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(store.db, teamId)).toEqual({});
    expect(await rowsOf(store.db, other)).toEqual(otherRows);
    expect((await runHousekeeping({ db: store.db, now: eraseAfter! })).workspacesErased).toBe(0);
  });

  it("reinstalling (a slash command, or opening App Home) cancels the erase and resumes the digests; a reaction does not", async () => {
    const teamId = newTeamId();
    await seedWorkspace(store.db, teamId);
    await uninstall(teamId);
    t.fake.join("C0SUP"); // the bot posted there: Slack sends it the channel's reactions
    const res = await t.event(
      eventCallback(teamId, {
        type: "reaction_added",
        user: "U2",
        reaction: "star",
        item: { type: "message", channel: "C0SUP", ts: "1700000000.000100" },
        item_user: "UBOT0000001",
      }),
    );
    expect(res.status).toBe(200);
    await t.idle();
    expect((await store.db.workspace.findUniqueOrThrow({ where: { teamId } })).eraseAfter).not.toBeNull();

    const { responseId } = await t.command({ teamId, userId: "U1" }, "/kpi", "help");
    await t.fake.waitForResponse(responseId);
    const w = await store.db.workspace.findUniqueOrThrow({ where: { teamId } });
    expect(w).toMatchObject({ uninstalledAt: null, eraseAfter: null, timeZone: "Asia/Tokyo" });
    expect(await subscriptionsRunning(teamId)).toBe(1);
    await runHousekeeping({ db: store.db, now: new Date(Date.now() + 365 * DAY) });
    expect(await store.db.insight.count({ where: { teamId } })).toBe(1);
    expect(await store.db.workspace.count({ where: { teamId } })).toBe(1);

    await uninstall(teamId);
    await t.event(eventCallback(teamId, { type: "app_home_opened", user: "U1", channel: "D0HOME", tab: "home" }));
    await t.idle();
    expect((await store.db.workspace.findUniqueOrThrow({ where: { teamId } })).eraseAfter).toBeNull();
  });

  it("tokens_revoked counts when the bot token is revoked, not when only user tokens are", async () => {
    const teamId = newTeamId();
    const token = await createApiToken({ db: store.db, teamId }, { label: "crm", createdBy: "U1" });
    await t.event(eventCallback(teamId, { type: "tokens_revoked", tokens: { oauth: ["U1"] } }));
    await t.idle();
    expect((await kpis(token)).status).toBe(200);
    expect(await store.db.workspace.findUnique({ where: { teamId } })).toBeNull();

    await t.event(eventCallback(teamId, { type: "tokens_revoked", tokens: { bot: ["UBOT0000001"] } }));
    await t.idle();
    expect((await kpis(token)).status).toBe(401);
    expect((await store.db.workspace.findUniqueOrThrow({ where: { teamId } })).eraseAfter).not.toBeNull();
  });
});
