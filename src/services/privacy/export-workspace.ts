import { z } from "zod";
import { AppError } from "../../errors/app-error.js";
import { getWorkspace } from "../settings/get-workspace.js";
import type { TeamScope } from "../types.js";

export const EXPORT_KINDS = ["voices", "stories", "votes", "outreach", "settings"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** A flat exported value: CSV cells and JSON fields alike. */
export type ExportValue = string | number | boolean | null | string[];
export type ExportRow = Record<string, ExportValue>;

/** One bounded page of an export: its columns, its rows (read from the store page by page while they are sent), and where the next page starts. */
export interface ExportPage {
  kind: ExportKind;
  columns: readonly string[];
  rows: AsyncIterable<ExportRow>;
  /** The `after` of the next page; null when this page reaches the end. */
  next: string | null;
}

/** Rows read from the store per query while streaming. */
const CHUNK = 500;
export const MAX_EXPORT_ROWS = 50_000;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** How to read one kind: rows after a cursor in a stable order, and the cursor of a row. */
interface Source<R> {
  columns: readonly string[];
  /** The shape of a cursor (a row's unique key). */
  cursor: z.ZodType;
  read(scope: TeamScope, after: unknown, skip: number, take: number): Promise<R[]>;
  key(row: R): unknown;
  toRow(row: R): ExportRow;
}

const source = <R>(s: Source<R>) => s;

const voices = source({
  cursor: z.uuid(),
  columns: [
    "id",
    "createdAt",
    "customer",
    "source",
    "sentiment",
    "themes",
    "quote",
    "context",
    "teams",
    "authorId",
    "messagePermalink",
    "messageAuthorId",
    "hiddenAt",
    "status",
    "ownerId",
    "link",
    "resolution",
    "closedAt",
  ],
  read: ({ db, teamId }, after, skip, take) =>
    db.insight.findMany({
      where: { teamId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      ...(after ? { cursor: { id: after as string } } : {}),
      skip,
      take,
    }),
  key: (r) => r.id,
  toRow: (r) => ({
    id: r.id,
    createdAt: iso(r.createdAt),
    customer: r.customer,
    source: r.source,
    sentiment: r.sentiment,
    themes: r.themes,
    quote: r.quote,
    context: r.context,
    teams: r.teams,
    authorId: r.authorId,
    messagePermalink: r.messagePermalink,
    messageAuthorId: r.messageAuthorId,
    hiddenAt: iso(r.hiddenAt),
    status: r.status,
    ownerId: r.ownerId,
    link: r.link,
    resolution: r.resolution,
    closedAt: iso(r.closedAt),
  }),
});

const stories = source({
  cursor: z.uuid(),
  columns: ["id", "createdAt", "kind", "title", "happened", "learned", "customer", "metricImpact", "authorId", "deletedAt", "thankedAt"],
  read: ({ db, teamId }, after, skip, take) =>
    db.story.findMany({ where: { teamId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], ...(after ? { cursor: { id: after as string } } : {}), skip, take }),
  key: (r) => r.id,
  toRow: (r) => ({
    id: r.id,
    createdAt: iso(r.createdAt),
    kind: r.kind,
    title: r.title,
    happened: r.happened,
    learned: r.learned,
    customer: r.customer,
    metricImpact: r.metricImpact,
    authorId: r.authorId,
    deletedAt: iso(r.deletedAt),
    thankedAt: iso(r.thankedAt),
  }),
});

type VoteKey = { channelId: string; ts: string; voterId: string; emoji: string };
const votes = source({
  cursor: z.strictObject({ channelId: z.string(), ts: z.string(), voterId: z.string(), emoji: z.string() }),
  columns: ["channelId", "ts", "voterId", "emoji", "createdAt"],
  read: ({ db, teamId }, after, skip, take) =>
    db.vote.findMany({
      where: { teamId },
      orderBy: [{ channelId: "asc" }, { ts: "asc" }, { voterId: "asc" }, { emoji: "asc" }],
      ...(after ? { cursor: { teamId_channelId_ts_voterId_emoji: { teamId, ...(after as VoteKey) } } } : {}),
      skip,
      take,
    }),
  key: (r): VoteKey => ({ channelId: r.channelId, ts: r.ts, voterId: r.voterId, emoji: r.emoji }),
  toRow: (r) => ({ channelId: r.channelId, ts: r.ts, voterId: r.voterId, emoji: r.emoji, createdAt: iso(r.createdAt) }),
});

/** Outreach: takings and logged contacts with what the model expected at contact time (outcomes: GET /api/v1/outreach). */
const outreach = source({
  cursor: z.uuid(),
  columns: [
    "id",
    "createdAt",
    "customer",
    "ownerId",
    "takenAt",
    "contactedAt",
    "channel",
    "note",
    "source",
    "windowDays",
    "fitId",
    "pAlive",
    "expectedPurchases",
    "pReturn",
    "expectedClv",
  ],
  read: ({ db, teamId }, after, skip, take) =>
    db.outreach.findMany({
      where: { teamId },
      include: { customer: { select: { externalId: true } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      ...(after ? { cursor: { id: after as string } } : {}),
      skip,
      take,
    }),
  key: (r) => r.id,
  toRow: (r) => ({
    id: r.id,
    createdAt: iso(r.createdAt),
    customer: r.customer.externalId,
    ownerId: r.ownerId,
    takenAt: iso(r.takenAt),
    contactedAt: iso(r.contactedAt),
    channel: r.channel,
    note: r.note,
    source: r.source,
    windowDays: r.windowDays,
    fitId: r.fitId,
    pAlive: r.pAlive,
    expectedPurchases: r.expectedPurchases,
    pReturn: r.pReturn,
    expectedClv: r.expectedClv,
  }),
});

/** Settings are a handful of rows: one per (section, name) with its value (JSON text for structured values). */
async function settingsRows({ db, teamId }: TeamScope): Promise<ExportRow[]> {
  const w = await getWorkspace({ db, teamId });
  const [routes, allowed, subscriptions] = await Promise.all([
    db.insightRoute.findMany({ where: { teamId }, orderBy: { team: "asc" } }),
    db.sharedChannelAllowance.findMany({ where: { teamId }, orderBy: { channelId: "asc" } }),
    db.digestSubscription.findMany({ where: { teamId }, orderBy: { channelId: "asc" } }),
  ]);
  const row = (section: string, name: string, value: unknown): ExportRow => ({ section, name, value: typeof value === "string" ? value : JSON.stringify(value ?? null) });
  return [
    row("workspace", "timeZone", w.timeZone),
    row("workspace", "activityWindowDays", w.activityWindowDays),
    row("workspace", "storiesChannelId", w.storiesChannelId),
    row("workspace", "ratingScale", w.ratingScale),
    row("workspace", "recognitionThreshold", w.recognitionThreshold),
    ...routes.map((r) => row("insightRoute", r.team, r.channelId)),
    ...allowed.map((a) => row("sharedChannelAllowance", a.channelId, { allowedBy: a.allowedBy, createdAt: a.createdAt })),
    ...subscriptions.map((s) =>
      row("digestSubscription", s.channelId, {
        frequency: s.frequency,
        day: s.day,
        time: s.time,
        timeZone: s.timeZone,
        segment: s.segment,
        locale: s.locale,
        paused: s.pausedAt !== null,
      }),
    ),
  ];
}

const SOURCES = { voices, stories, votes, outreach } as const;

const encodeCursor = (key: unknown) => Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
function decodeCursor(after: string, shape: z.ZodType): unknown {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(after, "base64url").toString("utf8"));
  } catch {
    key = undefined;
  }
  const parsed = shape.safeParse(key);
  if (!parsed.success) throw new AppError("BAD_INPUT", "privacy.export.badCursor");
  return parsed.data;
}

/**
 * Exports one kind of the workspace's data, at most `limit` rows (1..MAX_EXPORT_ROWS) after `after` (the `next`
 * of the previous page). Rows are read CHUNK at a time while the caller consumes them, so memory stays bounded
 * whatever the workspace's size. Settings always fit one page. Throws AppError BAD_INPUT for a bad cursor.
 */
export async function exportWorkspace(scope: TeamScope, opts: { kind: ExportKind; after?: string | undefined; limit?: number }): Promise<ExportPage> {
  const limit = Math.min(Math.max(1, opts.limit ?? MAX_EXPORT_ROWS), MAX_EXPORT_ROWS);
  if (opts.kind === "settings") {
    const rows = await settingsRows(scope);
    return {
      kind: "settings",
      columns: ["section", "name", "value"],
      rows: (async function* () {
        yield* rows;
      })(),
      next: null,
    };
  }
  const src = SOURCES[opts.kind] as Source<unknown>;
  const start = opts.after === undefined ? undefined : decodeCursor(opts.after, src.cursor);
  // A cursor row is itself skipped (it was the previous page's last row).
  const skipCursor = start === undefined ? 0 : 1;
  const beyond = await src.read(scope, start, skipCursor + limit - 1, 2);
  if (start !== undefined && beyond.length === 0 && (await src.read(scope, start, 0, 1)).length === 0) throw new AppError("BAD_INPUT", "privacy.export.badCursor");
  const next = beyond.length === 2 ? encodeCursor(src.key(beyond[0])) : null;
  async function* rows() {
    let cursor = start;
    let skip = skipCursor;
    let left = limit;
    while (left > 0) {
      const chunk = await src.read(scope, cursor, skip, Math.min(CHUNK, left));
      for (const r of chunk) yield src.toRow(r);
      if (chunk.length < Math.min(CHUNK, left)) return;
      left -= chunk.length;
      cursor = src.key(chunk[chunk.length - 1]);
      skip = 1;
    }
  }
  return { kind: opts.kind, columns: src.columns, rows: rows(), next };
}
