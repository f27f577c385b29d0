import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";

const ENV_TOKEN = "env-ingest-token-0123456789abcdef";
const ENV_TEAM = "T0ENVTEAM";

describe.each(storeKinds())("ingestion API on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store, { INGEST_TOKEN: ENV_TOKEN, INGEST_TEAM_ID: ENV_TEAM, API_BODY_LIMIT_BYTES: "200000" });
  });
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${t.baseUrl}/api/v1/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  /** Creates a token the way an admin does: `/kpi token <label>` in Slack; returns it from the ephemeral reply. */
  const tokenFor = async (teamId: string, label = "crm") => {
    t.fake.users.set("U0ADMIN", { is_admin: true });
    const { responseId } = await t.command({ teamId, userId: "U0ADMIN" }, "/kpi", `token ${label}`);
    const reply = await t.fake.waitForResponse(responseId);
    expect(reply.response_type).toBe("ephemeral");
    const token = /`(rd_[A-Za-z0-9_-]+)`/.exec(reply.text)?.[1];
    expect(token, reply.text).toBeDefined();
    return token!;
  };

  it("refuses requests without a token or with a wrong one (401), and stores nothing", async () => {
    const records = [{ customerId: "C-401", at: "2024-01-01", amount: 1 }];
    const none = await post("purchases", { records });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: "missing or invalid API token" });
    expect((await post("purchases", { records }, "rd_not-a-real-token")).status).toBe(401);
    expect((await post("purchases", { records }, `${ENV_TOKEN}x`)).status).toBe(401);
    expect(await store.db.customer.count({ where: { externalId: "C-401" } })).toBe(0);
  });

  it("the INGEST_TOKEN from the environment writes into INGEST_TEAM_ID; resending counts duplicates", async () => {
    const records = [
      { id: "order-1", customerId: "C1", at: "2024-01-05T12:00:00Z", amount: 30, currency: "usd" },
      { customerId: "C1", at: "2024-01-06", amount: "12.50" },
      { customerId: "C1", at: "2024-01-06", amount: "12.50" }, // identical twin: a second purchase
      { customerId: 2, at: 20240107, amount: 1 },
    ];
    const res = await post("purchases", { records }, ENV_TOKEN);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 4, duplicates: 0, errors: [] });
    const again = await post("purchases", { records }, ENV_TOKEN);
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 4, errors: [] });
    const rows = await store.db.purchase.findMany({ where: { teamId: ENV_TEAM }, include: { customer: true }, orderBy: [{ at: "asc" }] });
    expect(rows.map((p) => [p.customer.externalId, p.externalId, p.at.toISOString(), p.amount.toFixed(2), p.currency])).toEqual([
      ["C1", "order-1", "2024-01-05T12:00:00.000Z", "30.00", "USD"],
      ["C1", null, "2024-01-06T00:00:00.000Z", "12.50", null],
      ["C1", null, "2024-01-06T00:00:00.000Z", "12.50", null],
      ["2", null, "2024-01-07T00:00:00.000Z", "1.00", null],
    ]);
  });

  it("answers partial errors with the records' indexes and keeps the valid ones; 400 when nothing is valid", async () => {
    const teamId = newTeamId();
    const token = await tokenFor(teamId);
    const res = await post(
      "survey-responses",
      {
        records: [
          { id: "s1", customerId: "C7", kind: "nps", score: 9, at: "2024-02-01T08:00:00Z", comment: "Fast answers" },
          { kind: "csat", score: 9, at: "2024-02-01" },
          { kind: "nps", score: 3, at: "2024-02-02" },
          "not an object",
        ],
      },
      token,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      accepted: 2,
      duplicates: 0,
      errors: [
        { index: 1, message: "score: must be 1-5 for csat" },
        { index: 3, message: "must be an object" },
      ],
    });
    expect(await store.db.surveyResponse.count({ where: { teamId } })).toBe(2);
    expect(await store.db.customer.findMany({ where: { teamId }, select: { externalId: true } })).toEqual([{ externalId: "C7" }]);

    const bad = await post(
      "purchases",
      {
        records: [
          { customerId: "C1", at: "tomorrow", amount: 1 },
          { at: "2024-01-01", amount: 1 },
        ],
      },
      token,
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: "no valid records",
      accepted: 0,
      duplicates: 0,
      errors: [
        { index: 0, message: "at: must be a date in ISO 8601 (2024-03-01, 2024-03-01T10:00:00Z) or YYYYMMDD" },
        { index: 1, message: "customerId: is required" },
      ],
    });
    const empty = await post("purchases", { records: [] }, token);
    expect(empty.status).toBe(400);
    expect((await post("purchases", { rows: [] }, token)).status).toBe(400);
    expect((await post("purchases", "{not json", token)).status).toBe(400);
  });

  it("customers: given fields overwrite, omitted ones stay, null clears (a churned customer returns)", async () => {
    const teamId = newTeamId();
    const token = await tokenFor(teamId);
    const first = await post("customers", { records: [{ id: "C1", name: "Acme", segment: "smb", signedUpAt: "2023-01-01", churnedAt: "2024-01-31" }] }, token);
    expect(await first.json()).toEqual({ accepted: 1, duplicates: 0, errors: [] });
    const back = await post("customers", { records: [{ id: "C1", churnedAt: null }, { id: "C2" }] }, token);
    expect(await back.json()).toEqual({ accepted: 2, duplicates: 0, errors: [] });
    const same = await post("customers", { records: [{ id: "C1", churnedAt: null, name: "Acme" }] }, token);
    expect(await same.json()).toEqual({ accepted: 0, duplicates: 1, errors: [] });
    const rows = await store.db.customer.findMany({ where: { teamId }, orderBy: { externalId: "asc" } });
    expect(rows.map((c) => [c.externalId, c.name, c.segment, c.signedUpAt?.toISOString() ?? null, c.churnedAt])).toEqual([
      ["C1", "Acme", "smb", "2023-01-01T00:00:00.000Z", null],
      ["C2", null, null, null, null],
    ]);
  });

  it("refuses more than 10,000 records and bodies over the size limit with 413", async () => {
    const teamId = newTeamId();
    const token = await tokenFor(teamId);
    const many = await post("purchases", { records: Array.from({ length: 10_001 }, () => 0) }, token);
    expect(many.status).toBe(413);
    expect(await many.json()).toEqual({ error: "too many records: 10001; send at most 10000 per request" });
    const big = await post("purchases", { records: [{ customerId: "C1", at: "2024-01-01", amount: 1, currency: "x".repeat(250_000) }] }, token);
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: "body larger than 200000 bytes" });
    expect(await store.db.purchase.count({ where: { teamId } })).toBe(0);
  });

  it("/kpi token stores only a hash; revoke makes it 401; only admins may create tokens", async () => {
    const teamId = newTeamId();
    const token = await tokenFor(teamId, "warehouse");
    const stored = await store.db.apiToken.findMany({ where: { teamId } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ label: "warehouse", createdBy: "U0ADMIN", revokedAt: null, tokenHash: createHash("sha256").update(token).digest("hex") });
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(t.rawLogs.join("\n")).not.toContain(token);

    const ok = await post("purchases", { records: [{ customerId: "C1", at: "2024-01-01", amount: 1 }] }, token);
    expect(ok.status).toBe(200);

    const { responseId: taken } = await t.command({ teamId, userId: "U0ADMIN" }, "/kpi", "token warehouse");
    expect((await t.fake.waitForResponse(taken)).text).toContain("already labelled *warehouse*");
    const { responseId: listed } = await t.command({ teamId, userId: "U0ADMIN" }, "/kpi", "token list");
    const list = (await t.fake.waitForResponse(listed)).text as string;
    expect(list).toMatch(/\*warehouse\* \(id `[0-9a-f]{8}`, read and write, no expiry\), created by <@U0ADMIN>/);
    expect(list).not.toContain("never"); // it was just used

    const { responseId: revoked } = await t.command({ teamId, userId: "U0ADMIN" }, "/kpi", "token revoke warehouse");
    expect((await t.fake.waitForResponse(revoked)).text).toBe("API token *warehouse* revoked: requests with it are refused from now on.");
    expect((await post("purchases", { records: [{ customerId: "C1", at: "2024-01-02", amount: 1 }] }, token)).status).toBe(401);
    const { responseId: again } = await t.command({ teamId, userId: "U0ADMIN" }, "/kpi", "token revoke warehouse");
    expect((await t.fake.waitForResponse(again)).text).toContain("No active API token is labelled *warehouse*");

    t.fake.users.set("U0MEMBER", { is_admin: false, locale: "ja-JP" });
    const { responseId: member } = await t.command({ teamId, userId: "U0MEMBER" }, "/kpi", "token");
    expect((await t.fake.waitForResponse(member)).text).toBe(
      "この操作は Retention Desk の管理者（ワークスペースの管理者とオーナー、およびその方々が指定したメンバー）のみが行えます。`/kpi admins` で一覧を表示できます。",
    );
    expect(await store.db.apiToken.count({ where: { teamId, revokedAt: null } })).toBe(0);
  });

  it("a token of workspace A never writes into workspace B", async () => {
    const a = newTeamId();
    const b = newTeamId();
    const tokenA = await tokenFor(a, "a-token");
    await tokenFor(b, "b-token");
    const res = await post("purchases", { records: [{ customerId: "SHARED-ID", at: "2024-03-01", amount: 9 }] }, tokenA);
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, errors: [] });
    expect(await store.db.purchase.count({ where: { teamId: a } })).toBe(1);
    expect(await store.db.purchase.count({ where: { teamId: b } })).toBe(0);
    expect(await store.db.customer.count({ where: { teamId: b } })).toBe(0);
    // The same external ids in B are B's own customers and purchases.
    await store.db.customer.create({ data: { teamId: b, externalId: "SHARED-ID" } });
    const again = await post("purchases", { records: [{ customerId: "SHARED-ID", at: "2024-03-01", amount: 9 }] }, tokenA);
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 1, errors: [] });
    expect(await store.db.purchase.count({ where: { teamId: b } })).toBe(0);
  });
});
