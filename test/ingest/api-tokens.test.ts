import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTokenCommand } from "../../src/domain/api-tokens/parse-token-command.js";
import { createApiToken } from "../../src/services/api-tokens/api-tokens.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";

const ENV_TOKEN = "env-ingest-token-for-scopes-0123456789";

describe("parseTokenCommand", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  it("reads label, scope and expiry in any order; read-only only when asked", () => {
    expect(parseTokenCommand([], now)).toEqual({ verb: "create", scopes: ["read", "write"], expiresAt: null });
    expect(parseTokenCommand(["bi", "read", "expires", "90d"], now)).toEqual({ verb: "create", label: "bi", scopes: ["read"], expiresAt: new Date("2027-03-01T10:00:00Z") });
    expect(parseTokenCommand(["expires=2026-12-31", "crm"], now)).toEqual({ verb: "create", label: "crm", scopes: ["read", "write"], expiresAt: new Date("2027-01-01T00:00:00Z") });
    expect(parseTokenCommand(["revoke", "1a2b3c4d"], now)).toEqual({ verb: "revoke", ref: "1a2b3c4d" });
    expect(parseTokenCommand(["list"], now)).toEqual({ verb: "list" });
  });
  it("refuses a past day, an impossible day, zero days and a second label", () => {
    expect(parseTokenCommand(["bi", "expires", "2026-11-30"], now)).toBe("badExpiry");
    expect(parseTokenCommand(["bi", "expires", "2027-02-30"], now)).toBe("badExpiry");
    expect(parseTokenCommand(["bi", "expires", "0d"], now)).toBe("badExpiry");
    expect(parseTokenCommand(["bi", "expires"], now)).toBe("usage");
    expect(parseTokenCommand(["bi", "crm"], now)).toBe("usage");
    expect(parseTokenCommand(["revoke"], now)).toBe("usage");
  });
});

describe.each(storeKinds())("API token scopes, expiry, listing and fit rate limit on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  const envTeam = newTeamId();
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store, { INGEST_TOKEN: ENV_TOKEN, INGEST_TEAM_ID: envTeam, FIT_RATE_LIMIT_PER_HOUR: "2" });
    t.fake.users.set("U0ADMIN", { is_admin: true });
  });
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${t.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const slack = async (teamId: string, text: string, userId = "U0ADMIN") => {
    const { responseId } = await t.command({ teamId, userId }, "/kpi", text);
    return (await t.fake.waitForResponse(responseId)).text as string;
  };
  const tokenOf = (reply: string) => /`(rd_[A-Za-z0-9_-]+)`/.exec(reply)?.[1] ?? "";

  it("a read token reads KPIs but gets 403 for ingestion, erase and model fit; nothing is stored", async () => {
    const teamId = newTeamId();
    const created = await slack(teamId, "token bi read");
    expect(created).toContain("API token *bi* created (read only; no expiry)");
    const token = tokenOf(created);
    expect((await call("GET", "/api/v1/kpis", token)).status).toBe(200);
    const ingest = await call("POST", "/api/v1/purchases", token, { records: [{ customerId: "C1", at: "2024-01-01", amount: 1 }] });
    expect(ingest.status).toBe(403);
    expect(await ingest.json()).toEqual({ error: "this API token lacks the write scope", scope: "write" });
    expect((await call("POST", "/api/v1/model/fit", token)).status).toBe(403);
    expect((await call("DELETE", "/api/v1/customers/C1", token)).status).toBe(403);
    expect(await store.db.purchase.count({ where: { teamId } })).toBe(0);
    expect(await store.db.modelFit.count({ where: { teamId } })).toBe(0);
    const stored = await store.db.apiToken.findFirstOrThrow({ where: { teamId } });
    expect(stored.scopes).toEqual(["read"]);
  });

  it("a token stored without scopes (no scopes column given) gets read and write", async () => {
    const teamId = newTeamId();
    await store.db.$executeRawUnsafe(
      `insert into "ApiToken" (id, "teamId", "tokenHash", label, "createdBy") values (gen_random_uuid(), $1, $2, 'old', 'U1')`,
      teamId,
      `hash-${teamId}`,
    );
    expect((await store.db.apiToken.findFirstOrThrow({ where: { teamId } })).scopes).toEqual(["read", "write"]);
  });

  it("an expired token gets 401; `expires 30d` sets the expiry and the list shows it", async () => {
    const teamId = newTeamId();
    const reply = await slack(teamId, "token nightly expires 30d");
    const token = tokenOf(reply);
    const row = await store.db.apiToken.findFirstOrThrow({ where: { teamId } });
    const days = (row.expiresAt!.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);
    expect(reply).toContain(`read and write; expires after ${new Date(row.expiresAt!.getTime() - 1).toISOString().slice(0, 10)} (UTC)`);
    expect((await call("GET", "/api/v1/kpis", token)).status).toBe(200);

    const past = await createApiToken({ db: store.db, teamId }, { label: "old", createdBy: "U0ADMIN", expiresAt: new Date(Date.now() - 1000) });
    const res = await call("GET", "/api/v1/kpis", past);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "missing or invalid API token" });
    const list = await slack(teamId, "token list");
    expect(list).toMatch(/\*old\* \(id `[0-9a-f]{8}`, read and write, expired after \d{4}-\d{2}-\d{2} \(UTC\)\)/);
    expect(await slack(teamId, "token bi expires 2020-01-01")).toBe("The expiry is a number of days such as `90d` (1 to 3650) or a future day `YYYY-MM-DD`.");
  });

  it("lists INGEST_TOKEN as from the environment (only in its workspace), refuses to revoke it, and revokes stored tokens by id", async () => {
    const created = await slack(envTeam, "token crm");
    const token = tokenOf(created);
    const row = await store.db.apiToken.findFirstOrThrow({ where: { teamId: envTeam, label: "crm" } });
    const list = await slack(envTeam, "token list");
    expect(list.split("\n")).toEqual([
      "API tokens:",
      "• *INGEST_TOKEN* from the environment (read and write, no expiry): to revoke it, remove it from the bot's environment and restart the bot.",
      `• *crm* (id \`${row.id.slice(0, 8)}\`, read and write, no expiry), created by <@U0ADMIN> on ${row.createdAt.toISOString().slice(0, 10)}, last used never`,
    ]);
    expect(await slack(newTeamId(), "token list")).toBe("This workspace has no active API tokens. Create one with `/kpi token [label]`.");
    expect(await slack(envTeam, "token revoke INGEST_TOKEN")).toContain("cannot be revoked from Slack");
    expect((await call("GET", "/api/v1/kpis", ENV_TOKEN)).status).toBe(200);

    expect(await slack(envTeam, `token revoke ${row.id.slice(0, 8)}`)).toBe("API token *crm* revoked: requests with it are refused from now on.");
    expect((await call("GET", "/api/v1/kpis", token)).status).toBe(401);

    t.fake.users.set("U0ADMINJA", { is_admin: true, locale: "ja-JP" });
    const ja = await slack(envTeam, "token list", "U0ADMINJA");
    expect(ja).toBe("APIトークン：\n• *INGEST_TOKEN* （環境変数で設定、読み取りと書き込み、有効期限なし）：無効にするには、ボットの環境変数から削除して再起動してください。");
  });

  it("keeps only the hash of INGEST_TOKEN in the configuration", () => {
    expect(JSON.stringify(t.config)).not.toContain(ENV_TOKEN);
    expect(t.config.INGEST_TOKEN).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("answers 429 with Retry-After past FIT_RATE_LIMIT_PER_HOUR fits of one workspace in the last hour; other workspaces still fit", { timeout: 180_000 }, async () => {
    const teamId = newTeamId();
    const token = await createApiToken({ db: store.db, teamId }, { label: "fit", createdBy: "U0ADMIN" });
    // No purchases: each fit is stored quickly as not_enough_data (422), and counts.
    expect((await call("POST", "/api/v1/model/fit?asOf=2024-01-01", token)).status).toBe(422);
    expect((await call("POST", "/api/v1/model/fit?asOf=2024-01-02", token)).status).toBe(422);
    const limited = await call("POST", "/api/v1/model/fit?asOf=2024-01-03", token);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await limited.json()).toEqual({ error: `too many model fits for this workspace: at most 2 per hour; retry after ${retryAfter} s` });
    expect(await store.db.modelFit.count({ where: { teamId } })).toBe(2);
    // An hour later the window has room again.
    await store.db.modelFit.updateMany({ where: { teamId }, data: { createdAt: new Date(Date.now() - 3_601_000) } });
    expect((await call("POST", "/api/v1/model/fit?asOf=2024-01-03", token)).status).toBe(422);

    const other = newTeamId();
    const otherToken = await createApiToken({ db: store.db, teamId: other }, { label: "fit", createdBy: "U0ADMIN" });
    expect((await call("POST", "/api/v1/model/fit?asOf=2024-01-01", otherToken)).status).toBe(422);
  });
});
