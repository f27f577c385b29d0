import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// docs/design.md tells a newcomer where things live: every source path it names exists, and its list of test
// folders is the list of test folders.
const root = path.resolve(import.meta.dirname, "../..");
const design = readFileSync(path.join(root, "docs/design.md"), "utf8");

/** The backticked paths of a Markdown section (`a/b.ts`, `a/b/`, `a/kpi-*.ts`), in order. */
function pathsIn(section: string): string[] {
  const body = design.split(/^## /m).find((s) => s.startsWith(section));
  if (!body) throw new Error(`docs/design.md has no section "${section}"`);
  return [...body.matchAll(/`([a-z][\w.-]*\/[\w./*-]*)`/g)].map((m) => m[1]!);
}

/** Whether `relative` (under `base`, or the repository for src/ and test/ paths) exists; a `*` in the last segment matches any characters. */
function exists(base: string, relative: string): boolean {
  if (/^(src|test)\//.test(relative)) base = root;
  if (!relative.includes("*")) return existsSync(path.join(base, relative));
  const dir = path.join(base, path.dirname(relative));
  const pattern = new RegExp(`^${path.basename(relative).replace(/[.]/g, "\\.").replace(/\*/g, ".*")}$`);
  return existsSync(dir) && readdirSync(dir).some((f) => pattern.test(f));
}

describe("docs/design.md", () => {
  it("names only source files and folders that exist (one hop from src/)", () => {
    const paths = pathsIn("Where each feature lives");
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((p) => !exists(path.join(root, "src"), p))).toEqual([]);
  });

  it("names only files that exist where services render Block Kit", () => {
    const paths = pathsIn("Where services may render Block Kit").filter((p) => !p.startsWith("test/"));
    expect(paths.filter((p) => !exists(path.join(root, "src"), p))).toEqual([]);
  });

  it("lists every test folder by feature, and only those", () => {
    const shared = new Set(["fixtures", "helpers", "slack", "reporters"]);
    const folders = readdirSync(path.join(root, "test"), { withFileTypes: true })
      .filter((d) => d.isDirectory() && !shared.has(d.name))
      .map((d) => `test/${d.name}/`);
    const listed = pathsIn("Tests").filter((p) => /^test\/[\w-]+\/$/.test(p) && !["test/slack/", "test/helpers/", "test/fixtures/"].includes(p));
    expect([...new Set(listed)].sort()).toEqual(folders.sort());
  });
});
