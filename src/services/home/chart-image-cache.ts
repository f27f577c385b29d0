import type { WebClient } from "@slack/web-api";
import type { Log } from "../../log.js";
import type { TeamScope } from "../types.js";
import { uploadChartImage } from "./upload-chart-image.js";

/** A chart as Home shows it: the uploaded file, or null when only the text can be shown. */
export interface ChartImageRef {
  fileId: string | null;
  /** The key numbers; the image's alt text, and the text shown instead when there is no file. */
  altText: string;
  title: string;
}

/** What to draw when the cache has no file for the key; null when there is nothing to chart. */
export type ChartMaker = () => Promise<{ png: Buffer; altText: string; title: string } | null>;

export interface GetChartImageOptions extends TeamScope {
  client: WebClient;
  log: Log;
  /** Chart kind, period and locale, e.g. "kpi-trend|2026-11-23|ja": one file per workspace and key. */
  key: string;
  make: ChartMaker;
  now: Date;
}

/** Cache rows older than this are deleted when a new one is written (keys move on every period). */
const KEEP_DAYS = 120;

// Two people opening Home at once must not upload the same chart twice.
const inFlight = new Map<string, Promise<ChartImageRef | null>>();

/**
 * The chart for `key`: the cached Slack file when this workspace already uploaded it, else draws it with
 * `make`, uploads it and remembers the file id. On upload failure nothing is cached (the next open tries
 * again) and the result has `fileId: null` with the alt text to show instead. Null when `make` has nothing
 * to draw. Throws only when the database or `make` fails.
 */
export async function getChartImage(opts: GetChartImageOptions): Promise<ChartImageRef | null> {
  const flightKey = `${opts.teamId}|${opts.key}`;
  const running = inFlight.get(flightKey);
  if (running) return running;
  const work = load(opts).finally(() => inFlight.delete(flightKey));
  inFlight.set(flightKey, work);
  return work;
}

async function load(opts: GetChartImageOptions): Promise<ChartImageRef | null> {
  const { db, teamId, key } = opts;
  const cached = await db.chartImage.findUnique({ where: { teamId_key: { teamId, key } } });
  if (cached) return { fileId: cached.fileId, altText: cached.altText, title: cached.title };
  const chart = await opts.make();
  if (!chart) return null;
  const fileId = await uploadChartImage({
    client: opts.client,
    log: opts.log,
    teamId,
    png: chart.png,
    filename: `${key.replace(/[^A-Za-z0-9-]+/g, "_")}.png`,
    title: chart.title,
    altText: chart.altText,
  });
  if (fileId === null) return { fileId: null, altText: chart.altText, title: chart.title };
  // Another process may have uploaded the same key meanwhile: keep the first row, either file shows the same.
  await db.chartImage.createMany({ data: [{ teamId, key, fileId, altText: chart.altText, title: chart.title, createdAt: opts.now }], skipDuplicates: true });
  await db.chartImage.deleteMany({ where: { teamId, createdAt: { lt: new Date(opts.now.getTime() - KEEP_DAYS * 86_400_000) } } });
  const row = await db.chartImage.findUnique({ where: { teamId_key: { teamId, key } } });
  return { fileId: row?.fileId ?? fileId, altText: row?.altText ?? chart.altText, title: row?.title ?? chart.title };
}
