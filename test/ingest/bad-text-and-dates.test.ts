import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiHandler } from "../../src/http/api.js";
import { createHttpServer } from "../../src/http/server.js";
import { importCsvFile } from "../../src/ingest/import-csv.js";
import { createLogger } from "../../src/log.js";
import { parseInstant } from "../../src/services/ingest/records.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { insightValues, storyValues } from "../capture/values.js";
import { viewSubmission } from "../slack/payloads.js";
import { csvFolder } from "./files.js";

const TOKEN = "bad-text-ingest-token-0123456789";
const NUL = "\u0000";
const LONE_HIGH = "\uD83D"; // the first half of 😀 without the second
const LONE_LOW = "\uDE00";
const UNSTORABLE = "must not contain a NUL character or an unpaired UTF-16 surrogate";
const RANGE = "must be between 1970-01-01 and 2100-12-31 (UTC)";

describe("parseInstant reads years exactly", () => {
  it("year 0050 is year 50, not 1950; 99 is not 1999", () => {
    expect(parseInstant("0050-06-01")?.toISOString()).toBe("0050-06-01T00:00:00.000Z");
    expect(parseInstant("00991231")?.toISOString()).toBe("0099-12-31T00:00:00.000Z");
    expect(parseInstant("0001-01-01T10:00:00+09:00")?.toISOString()).toBe("0001-01-01T01:00:00.000Z");
    expect(parseInstant("0000-02-29")?.toISOString()).toBe("0000-02-29T00:00:00.000Z"); // year 0 is a leap year
    expect(parseInstant("0100-02-29")).toBeNull(); // 100 is not
  });
});

describe.each(storeKinds())("bad text and dates on %s", (kind) => {
  let store: TestStore;
  let t: TestBot;
  const teamId = newTeamId();
  const files = csvFolder();
  beforeAll(async () => {
    store = await createTestStore(kind);
    t = await startTestBot(store, { INGEST_TOKEN: TOKEN, INGEST_TEAM_ID: teamId });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await store?.close();
    files.remove();
  });

  const post = async (path: string, records: unknown[]) => {
    const res = await fetch(`${t.baseUrl}/api/v1/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ records }),
    });
    return { status: res.status, body: (await res.json()) as { accepted: number; errors: { index: number; message: string }[] } };
  };
  const customer = (externalId: string) => store.db.customer.findUnique({ where: { teamId_externalId: { teamId, externalId } } });

  it("API: a record with a NUL or an unpaired surrogate is refused on its own; the good records beside it are stored", async () => {
    const { status, body } = await post("customers", [
      { id: "TXT-1", name: "Good Co" },
      { id: "TXT-2", name: `Nul${NUL}Corp` },
      { id: "TXT-3", name: `Half ${LONE_HIGH} Emoji` },
      { id: `TXT-4${LONE_LOW}`, name: "Bad id" },
      { id: "TXT-5", segment: `seg${NUL}` },
      { id: "TXT-6", name: "Whole 😀 Emoji" },
    ]);
    expect(status).toBe(200);
    expect(body.accepted).toBe(2);
    expect(body.errors).toEqual([
      { index: 1, message: `name: ${UNSTORABLE}` },
      { index: 2, message: `name: ${UNSTORABLE}` },
      { index: 3, message: `id: ${UNSTORABLE}` },
      { index: 4, message: `segment: ${UNSTORABLE}` },
    ]);
    expect((await customer("TXT-1"))?.name).toBe("Good Co");
    expect((await customer("TXT-6"))?.name).toBe("Whole 😀 Emoji");
    for (const id of ["TXT-2", "TXT-3", "TXT-5"]) expect(await customer(id), id).toBeNull();
  });

  it("API: surveys and purchases refuse bad text per record too", async () => {
    const surveys = await post("survey-responses", [
      { customerId: "TXT-S1", kind: "nps", score: 9, at: "2024-01-01", comment: `great${NUL}` },
      { customerId: "TXT-S2", kind: "nps", score: 8, at: "2024-01-01", comment: "fine" },
    ]);
    expect(surveys.body.errors).toEqual([{ index: 0, message: `comment: ${UNSTORABLE}` }]);
    expect(surveys.body.accepted).toBe(1);
    const purchases = await post("purchases", [
      { id: `P${LONE_HIGH}`, customerId: "TXT-P1", at: "2024-01-01", amount: 1 },
      { id: "TXT-P2", customerId: "TXT-P1", at: "2024-01-01", amount: 1 },
    ]);
    expect(purchases.body.errors).toEqual([{ index: 0, message: `id: ${UNSTORABLE}` }]);
    expect(await store.db.purchase.count({ where: { teamId, customer: { externalId: "TXT-P1" } } })).toBe(1);
  });

  it("API: dates outside 1970-01-01..2100-12-31 are refused with a clear message; year 0050 is not stored as 1950", async () => {
    const { body } = await post("purchases", [
      { customerId: "DATE-1", at: "0050-06-01", amount: 1 },
      { customerId: "DATE-1", at: "9999-12-31", amount: 1 },
      { customerId: "DATE-1", at: "1969-12-31T23:59:59Z", amount: 1 },
      { customerId: "DATE-1", at: "1970-01-01T08:00:00+09:00", amount: 1 }, // 1969-12-31T23:00Z
      { customerId: "DATE-1", at: "1970-01-01", amount: 2 },
      { customerId: "DATE-1", at: "2100-12-31T23:59:59Z", amount: 3 },
      { customerId: "DATE-1", at: "2101-01-01", amount: 4 },
    ]);
    expect(body.errors).toEqual([0, 1, 2, 3, 6].map((index) => ({ index, message: `at: ${RANGE}` })));
    const stored = await store.db.purchase.findMany({ where: { teamId, customer: { externalId: "DATE-1" } }, orderBy: { at: "asc" } });
    expect(stored.map((p) => p.at.toISOString())).toEqual(["1970-01-01T00:00:00.000Z", "2100-12-31T23:59:59.000Z"]);
    const customers = await post("customers", [
      { id: "DATE-2", signedUpAt: "0050-01-01" },
      { id: "DATE-3", churnedAt: "99991231" },
    ]);
    expect(customers.body.errors).toEqual([
      { index: 0, message: `signedUpAt: ${RANGE}` },
      { index: 1, message: `churnedAt: ${RANGE}` },
    ]);
  });

  it("CSV import: a row with a NUL or an out-of-range date is a row error; the other rows are imported", async () => {
    const importTeam = newTeamId();
    const file = files.write([
      "purchase_id,customer_id,purchased_at,amount,currency",
      "P1,CSV-1,2024-03-01,10,USD", // 2
      `P2,CSV-${NUL}2,2024-03-01,10,USD`, // 3
      "P3,CSV-3,0050-03-01,10,USD", // 4
      "P4,CSV-4,9999-12-31,10,USD", // 5
      "P5,CSV-5,2100-12-31,10,USD", // 6
    ]);
    const s = await importCsvFile({ store, teamId: importTeam, kind: "purchases", file });
    expect(s.badRows).toEqual([
      { line: 3, message: `customer_id: ${UNSTORABLE}` },
      { line: 4, message: `purchased_at: ${RANGE}` },
      { line: 5, message: `purchased_at: ${RANGE}` },
    ]);
    expect(s.accepted).toBe(2);
    const ids = (await store.db.customer.findMany({ where: { teamId: importTeam }, orderBy: { externalId: "asc" } })).map((c) => c.externalId);
    expect(ids).toEqual(["CSV-1", "CSV-5"]);
  });

  it("modals: bad characters are a field error in the user's language, not 'couldn't save, try again'", async () => {
    const team = newTeamId();
    t.fake.users.set("U0JAUSER", { locale: "ja-JP" });
    const who = { teamId: team, userId: "U0JAUSER" };
    const insight = await t.interact(viewSubmission(who, { callbackId: "insight_modal", values: insightValues({ quote: `価格が${NUL}高い`, customer: `Acme ${LONE_HIGH}` }) }));
    expect(await insight.json()).toEqual({
      response_action: "errors",
      errors: {
        quote: "保存できない文字（NUL文字、または途中で切れた絵文字）が含まれています。その文字を削除して、もう一度送信してください。",
        customer: "保存できない文字（NUL文字、または途中で切れた絵文字）が含まれています。その文字を削除して、もう一度送信してください。",
      },
    });
    t.fake.users.set("U0ENUSER", { locale: "en-US" });
    const story = await t.interact(viewSubmission({ teamId: team, userId: "U0ENUSER" }, { callbackId: "story_modal", values: storyValues({ learned: `Own it${LONE_LOW}` }) }));
    expect(await story.json()).toEqual({
      response_action: "errors",
      errors: { learned: "This text contains a character that can't be saved (a NUL character or half of an emoji). Please remove it and submit again." },
    });
    await t.idle();
    expect(await store.db.insight.count({ where: { teamId: team } })).toBe(0);
    expect(await store.db.story.count({ where: { teamId: team } })).toBe(0);
  });

  it("logs never carry the customer's name or the record's values, whatever went wrong", async () => {
    await post("customers", [{ id: "LOG-1", name: `Wile E. Coyote${NUL}`, signedUpAt: "9999-12-31" }]);
    await post("purchases", [{ customerId: "Roadrunner Ltd", at: "0050-01-01", amount: "lots" }]);
    await t.idle();
    const all = t.rawLogs.join("\n");
    expect(all).toContain("api ingest"); // the requests were logged
    expect(all).not.toContain("Coyote");
    expect(all).not.toContain("Roadrunner");
  });
});

describe.each(storeKinds())("an API error that reaches the database on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it("answers 500 and logs the error's class, never the query's parameters (a Prisma validation error lists them all)", async () => {
    const lines: string[] = [];
    const log = createLogger("info", new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    const teamId = newTeamId();
    const api = apiHandler({
      routes: [
        {
          method: "POST",
          path: "/api/v1/broken",
          // A bug of ours: a wrong field name. Prisma's message quotes the whole `data` argument.
          handler: async () => ({
            status: 200,
            body: await store.db.customer.create({ data: { teamId, externalId: "X-1", name: "Wile E. Coyote", nickname: "Coyote" } as never }),
          }),
        },
      ],
      checkToken: async () => ({ teamId, scopes: ["read", "write"] }),
      bodyLimit: 10_000,
      log,
    });
    const server = createHttpServer({ api, ping: async () => {}, log, isClosing: () => false, timeouts: { headersMs: 5000, requestMs: 10_000 } });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/broken`, { method: "POST", headers: { authorization: "Bearer x" }, body: "{}" });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: "internal error" });
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 50, msg: "api request failed", route: "/api/v1/broken", err: { name: "PrismaClientValidationError" } });
    expect(lines[0]).not.toContain("Coyote");
  });
});
