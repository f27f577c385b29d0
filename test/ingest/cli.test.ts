import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/db/client.js";
import { createTestStore, newTeamId, storeKinds, type TestStore } from "../helpers/store.js";
import { csvFolder } from "./files.js";

const root = path.resolve(import.meta.dirname, "..", "..");

/** Runs `npm run import -- ...` as a user would (stdout is a pipe, so progress comes as plain lines). */
function runImport(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "src/cli/import.ts", ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "silent", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(storeKinds())("npm run import on %s", (kind) => {
  const files = csvFolder();
  let testStore: TestStore | undefined;
  let env: Record<string, string>;
  let open: () => Promise<Store>;
  beforeAll(async () => {
    if (kind === "postgres") {
      testStore = await createTestStore(kind);
      env = { DATABASE_URL: testStore.url!, DATA_DIR: files.dir };
      open = async () => testStore!;
    } else {
      env = { DATA_DIR: path.join(files.dir, "data") };
      open = () => openStore({ dataDir: env.DATA_DIR! });
    }
  });
  afterAll(async () => {
    await testStore?.close();
    files.remove();
  });

  it("imports a file into the store, lists bad rows by line and exits 2; usage errors exit 1", { timeout: 90_000 }, async () => {
    const teamId = newTeamId();
    const file = files.write(["Customer,Date,Total", "C1,2024-01-01,10.00", "C2,2024-01-02,abc", "C1,20240103,5"]);
    const run = await runImport(["purchases", file, "--team", teamId, "--map", "customer_id=Customer", "--map", "purchased_at=date", "--map", "amount=total"], env);
    expect(run.stderr).toContain("1 bad rows were skipped:\n  line 3: Total: must be a number of 0 or more with at most 2 decimals");
    expect(run.stdout).toContain("100% 3 rows,");
    expect(run.stdout).toContain("File read: writing 2 rows to the store…");
    expect(run.stdout).toContain("purchases: 3 rows read, 2 imported, 0 already there, 1 new customers");
    expect(run.code).toBe(2);

    const usage = await runImport(["purchases", file], env);
    expect(usage.stderr).toContain("Which workspace? Pass --team T0123 or set INGEST_TEAM_ID.");
    expect(usage.code).toBe(1);

    const store = await open();
    try {
      const rows = await store.db.purchase.findMany({ where: { teamId }, orderBy: { at: "asc" } });
      expect(rows.map((p) => [p.at.toISOString().slice(0, 10), p.amount.toFixed(2)])).toEqual([
        ["2024-01-01", "10.00"],
        ["2024-01-03", "5.00"],
      ]);
    } finally {
      if (kind === "pglite") await store.close();
    }
  });
});
