import { DEFAULT_SCALE, effectiveScale, type RatingScale } from "../../domain/ratings/scale.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { TeamScope } from "../types.js";

export interface RatingSettings {
  scale: RatingScale;
  /** Points a story needs before the bot thanks its author in the thread. */
  threshold: number;
  /** True while the workspace uses the default scale. */
  isDefaultScale: boolean;
}

const DEFAULT_THRESHOLD = 5;

/** The workspace's scale and recognition threshold, with defaults when never changed (writes nothing). */
export async function getRatingSettings({ db, teamId }: TeamScope): Promise<RatingSettings> {
  const row = await db.workspace.findUnique({ where: { teamId }, select: { ratingScale: true, recognitionThreshold: true } });
  const stored = (row?.ratingScale ?? null) as RatingScale | null;
  return { scale: effectiveScale(stored), threshold: row?.recognitionThreshold ?? DEFAULT_THRESHOLD, isDefaultScale: stored === null };
}

// Each change is one statement on the current row (jsonb || and -), so two admins editing at once
// cannot overwrite each other's emoji. A workspace without a row starts from the default scale.
const UPSERT_SCALE = (expr: string) => `
  INSERT INTO "Workspace" ("teamId", "ratingScale", "updatedAt")
  VALUES ($1, (${expr.replaceAll("CURRENT", "$2::jsonb")}), now())
  ON CONFLICT ("teamId") DO UPDATE
  SET "ratingScale" = (${expr.replaceAll("CURRENT", `COALESCE("Workspace"."ratingScale", $2::jsonb)`)}), "updatedAt" = now()`;

/** Gives `emoji` (base name) `points` on the workspace's scale. */
export async function setEmojiPoints({ db, teamId }: TeamScope, emoji: string, points: number): Promise<RatingSettings> {
  await db.$executeRawUnsafe(UPSERT_SCALE(`CURRENT || jsonb_build_object($3::text, $4::int)`), teamId, JSON.stringify(DEFAULT_SCALE), emoji, points);
  return getRatingSettings({ db, teamId });
}

/** Takes `emoji` off the scale: its reactions count nothing from now on (past votes are kept). */
export async function removeEmoji({ db, teamId }: TeamScope, emoji: string): Promise<RatingSettings> {
  await db.$executeRawUnsafe(UPSERT_SCALE(`CURRENT - $3::text`), teamId, JSON.stringify(DEFAULT_SCALE), emoji);
  return getRatingSettings({ db, teamId });
}

/** Back to the default scale. */
export async function resetScale({ db, teamId }: TeamScope): Promise<RatingSettings> {
  await db.workspace.upsert({ where: { teamId }, create: { teamId }, update: { ratingScale: Prisma.DbNull } });
  return getRatingSettings({ db, teamId });
}

/** Sets the points a story needs for the thank-you. */
export async function setThreshold({ db, teamId }: TeamScope, threshold: number): Promise<RatingSettings> {
  await db.workspace.upsert({ where: { teamId }, create: { teamId, recognitionThreshold: threshold }, update: { recognitionThreshold: threshold } });
  return getRatingSettings({ db, teamId });
}
