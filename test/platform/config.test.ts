import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig, ZConfig } from "../../src/config.js";

const base = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "0123456789abcdef" };

describe("configuration", () => {
  it("applies documented defaults", () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: "./data", DEFAULT_LOCALE: "en", LOG_LEVEL: "info", SCHEDULER_ENABLED: true });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.SLACK_APP_TOKEN).toBeUndefined();
  });

  it("treats empty values as unset (a blank line in .env does not switch modes)", () => {
    const c = loadConfig({ ...base, SLACK_APP_TOKEN: "", DATABASE_URL: " " });
    expect(c.SLACK_APP_TOKEN).toBeUndefined();
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it("names every missing or malformed variable in one error, without echoing values", () => {
    let err: unknown;
    try {
      loadConfig({ SLACK_BOT_TOKEN: "not-a-token-secret-value", DATABASE_URL: "mysql://x", DEFAULT_LOCALE: "fr", PORT: "http" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    for (const name of ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET is missing", "DATABASE_URL", "DEFAULT_LOCALE", "PORT"]) expect(msg).toContain(name);
    expect(msg).not.toContain("not-a-token-secret-value");
  });

  it("gives SLACK_API_URL exactly one trailing slash (the Web API client appends method names)", () => {
    expect(loadConfig({ ...base, SLACK_API_URL: "https://slack-gov.com/api" }).SLACK_API_URL).toBe("https://slack-gov.com/api/");
    expect(loadConfig({ ...base, SLACK_API_URL: "http://127.0.0.1:9/api//" }).SLACK_API_URL).toBe("http://127.0.0.1:9/api/");
  });

  it("an environment ingest token writes into INGEST_TEAM_ID, or into the installed workspace without it", () => {
    // Without INGEST_TEAM_ID the token writes into the installed workspace (auth.test), as the start log says.
    expect(loadConfig({ ...base, INGEST_TOKEN: "x".repeat(32) }).INGEST_TEAM_ID).toBeUndefined();
    expect(loadConfig({ ...base, INGEST_TOKEN: "x".repeat(32), INGEST_TEAM_ID: "T012AB" }).INGEST_TEAM_ID).toBe("T012AB");
  });

  it(".env.example documents every variable the schema reads", () => {
    const example = readFileSync(path.resolve(import.meta.dirname, "../../.env.example"), "utf8");
    const documented = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    const shape = (ZConfig as unknown as { _zod: { def: { in?: { shape: object }; shape?: object } } })._zod.def;
    const keys = Object.keys((shape.in?.shape ?? shape.shape) as object);
    expect(keys.length).toBeGreaterThan(10);
    expect(documented.sort()).toEqual(keys.sort());
  });
});
