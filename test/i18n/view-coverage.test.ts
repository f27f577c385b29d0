// The tests over "every built payload" (markers, glossary) see only what test/i18n/payloads.ts builds: every view
// file must be built there, or be listed below as one that builds no Slack text of its own.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/** View files that are not builders of readable Slack payloads, and why. */
const NOT_BUILDERS: Record<string, string> = {
  "block-limits.ts": "Slack's limits and fitting helpers",
  "blocks.ts": "block constructors and escaping",
  "long-text.ts": "splitting helpers",
  "field-errors.ts": "modal field errors: catalog messages only",
  "unreadable-form.ts": "a plain_text modal",
  "capture/insight-modal.ts": "a plain_text modal",
  "capture/story-modal.ts": "a plain_text modal",
  "capture/link-customer-modal.ts": "a plain_text modal",
  "capture/customer-options.ts": "plain_text options of the customer picker",
  "work/insight-link-modal.ts": "a plain_text modal",
  "home/home-trend-image.ts": "a PNG image",
  "kpi/index.ts": "re-exports",
  "kpi/labels.ts": "date and period labels used by the KPI builders",
  "kpi/parse-cohort-year.ts": "a command parser",
  "kpi/kpi-text-table.ts": "terminal tables for npm run kpi",
  "prediction/format.ts": "number formatters used by the prediction builders",
};
/** Folders of parts that the builders above assemble. */
const PART_FOLDERS = ["kpi/charts/", "kpi/png/"];

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));

describe("the payload list covers every view builder", () => {
  it("each file under src/views/ is built in test/i18n/payloads.ts or named as no builder", () => {
    const payloads = readFileSync("test/i18n/payloads.ts", "utf8");
    const views = files(join("src", "views")).map((f) => relative(join("src", "views"), f).split("\\").join("/"));
    const missing = views.filter(
      (v) => !(v in NOT_BUILDERS) && !PART_FOLDERS.some((folder) => v.startsWith(folder)) && !payloads.includes(`src/views/${v.replace(/\.ts$/, ".js")}"`),
    );
    expect(missing).toEqual([]);
    expect(
      Object.keys(NOT_BUILDERS).filter((v) => !views.includes(v)),
      "listed files that no longer exist",
    ).toEqual([]);
  });
});
