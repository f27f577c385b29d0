import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/db/client.js";
import { deployMigrations } from "../../src/db/migrate.js";
import { createApiToken } from "../../src/services/api-tokens/api-tokens.js";
import { insightSearchText } from "../../src/services/capture/log-insight.js";
import { eraseCustomer } from "../../src/services/privacy/erase-customer.js";
import type { Db } from "../../src/db/client.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";

const root = path.resolve(import.meta.dirname, "..", "..");

/** A purchase history where the erased customer (B) buys between the others, churns and answers surveys. */
const customers = [
  { id: "A", name: "Acme", signedUpAt: "2024-01-02", segment: "pro" },
  { id: "B", name: "Beta Corp", signedUpAt: "2024-01-03", segment: "pro", churnedAt: "2024-03-20" },
  { id: "C", name: "Cobalt", signedUpAt: "2024-01-05", segment: "basic" },
];
const purchases = [
  ["A", "2024-01-04", 10],
  ["B", "2024-01-05", 20],
  ["A", "2024-02-01", 11],
  ["B", "2024-02-02", 21],
  ["C", "2024-02-03", 5],
  ["B", "2024-03-01", 22],
  ["C", "2024-03-02", 6],
  ["A", "2024-03-15", 12],
].map(([customerId, at, amount]) => ({ customerId, at, amount }));
const surveys = [
  { id: "s-a", customerId: "A", kind: "nps", score: 9, at: "2024-02-10", comment: "good" },
  { id: "s-b", customerId: "B", kind: "nps", score: 2, at: "2024-02-11", comment: "Beta's complaint" },
];

describe.each(storeKinds())("erase one customer and export a workspace on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store);
  });
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  const call = async (method: string, url: string, token: string, body?: unknown, accept?: string) =>
    fetch(`${t.baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}), ...(accept ? { accept } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const seed = async (token: string, without?: string) => {
    const keep = (r: { id?: unknown; customerId?: unknown }) => (r.customerId ?? r.id) !== without;
    for (const [kindPath, records] of [
      ["customers", customers.filter(keep)],
      ["purchases", purchases.filter(keep)],
      ["survey-responses", surveys.filter(keep)],
    ] as const) {
      const res = await call("POST", `/api/v1/${kindPath}`, token, { records });
      expect(res.status, kindPath).toBe(200);
    }
  };
  const kpis = async (token: string) => (await (await call("GET", "/api/v1/kpis?from=2024-02-05&to=2024-04-01&window=30", token)).json()) as Record<string, unknown>;
  const rollup = (db: Db, teamId: string) =>
    db.$queryRawUnsafe<unknown[]>(
      `select c."externalId", k."firstPurchaseAt", k."lastPurchaseAt", k."purchaseCount"::int as n, k.revenue::text, k."acquiredAt", k."churnedAt"
         from "KpiCustomer" k join "Customer" c on c.id = k."customerId" where k."teamId" = $1 order by 1`,
      teamId,
    );
  const kpiColumns = (db: Db, teamId: string) =>
    db.$queryRawUnsafe<unknown[]>(
      `select c."externalId", p.at, p."prevAt", p."customerSignedUpAt", p."customerChurnedAt"
         from "Purchase" p join "Customer" c on c.id = p."customerId" where p."teamId" = $1 order by 1, 2`,
      teamId,
    );

  it("DELETE /api/v1/customers/:id erases the customer, purchases, survey responses and names in voices and stories; KPIs equal a workspace that never had them", async () => {
    const teamId = newTeamId();
    const twin = newTeamId();
    const token = await createApiToken({ db: store.db, teamId }, { label: "w", createdBy: "U1" });
    const twinToken = await createApiToken({ db: store.db, teamId: twin }, { label: "w", createdBy: "U1" });
    await seed(token);
    await seed(twinToken, "B");
    const voice = (customer: string, quote: string) => ({
      teamId,
      sourceKey: `k-${customer}-${quote}`,
      customer,
      source: "call",
      sentiment: "negative",
      themes: ["billing"],
      quote,
      teams: ["support"],
      authorId: "U1",
      searchText: insightSearchText({ customer, quote, context: null, themes: ["billing"] }),
    });
    await store.db.insight.createMany({ data: [voice("beta corp", "Too expensive"), voice("B", "Invoices late"), voice("Acme", "Love it")] });
    await store.db.story.create({ data: { teamId, sourceKey: "s1", kind: "win", title: "Saved", happened: "h", learned: "l", customer: "Beta Corp", authorId: "U1" } });

    expect(await kpis(token)).not.toEqual(await kpis(twinToken));
    const res = await call("DELETE", "/api/v1/customers/B", token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ erased: { customerId: "B", customer: true, purchases: 3, surveyResponses: 1, insights: 2, stories: 1 } });

    expect(await store.db.customer.count({ where: { teamId, externalId: "B" } })).toBe(0);
    expect(await store.db.surveyResponse.findMany({ where: { teamId }, select: { externalId: true } })).toEqual([{ externalId: "s-a" }]);
    const voices = await store.db.insight.findMany({ where: { teamId }, orderBy: { quote: "asc" } });
    expect(voices.map((v) => [v.customer, v.quote])).toEqual([
      ["—", "Invoices late"],
      ["Acme", "Love it"],
      ["—", "Too expensive"],
    ]);
    expect(voices.map((v) => v.searchText).join("\n")).not.toMatch(/beta|\bb\b/);
    expect((await store.db.story.findFirstOrThrow({ where: { teamId } })).customer).toBeNull();

    // Exact: the API's KPIs, the rollup and each purchase's KPI columns equal those of the twin that never had B.
    expect(await kpis(token)).toEqual(await kpis(twinToken));
    expect(await rollup(store.db, teamId)).toEqual(await rollup(store.db, twin));
    expect(await kpiColumns(store.db, teamId)).toEqual(await kpiColumns(store.db, twin));

    const again = await call("DELETE", "/api/v1/customers/B", token);
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: "No customer with id B in this workspace." });
    // Another workspace's customer B is untouched.
    expect((await call("DELETE", "/api/v1/customers/B", twinToken)).status).toBe(404);
    expect(await store.db.customer.count({ where: { teamId: twin } })).toBe(2);
    expect(t.rawLogs.filter((l) => l.includes("customer erased")).join("\n")).not.toContain("Beta");
  });

  it("GET /api/v1/export streams voices, stories, votes and settings as JSON or CSV, page by page, one workspace only", async () => {
    const teamId = newTeamId();
    const other = newTeamId();
    const token = await createApiToken({ db: store.db, teamId }, { label: "r", createdBy: "U1", scopes: ["read"] });
    const quote = 'He said "cancel, now"\nand left';
    await store.db.insight.create({
      data: {
        teamId,
        sourceKey: "v1",
        customer: '=HYPERLINK("x")',
        source: "call",
        sentiment: "negative",
        themes: ["price", "ux"],
        quote,
        teams: ["sales"],
        authorId: "U1",
        searchText: "x",
      },
    });
    await store.db.insight.create({
      data: {
        teamId: other,
        sourceKey: "v1",
        customer: "Other",
        source: "call",
        sentiment: "negative",
        themes: [],
        quote: "secret",
        teams: ["sales"],
        authorId: "U1",
        searchText: "x",
      },
    });
    await store.db.story.create({ data: { teamId, sourceKey: "s1", kind: "failure", title: "Lost", happened: "h", learned: "l", authorId: "U2" } });
    const voters = ["U1", "U2", "U3", "U4", "U5"];
    await store.db.vote.createMany({ data: voters.map((voterId) => ({ teamId, channelId: "C1", ts: "1700000000.000100", voterId, emoji: "star" })) });
    await store.db.insightRoute.create({ data: { teamId, team: "sales", channelId: "C0SALES", setBy: "U1" } });

    const json = await call("GET", "/api/v1/export?kind=voices", token);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = (await json.json()) as { kind: string; next: string | null; items: Record<string, unknown>[] };
    expect(body.kind).toBe("voices");
    expect(body.next).toBeNull();
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ customer: '=HYPERLINK("x")', quote, themes: ["price", "ux"], teams: ["sales"], hiddenAt: null });

    const csv = await call("GET", "/api/v1/export?kind=voices", token, undefined, "text/csv");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    // Quotes, commas and line breaks survive; a formula is defused for spreadsheets.
    expect(rows[0]).toMatchObject({ customer: '\'=HYPERLINK("x")', quote, themes: '["price","ux"]', context: "" });

    // Pages of 2 through the votes: each vote exactly once, in a stable order.
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const page = await call("GET", `/api/v1/export?kind=votes&limit=2${after ? `&after=${after}` : ""}`, token, undefined, "text/csv");
      const got = parse(await page.text(), { columns: true }) as Record<string, string>[];
      seen.push(...got.map((r) => r.voterId!));
      after = page.headers.get("x-next-after");
      if (!after) break;
    }
    expect(seen).toEqual(voters);

    const stories = (await (await call("GET", "/api/v1/export?kind=stories", token)).json()) as { items: unknown[] };
    expect(stories.items).toEqual([expect.objectContaining({ kind: "failure", title: "Lost", customer: null })]);
    const settings = parse(await (await call("GET", "/api/v1/export?kind=settings&format=csv", token)).text(), { columns: true }) as Record<string, string>[];
    expect(settings).toContainEqual({ section: "insightRoute", name: "sales", value: "C0SALES" });
    expect(settings).toContainEqual({ section: "workspace", name: "timeZone", value: "UTC" });

    expect((await call("GET", "/api/v1/export?kind=secrets", token)).status).toBe(400);
    const badCursor = await call("GET", "/api/v1/export?kind=voices&after=bm90LWEtY3Vyc29y", token);
    expect(badCursor.status).toBe(400);
    expect(await badCursor.json()).toEqual({ error: "after is not a cursor this API returned (use the x-next-after header or the next field of the previous page)." });
    expect((await call("GET", "/api/v1/export?kind=voices&limit=50001", token)).status).toBe(400);
  });
});

/** Runs `npm run erase-customer -- ...` as an operator would. */
function runErase(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "src/cli/erase-customer.ts", ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// One store kind is enough for the command line (the service is tested on both above): the server when there is one.
describe.each(storeKinds().slice(-1))("npm run erase-customer on %s", (kind) => {
  const dir = mkdtempSync(path.join(tmpdir(), "rd-erase-"));
  let server: TestStore | undefined;
  const env = (): Record<string, string> => (server ? { DATABASE_URL: server.url!, DATA_DIR: dir } : { DATA_DIR: dir });
  const open = async () => server ?? openStore({ dataDir: dir });
  beforeAll(async () => {
    if (kind === "postgres") server = await createTestStore(kind);
    else await deployMigrations({ DATA_DIR: dir });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("erases the customer named on the command line and exits 0; 3 when there is none; 1 on usage errors", { timeout: 300_000 }, async () => {
    const teamId = newTeamId();
    let store = await open();
    const c = await store.db.customer.create({ data: { teamId, externalId: "cust-9", name: "Nine" } });
    await store.db.purchase.create({ data: { teamId, customerId: c.id, dedupKey: "p1", at: new Date("2024-01-01T00:00:00Z"), amount: "5.00" } });
    if (!server) await store.close();

    const run = await runErase(["--team", teamId, "cust-9"], env());
    expect(run.stdout).toBe("Customer cust-9 erased: 1 purchases and 0 survey responses deleted; the customer removed from 0 voices and 0 stories.\n");
    expect(run.code).toBe(0);
    const missing = await runErase(["--team", teamId, "cust-9"], { ...env(), DEFAULT_LOCALE: "ja" });
    expect(missing.stderr).toBe("このワークスペースに ID cust-9 の顧客はいません。\n");
    expect(missing.code).toBe(3);
    const usage = await runErase(["cust-9"], env());
    expect(usage.stderr).toBe("Usage: npm run erase-customer -- --team T0123 <customer id>\n");
    expect(usage.code).toBe(1);

    store = await open();
    expect(await store.db.customer.count({ where: { teamId } })).toBe(0);
    expect(await store.db.purchase.count({ where: { teamId } })).toBe(0);
    await expect(eraseCustomer({ db: store.db, teamId }, { externalId: "cust-9" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    if (!server) await store.close();
  });
});
