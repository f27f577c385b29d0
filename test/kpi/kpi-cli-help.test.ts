import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");

/** Runs a CLI as `npm run <name> -- ...` does (tsx on the source file). */
function run(file: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), file, ...args], {
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

// --help answers on stdout with exit code 0, before any database is opened (DATA_DIR stays absent).
describe("npm run kpi -- --help and npm run import -- --help", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "rd-cli-help-"));
  const dataDir = path.join(dir, "data");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("npm run kpi -- --help lists the periods and options; a bad option exits 1 with the usage", { timeout: 60_000 }, async () => {
    const help = await run("src/cli/kpi.ts", ["--help"], { DATA_DIR: dataDir });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run kpi -- \[period\] \[options\]\n/);
    for (const s of ["2026-Q3", "2026-W44 (ISO week)", "2026-10-01..2026-11-01", "last-quarter", "--segment NAME", "--team T0123", "--cohorts", "--json"])
      expect(help.stdout).toContain(s);
    const ja = await run("src/cli/kpi.ts", ["-h"], { DATA_DIR: dataDir, DEFAULT_LOCALE: "ja" });
    expect(ja.stdout).toMatch(/^使い方: npm run kpi -- \[期間\] \[オプション\]\n/);
    const bad = await run("src/cli/kpi.ts", ["--bogus"], { DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Invalid option: Unknown option '--bogus'");
    expect(bad.stderr).toContain("Usage: npm run kpi");
    expect(existsSync(dataDir)).toBe(false);
  });

  it("npm run import -- --help explains every option; without arguments it points to --help", { timeout: 60_000 }, async () => {
    const help = await run("src/cli/import.ts", ["--help"], { DATA_DIR: dataDir });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run import -- <customers\|purchases\|survey-responses> <file\.csv> \[options\]\n/);
    for (const s of ["--map column=header", "--strict", "--team T0123", "--delimiter", "--format csv|cdnow", "--batch-size", "Exit codes: 0"]) expect(help.stdout).toContain(s);
    const none = await run("src/cli/import.ts", [], { DATA_DIR: dataDir });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("npm run import -- --help explains every option.");
    expect(existsSync(dataDir)).toBe(false);
  });
});
