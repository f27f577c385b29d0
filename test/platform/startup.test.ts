import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { bearerToken, FakeSlack } from "../slack/fake-slack.js";
import { createTestStore } from "../helpers/store.js";

const root = path.resolve(import.meta.dirname, "../..");
const prismaCli = path.join(root, "node_modules/prisma/build/index.js");

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

function migrateStatus(env: Record<string, string>) {
  return spawnSync(process.execPath, [prismaCli, "migrate", "status"], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PRISMA_QUERY_ENGINE_LIBRARY: "/dev/null", ...env },
    encoding: "utf8",
    timeout: 180_000, // prisma migrate status alone took over 60 s at load 24
  });
}

describe("starting the bot as `npm start` does", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("migrates an empty embedded store, serves /healthz, and stops cleanly on SIGTERM", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "rd-start-"));
    dirs.push(dataDir);
    const before = migrateStatus({ DATA_DIR: dataDir });
    expect(before.status).not.toBe(0);
    expect(before.stdout + before.stderr).toMatch(/not yet been applied/);

    const fake = await new FakeSlack().start();
    // Slack's warnings ride on successful answers; the Web API client logs each one (as plain text, unless routed).
    fake.on("auth.test", () => ({
      ok: true,
      url: "https://acme.slack.com/",
      team: "Acme Retention",
      user: "retention-desk",
      team_id: "T0ACME01",
      user_id: fake.botUserId,
      bot_id: "B0000001",
      response_metadata: { warnings: ["superfluous_charset"] },
    }));
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        SLACK_BOT_TOKEN: "xoxb-start-test",
        SLACK_SIGNING_SECRET: "start-test-secret",
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        DATA_DIR: dataDir,
        SCHEDULER_ENABLED: "false",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let stdout = "";
    child.stdout.on("data", (d) => ((out += d), (stdout += d)));
    child.stderr.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    try {
      const deadline = Date.now() + 180_000;
      let health: Response | undefined;
      while (Date.now() < deadline) {
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (health) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(health?.status, out).toBe(200);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      // Every line, the Web API client's warning included, is one JSON object.
      const lines = stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["applying database migrations", "retention desk started", "shutting down", "stopped"]));
      expect(lines).toContainEqual(expect.objectContaining({ level: 40, component: "web-api", msg: expect.stringMatching(/^superfluous_charset/) }));
      // The start line names the workspace, whose id INGEST_TEAM_ID defaults to.
      expect(lines.find((l) => l.msg === "retention desk started")).toMatchObject({ teamId: "T0ACME01", teamName: "Acme Retention" });
      expect(out).not.toContain("xoxb-start-test");
      // The start checked the bot token with Slack, sending it as Slack reads it.
      expect(fake.callsTo("auth.test").map(bearerToken)).toContain("xoxb-start-test");
      expect(new Set(fake.calls.map(bearerToken))).toEqual(new Set(["xoxb-start-test"]));
    } finally {
      child.kill("SIGKILL");
      await fake.stop();
    }
    const after = migrateStatus({ DATA_DIR: dataDir });
    expect(after.stdout).toContain("Database schema is up to date");
    expect(after.status).toBe(0);
  }, 300_000);

  it("stops with one clear line when Slack refuses the bot token, before touching the database", async () => {
    const fake = await new FakeSlack().start();
    fake.on("auth.test", () => ({ ok: false, error: "invalid_auth" }));
    const dataDir = mkdtempSync(path.join(tmpdir(), "rd-badtoken-"));
    dirs.push(dataDir);
    try {
      const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          SLACK_BOT_TOKEN: "xoxb-revoked-token",
          SLACK_SIGNING_SECRET: "start-test-secret",
          SLACK_API_URL: fake.apiUrl,
          PORT: "0",
          DATA_DIR: dataDir,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
      expect(code).toBe(1);
      const fatal = out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
        .find((l) => l.msg === "cannot start");
      expect(fatal.reason).toBe(
        "Slack refused SLACK_BOT_TOKEN (auth.test: invalid_auth). Copy the Bot User OAuth Token (xoxb-) again from the app's OAuth & Permissions page, or reinstall the app.",
      );
      expect(fatal).toMatchObject({ problem: "bad_token", err: { name: "SlackStartError" } });
      expect(out).not.toContain("xoxb-revoked-token");
      expect(out).not.toContain("applying database migrations");
    } finally {
      await fake.stop();
    }
  }, 60_000);

  it("with SLACK_API_URL pointing at something that is not Slack, says so and does not blame the token", async () => {
    const notSlack = createHttpServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Welcome to nginx!</body></html>"));
    await new Promise<void>((r) => notSlack.listen(0, "127.0.0.1", () => r()));
    const url = `http://127.0.0.1:${(notSlack.address() as { port: number }).port}/api/`;
    try {
      const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          SLACK_BOT_TOKEN: "xoxb-good-token",
          SLACK_SIGNING_SECRET: "start-test-secret",
          SLACK_API_URL: url,
          PORT: "0",
          DATA_DIR: path.join(tmpdir(), "rd-never-created"),
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      child.stdout.on("data", (d) => (stdout += d));
      const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
      expect(code).toBe(1);
      const fatal = stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
        .find((l) => l.msg === "cannot start");
      expect(fatal).toMatchObject({ problem: "bad_url" });
      expect(fatal.reason).toBe(
        `SLACK_API_URL ${url} answered auth.test with something that is not Slack's JSON: it is not Slack's Web API. Use the base URL ending in /api/ (https://slack.com/api/, or your GovSlack one).`,
      );
      expect(fatal.reason).not.toContain("TOKEN");
    } finally {
      await new Promise((r) => notSlack.close(r));
    }
  }, 60_000);

  it("refuses to start with a clear message naming each bad variable", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SLACK_BOT_TOKEN: "wrong", DEFAULT_LOCALE: "de" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("SLACK_BOT_TOKEN must be a bot token starting with xoxb-");
    expect(r.stderr).toContain("SLACK_SIGNING_SECRET is missing");
    expect(r.stderr).toContain("DEFAULT_LOCALE");
  }, 60_000);

  it.runIf(inject("postgresUrl"))(
    "`prisma migrate status` tells the truth on the PostgreSQL server",
    async () => {
      // A copy of the migrated template (never the template itself: a connection to it blocks other files' copies).
      const store = await createTestStore("postgres");
      try {
        const r = migrateStatus({ DATABASE_URL: store.url! });
        expect(r.stdout + r.stderr).toContain("Database schema is up to date");
        expect(r.status).toBe(0);
        await store.db.$executeRawUnsafe(`delete from "_prisma_migrations" where migration_name = (select max(migration_name) from "_prisma_migrations")`);
        const behind = migrateStatus({ DATABASE_URL: store.url! });
        expect(behind.stdout + behind.stderr).toMatch(/not yet been applied/);
        expect(behind.status).not.toBe(0);
      } finally {
        await store.close();
      }
    },
    90_000,
  );
});
