// Outreach in the workspace export (GET /api/v1/export?kind=outreach, JSON and CSV) and in customer erasure.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createApiToken } from "../../src/services/api-tokens/api-tokens.js";
import { useTestBot } from "../helpers/bot.js";
import { newTeamId, storeKinds } from "../helpers/store.js";
import { seedPurchases } from "../prediction/seed.js";

describe.each(storeKinds())("outreach in the export and erasure on %s", (kind) => {
  const h = useTestBot(kind, {}, { now: () => new Date("2024-07-02T09:00:00Z") });
  const api = (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${h.t.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  it("exports every outreach row of the workspace (JSON; CSV cells defused); erasing a customer removes theirs and nothing else", async () => {
    const teamId = newTeamId();
    await seedPurchases(h.store.db, teamId, [], [{ externalId: "ACME-1" }, { externalId: "BETA-2" }]);
    const token = await createApiToken({ db: h.store.db, teamId }, { label: "crm", createdBy: "U0ADMIN" });
    const other = newTeamId();
    await seedPurchases(h.store.db, other, [], [{ externalId: "ACME-1" }]);
    const otherToken = await createApiToken({ db: h.store.db, teamId: other }, { label: "crm", createdBy: "U0ADMIN" });
    const log = (t: string, customer: string, note: string, key: string) =>
      api("POST", "/api/v1/outreach", t, { customer, owner: "U0AIKO", date: "2024-07-01", channel: "email", note }, { "idempotency-key": key });
    expect((await log(token, "ACME-1", '=HYPERLINK("http://x")', "k1")).status).toBe(201);
    expect((await log(token, "BETA-2", "Sent the renewal offer", "k2")).status).toBe(201);
    expect((await log(otherToken, "ACME-1", "Other workspace", "k3")).status).toBe(201);

    const json = (await (await api("GET", "/api/v1/export?kind=outreach", token)).json()) as any;
    expect(json.kind).toBe("outreach");
    const rows = json.items as any[];
    expect(rows.map((r) => [r.customer, r.ownerId, r.channel, r.note, r.source, r.windowDays, r.contactedAt])).toEqual([
      ["ACME-1", "U0AIKO", "email", '=HYPERLINK("http://x")', "api", 30, "2024-07-01T00:00:00.000Z"],
      ["BETA-2", "U0AIKO", "email", "Sent the renewal offer", "api", 30, "2024-07-01T00:00:00.000Z"],
    ]);
    const csv = await api("GET", "/api/v1/export?kind=outreach", token, undefined, { accept: "text/csv" });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const table = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(table.map((r) => [r.customer, r.note])).toEqual([
      ["ACME-1", `'=HYPERLINK("http://x")`],
      ["BETA-2", "Sent the renewal offer"],
    ]);

    expect((await api("DELETE", "/api/v1/customers/ACME-1", token)).status).toBe(200);
    const after = (await (await api("GET", "/api/v1/export?kind=outreach", token)).json()) as any;
    expect((after.items as any[]).map((r) => r.customer)).toEqual(["BETA-2"]);
    expect(await h.store.db.outreach.count({ where: { teamId: other } })).toBe(1);
  });
});
