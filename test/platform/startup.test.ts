import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { FakeSlack } from "../slack/fake-slack.js";
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
    timeout: 60_000,
  });
}

describe("starting the bot as `npm start` does", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("migrates an empty embedded store, serves /healthz, and stops cleanly on SIGTERM", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "rd-start-"));
    dirs.push(dataDir);
    const before = migrateStatus({ DATA_DIR: dataDir });
    expect(before.status).not.toBe(0);
    expect(before.stdout + before.stderr).toMatch(/not yet been applied/);

    const fake = await new FakeSlack().start();
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SLACK_BOT_TOKEN: "xoxb-start-test", SLACK_SIGNING_SECRET: "start-test-secret", SLACK_API_URL: fake.apiUrl, PORT: String(port), DATA_DIR: dataDir, SCHEDULER_ENABLED: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    try {
      const deadline = Date.now() + 60_000;
      let health: Response | undefined;
      while (Date.now() < deadline) {
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (health) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(health?.status, out).toBe(200);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      const lines = out.trim().split("\n").filter((l) => l.startsWith("{"));
      expect(lines.map((l) => JSON.parse(l).msg)).toEqual(expect.arrayContaining(["applying database migrations", "retention desk started", "shutting down", "stopped"]));
      expect(out).not.toContain("xoxb-start-test");
    } finally {
      child.kill("SIGKILL");
      await fake.stop();
    }
    const after = migrateStatus({ DATA_DIR: dataDir });
    expect(after.stdout).toContain("Database schema is up to date");
    expect(after.status).toBe(0);
  }, 120_000);

  it("stops with one clear line when Slack refuses the bot token, before touching the database", async () => {
    const fake = await new FakeSlack().start();
    fake.on("auth.test", () => ({ ok: false, error: "invalid_auth" }));
    const dataDir = mkdtempSync(path.join(tmpdir(), "rd-badtoken-"));
    dirs.push(dataDir);
    try {
      const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        cwd: root,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, SLACK_BOT_TOKEN: "xoxb-revoked-token", SLACK_SIGNING_SECRET: "start-test-secret", SLACK_API_URL: fake.apiUrl, PORT: "0", DATA_DIR: dataDir },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
      expect(code).toBe(1);
      const fatal = out.trim().split("\n").map((l) => JSON.parse(l)).find((l) => l.msg === "cannot start");
      expect(fatal.err).toBe("Slack refused or could not check SLACK_BOT_TOKEN (auth.test: invalid_auth)");
      expect(out).not.toContain("xoxb-revoked-token");
      expect(out).not.toContain("applying database migrations");
    } finally {
      await fake.stop();
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

  it.runIf(inject("postgresUrl"))("`prisma migrate status` tells the truth on the PostgreSQL server", async () => {
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
  }, 90_000);
});
