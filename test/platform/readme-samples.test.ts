import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodBefore } from "../../src/domain/digest/schedule.js";
import { translator } from "../../src/i18n/index.js";
import { importCsvFile } from "../../src/ingest/import-csv.js";
import { gatherDigestData } from "../../src/services/digest/gather-digest-data.js";
import { fitModels } from "../../src/services/prediction/fit-models.js";
import { composeDigest } from "../../src/views/digest/compose-digest.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { CDNOW_SAMPLE } from "../helpers/fixtures.js";
import { createTestStore, newTeamId, type TestStore } from "../helpers/store.js";

// README shows what `/kpi` and a digest look like. These tests rebuild both from the CDNOW sample (imported the way
// README says) through the real bot and the real digest code, render the blocks as plain text, and compare them with
// README's samples, so the samples stay true. After a deliberate change to a view, rewrite README's samples with
//   UPDATE_README_SAMPLES=1 npx vitest run test/platform/readme-samples.test.ts
const README = new URL("../../README.md", import.meta.url);

/** Slack mrkdwn as a reader sees it: no emphasis markers, links as their label, entities decoded. */
function plain(mrkdwn: string): string {
  return mrkdwn
    .replace(/<([^|>]+)\|([^>]+)>/g, "$2")
    .replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=$|[\s).,:;!?])/gm, "$1$2")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** A message's blocks as a screenshot-like text: one line (or a few) per block, in order. */
function blocksAsText(blocks: any[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === "header") out.push(`# ${b.text.text}`);
    else if (b.type === "divider") out.push("────────────────────────────────");
    else if (b.type === "context") out.push(b.elements.map((e: any) => plain(e.text ?? e.alt_text ?? "")).join("  "));
    else if (b.type === "section" && b.fields) {
      for (const f of b.fields) out.push(plain(f.text).replace("\n", ": "));
    } else if (b.type === "section") out.push(plain(b.text.text));
    else if (b.type === "data_visualization") out.push(`[line chart: ${b.chart?.title ?? b.title ?? "trend"}]`);
    else if (b.type === "image") out.push(`[image: ${b.alt_text}]`);
    else if (b.type === "actions") out.push(b.elements.map((e: any) => `[${e.text?.text ?? e.type}]`).join(" "));
    else out.push(`[${b.type}]`);
  }
  return out.join("\n");
}

/** The fenced block between `<!-- sample:name -->` and `<!-- /sample:name -->` in README. */
function readmeSample(readme: string, name: string): string | undefined {
  const m = readme.match(new RegExp(`<!-- sample:${name} -->\\n\`\`\`text\\n([\\s\\S]*?)\\n\`\`\`\\n<!-- /sample:${name} -->`));
  return m?.[1];
}

function checkSample(name: string, actual: string): void {
  const readme = readFileSync(README, "utf8");
  if (process.env.UPDATE_README_SAMPLES) {
    const marker = new RegExp(`(<!-- sample:${name} -->\\n\`\`\`text\\n)[\\s\\S]*?(\\n\`\`\`\\n<!-- /sample:${name} -->)`);
    expect(readme, `README has no <!-- sample:${name} --> block`).toMatch(marker);
    writeFileSync(
      README,
      readme.replace(marker, (_m, open: string, close: string) => `${open}${actual}${close}`),
    );
    return;
  }
  expect(readmeSample(readme, name), `README's ${name} sample differs from what the bot shows; rerun with UPDATE_README_SAMPLES=1`).toBe(actual);
}

describe("README samples, from the CDNOW sample", () => {
  let store: TestStore;
  let t: TestBot;
  const teamId = newTeamId();

  beforeAll(async () => {
    store = await createTestStore("pglite");
    t = await startTestBot(store);
    const summary = await importCsvFile({ store, teamId, kind: "purchases", file: CDNOW_SAMPLE, format: "cdnow" });
    expect(summary.accepted).toBe(6919);
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
    await store?.close();
  });

  it("/kpi 1997-Q3 as README shows it (the numbers, then the trend chart)", async () => {
    const { responseId } = await t.command({ teamId, userId: "U0README" }, "/kpi", "1997-Q3");
    const [, withChart] = await t.fake.waitForResponses(responseId, 2);
    const text = blocksAsText(withChart.blocks);
    checkSample("kpi", text);
  });

  it("the weekly digest of 2–8 June 1997 as README shows it", async () => {
    const db = store.db;
    const fit = await fitModels({ db, teamId, asOf: "1997-06-08" });
    expect(fit.fit.status).toBe("converged");
    const period = periodBefore("weekly", "UTC", new Date("1997-06-09T09:00:00Z"));
    const at = (day: string) => new Date(`${day}T10:00:00Z`);
    await db.insight.createMany({
      data: [
        {
          teamId,
          sourceKey: "r1",
          customer: "00042",
          source: "call",
          sentiment: "negative",
          themes: ["shipping"],
          quote: "Two weeks for a CD is too long.",
          teams: ["support"],
          authorId: "U0A",
          searchText: "x",
          createdAt: at("1997-06-03"),
        },
        {
          teamId,
          sourceKey: "r2",
          customer: "01207",
          source: "email",
          sentiment: "positive",
          themes: ["catalog"],
          quote: "Found the import I looked for everywhere.",
          teams: ["product"],
          authorId: "U0B",
          searchText: "x",
          createdAt: at("1997-06-05"),
        },
      ],
    });
    const data = await gatherDigestData({ db, teamId, period, segment: null });
    const digest = composeDigest(data, translator("en"), { locale: "en" });
    expect(digest.empty).toBe(false);
    checkSample("digest", blocksAsText(digest.blocks));
  }, 180_000);
});
