import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ZConfig } from "../../src/config.js";

// README's configuration table lists exactly the variables src/config.ts reads, says which are required, and shows
// the schema's default for each variable that has one.
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

interface Row {
  name: string;
  required: string;
  defaultText: string;
}

function configTable(): Row[] {
  const block = readme.match(/<!-- config-table -->\n([\s\S]*?)\n<!-- \/config-table -->/)?.[1];
  if (!block) throw new Error("README has no <!-- config-table --> block");
  return block
    .split("\n")
    .filter((line) => /^\| `[A-Z0-9_]+` \|/.test(line))
    .map((line) => {
      const [name, required, defaultText] = line
        .split("|")
        .slice(1, 4)
        .map((c) => c.trim());
      return { name: name!.replace(/`/g, ""), required: required!, defaultText: defaultText! };
    });
}

const shape = ZConfig.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;

describe("README configuration table", () => {
  it("names every variable of the configuration schema once, and nothing else", () => {
    const names = configTable().map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(shape).sort());
  });

  it("marks as required exactly the variables the schema refuses to leave out", () => {
    for (const row of configTable()) {
      const required = !shape[row.name]!.safeParse(undefined).success;
      expect(row.required, row.name).toBe(required ? "yes" : "no");
    }
  });

  it("shows the schema's default for every variable that has one", () => {
    for (const row of configTable()) {
      const parsed = shape[row.name]!.safeParse(undefined);
      if (!parsed.success || parsed.data === undefined) continue;
      expect(row.defaultText, row.name).toBe(`\`${String(parsed.data)}\``);
    }
  });
});
