import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { importCsvFile } from "../../src/ingest/import-csv.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { CDNOW_SAMPLE } from "../helpers/fixtures.js";
import { mulberry32 } from "../helpers/seeded-random.js";
import { createTestStore, newTeamId, type TestStore } from "../helpers/store.js";
import { wrongKpiColumns } from "../kpi/fixtures.js";
import { FakeSlack } from "../slack/fake-slack.js";
import { SIGNING_SECRET } from "../slack/sign.js";

// Acceptance for concurrent writers (issue #13): two bot processes (`node --import tsx src/main.ts`, as `npm start`
// runs it) on one PostgreSQL database, the CDNOW sample's 6,919 purchases of 2,357 customers shuffled into batches,
// 8 requests in flight split over both replicas, a third of the batches sent to both replicas at once.

const root = path.resolve(import.meta.dirname, "../..");
const TOKEN = "two-replicas-ingest-token-0123456789";
const BATCH = 250;
const IN_FLIGHT = 8;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

interface Replica {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exited: Promise<number | null>;
}

async function startReplica(env: Record<string, string>): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), SCHEDULER_ENABLED: "false", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return { child, baseUrl: `http://127.0.0.1:${port}`, output: () => out, exited };
}

async function waitHealthy(r: Replica): Promise<void> {
  let exitedEarly = false;
  void r.exited.then(() => (exitedEarly = true));
  while (!exitedEarly) {
    const res = await fetch(`${r.baseUrl}/healthz`).catch(() => undefined);
    if (res?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`replica exited before it was healthy:\n${r.output()}`);
}

/** The sample's lines as API records; each line's number is its id, so a record sent twice is one purchase. */
function cdnowRecords() {
  return readFileSync(CDNOW_SAMPLE, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((line, i) => {
      const [customerId, , at, , amount] = line.trim().split(/\s+/);
      return { id: `cdnow-${i + 1}`, customerId: customerId!, at: at!, amount: amount! };
    });
}

describe.runIf(inject("postgresUrl"))("two bot processes ingesting into one PostgreSQL database", () => {
  const teamId = newTeamId();
  let shared: TestStore;
  let reference: TestStore;
  let referenceBot: TestBot;
  let fake: FakeSlack;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    [shared, reference, fake] = await Promise.all([createTestStore("postgres"), createTestStore("postgres"), new FakeSlack().start()]);
    const env = {
      DATABASE_URL: shared.url!,
      SLACK_BOT_TOKEN: "xoxb-two-replicas",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      INGEST_TOKEN: TOKEN,
      INGEST_TEAM_ID: teamId,
    };
    replicas.push(await startReplica(env), await startReplica(env));
    // The single writer: the sample imported as a file into a fresh database, read through the same API.
    const imported = await importCsvFile({ store: reference, teamId, kind: "purchases", file: CDNOW_SAMPLE, format: "cdnow" });
    expect(imported).toMatchObject({ accepted: 6919, badRows: [] });
    referenceBot = await startTestBot(reference, { INGEST_TOKEN: TOKEN, INGEST_TEAM_ID: teamId });
    await Promise.all(replicas.map(waitHealthy));
  }, 180_000);

  afterAll(async () => {
    for (const r of replicas) r.child.kill("SIGTERM");
    await Promise.all(replicas.map((r) => r.exited));
    await referenceBot?.stop();
    await fake?.stop();
    await Promise.all([shared?.close(), reference?.close()]);
  });

  const get = (baseUrl: string, query: string) => fetch(`${baseUrl}/api/v1/${query}`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.json());

  it("every request 200, each purchase stored once, and the KPIs from either replica equal the single writer's", async () => {
    const random = mulberry32(2026);
    const records = cdnowRecords();
    expect(records).toHaveLength(6919);
    for (let i = records.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [records[i], records[j]] = [records[j]!, records[i]!];
    }
    const batches = Array.from({ length: Math.ceil(records.length / BATCH) }, (_, b) => records.slice(b * BATCH, (b + 1) * BATCH));
    // Each unit of work is one batch: to one replica (alternating), or every third batch to both at the same moment.
    const units = batches.map((batch, b) => ({ batch, to: b % 3 === 0 ? [0, 1] : [b % 2] }));

    const results: Array<{ status: number; body: { accepted: number; duplicates: number; errors: unknown[] }; size: number }> = [];
    const send = (replica: number, batch: typeof records) =>
      fetch(`${replicas[replica]!.baseUrl}/api/v1/purchases`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ records: batch }),
      }).then(async (res) => results.push({ status: res.status, body: (await res.json()) as (typeof results)[number]["body"], size: batch.length }));
    // At most IN_FLIGHT requests at once: a unit starts when there is room for all of its requests.
    let inFlight = 0;
    let wake: () => void = () => {};
    const running: Promise<unknown>[] = [];
    for (const unit of units) {
      while (inFlight + unit.to.length > IN_FLIGHT) await new Promise<void>((r) => (wake = r));
      inFlight += unit.to.length;
      for (const replica of unit.to) {
        running.push(
          send(replica, unit.batch).finally(() => {
            inFlight--;
            wake();
          }),
        );
      }
    }
    await Promise.all(running);

    const doubled = units.filter((u) => u.to.length === 2);
    expect(results).toHaveLength(units.length + doubled.length);
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    for (const r of results) {
      expect(r.body.errors).toEqual([]);
      expect(r.body.accepted + r.body.duplicates).toBe(r.size);
    }
    expect(results.reduce((n, r) => n + r.body.accepted, 0)).toBe(6919);
    expect(results.reduce((n, r) => n + r.body.duplicates, 0)).toBe(doubled.reduce((n, u) => n + u.batch.length, 0));

    expect(await shared.db.purchase.count({ where: { teamId } })).toBe(6919);
    const ids = await shared.db.purchase.findMany({ where: { teamId }, select: { externalId: true } });
    expect(new Set(ids.map((p) => p.externalId)).size).toBe(6919);
    expect(await shared.db.customer.count({ where: { teamId } })).toBe(2357);
    expect(await wrongKpiColumns(shared.db, teamId)).toBe(0);

    for (const query of ["kpis?from=1997-01-01&to=1997-04-01", "kpis?from=1997-04-01&to=1998-07-01&window=120", "cohorts?from=1997-01-01&to=1997-04-01"]) {
      const want = await get(referenceBot.baseUrl, query);
      expect(want).not.toHaveProperty("error");
      for (const r of replicas) expect(await get(r.baseUrl, query), query).toEqual(want);
    }
    for (const r of replicas) expect(r.output()).not.toContain("api request failed");
  }, 180_000);
});
