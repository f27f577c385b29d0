import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// semver is npm's own range logic: the same answer npm's EBADENGINE check gives.
const semver = createRequire(import.meta.url)("semver") as { subset(sub: string, dom: string): boolean; satisfies(version: string, range: string): boolean };
const read = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), "utf8"));

describe("Node versions", () => {
  const declared: string = read("package.json").engines.node;

  it("every installed package supports every Node version package.json declares (npm install warns of none)", () => {
    const lock = read("package-lock.json") as { packages: Record<string, { version?: string; engines?: { node?: string } }> };
    const narrower = Object.entries(lock.packages)
      .filter(([path, p]) => path !== "" && p.engines?.node && !semver.subset(declared, p.engines.node))
      .map(([path, p]) => `${path.replace(/^.*node_modules\//, "")}@${p.version} wants node ${p.engines!.node}`);
    expect(narrower).toEqual([]);
    expect(lock.packages[""]?.engines?.node).toBe(declared);
  });

  it("the Node running the tests is one of them", () => {
    expect(semver.satisfies(process.version, declared), `${process.version} against ${declared}`).toBe(true);
  });
});
