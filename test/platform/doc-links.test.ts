import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every relative link in README.md and docs/ points at a file (or folder) of the repository, and every #anchor at a
// heading of the file it names.
const root = path.resolve(import.meta.dirname, "../..");
const documents = [
  "README.md",
  ...readdirSync(path.join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** The text outside fenced code blocks and inline code, where Markdown links live. */
const prose = (markdown: string) => markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(file: string): Set<string> {
  const headings = prose(readFileSync(file, "utf8"))
    .split("\n")
    .filter((l) => /^#{1,6} /.test(l))
    .map((l) => headingAnchor(l.replace(/^#+ /, "").replace(/`/g, "")));
  return new Set(headings);
}

function relativeLinks(doc: string): string[] {
  const text = prose(readFileSync(path.join(root, doc), "utf8"));
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((target) => !/^[a-z]+:/i.test(target));
}

describe("links in README and docs/", () => {
  it("finds the documents and their links", () => {
    expect(documents).toContain("docs/design.md");
    expect(relativeLinks("README.md")).toContain("docs/design.md");
  });

  it("reads headings as GitHub anchors them", () => {
    expect(headingAnchor("Duplicates, re-runs, interruptions")).toBe("duplicates-re-runs-interruptions");
    expect(headingAnchor("KPIs (for a period [s, e))")).toBe("kpis-for-a-period-s-e");
  });

  it.each(documents)("every relative link in %s points at an existing file and heading", (doc) => {
    const broken: string[] = [];
    for (const link of relativeLinks(doc)) {
      const [target = "", anchor] = link.split("#");
      const file = target === "" ? path.join(root, doc) : path.resolve(path.dirname(path.join(root, doc)), decodeURIComponent(target));
      if (!existsSync(file)) {
        broken.push(`${link}: no such file`);
        continue;
      }
      if (anchor && statSync(file).isFile() && file.endsWith(".md") && !anchorsOf(file).has(anchor)) broken.push(`${link}: no such heading`);
    }
    expect(broken).toEqual([]);
  });
});
