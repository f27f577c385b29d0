import { writeTransaction } from "../../db/write-transaction.js";
import type { ChangeSource, FieldChange, InsightWorkChange } from "../../domain/work/insight-work.js";
import { followingStatus, normaliseThemeName, OPEN_INSIGHT_STATUSES, type ThemeStatus, type ThemeWorkChange } from "../../domain/work/theme-work.js";
import { AppError } from "../../errors/app-error.js";
import type { Theme } from "../../generated/prisma/client.js";
import type { StoredInsight } from "../capture/log-insight.js";
import type { TeamScope } from "../types.js";
import { applyInsightWorkChange } from "./change-insight-work.js";
import { queueLoopClosures } from "./queue-loop-closures.js";

export interface ChangeThemeWorkInput {
  /** As typed: it is normalised (trimmed, lower case). */
  name: string;
  change: ThemeWorkChange;
  actorId: string | null;
  source: Exclude<ChangeSource, "theme">;
  /** Names the request (action_ts, view id, Idempotency-Key): the same key twice changes nothing the second time. */
  changeKey: string;
}

export interface ChangeThemeWorkResult {
  theme: Theme;
  /** The theme's status before this call. */
  from: ThemeStatus;
  /** False when the request was a retry or asked for what the theme already is. */
  changed: boolean;
  /** The theme's insights that followed, each with what changed on it. */
  insights: { insight: StoredInsight; changes: FieldChange[] }[];
}

const emptyToNull = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === "" ? null : v);

/**
 * Marks a theme planned, done or won't do (or open again), with an optional resolution and link, and moves its open
 * insights along (see followingStatus): each insight's change is kept in its history with source "theme", and the
 * insights that become done owe their loggers one close-the-loop DM for the whole theme (queued here, in the same
 * transaction). Theme and insight rows are locked, so two changes at once apply one after the other.
 *
 * Throws AppError NOT_FOUND when no voice of the workspace has the theme and it was never marked.
 */
export async function changeThemeWork(scope: TeamScope, input: ChangeThemeWorkInput): Promise<ChangeThemeWorkResult> {
  const { db, teamId } = scope;
  const name = normaliseThemeName(input.name);
  const resolution = emptyToNull(input.change.resolution);
  const link = emptyToNull(input.change.link);
  return writeTransaction(db, async (tx) => {
    const voices = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM "Insight"
      WHERE "teamId" = ${teamId} AND "hiddenAt" IS NULL AND EXISTS (SELECT 1 FROM unnest(themes) AS t(theme) WHERE lower(btrim(t.theme)) = ${name})
      ORDER BY id
      FOR UPDATE`;
    await tx.$executeRaw`INSERT INTO "Theme" ("teamId", name) VALUES (${teamId}, ${name}) ON CONFLICT DO NOTHING`;
    const [current] = await tx.$queryRaw<Theme[]>`SELECT * FROM "Theme" WHERE "teamId" = ${teamId} AND name = ${name} FOR UPDATE`;
    if (!current) throw new Error("theme row vanished inside its transaction");
    const from = current.status as ThemeStatus;
    const unchanged = { theme: current, from, changed: false, insights: [] };
    if (voices.length === 0 && current.status === "open" && current.resolution === null) throw new AppError("NOT_FOUND", "work.theme.error.notFound");
    if ((await tx.themeChange.count({ where: { teamId, changeKey: input.changeKey } })) > 0) return unchanged;
    const status = input.change.status;
    const next = { status, resolution: resolution === undefined ? current.resolution : resolution, link: link === undefined ? current.link : link };
    if (next.status === current.status && next.resolution === current.resolution && next.link === current.link) return unchanged;

    const open = await tx.insight.findMany({ where: { id: { in: voices.map((v) => v.id) }, status: { in: [...OPEN_INSIGHT_STATUSES] } }, orderBy: { createdAt: "asc" } });
    const followed: ChangeThemeWorkResult["insights"] = [];
    for (const insight of open) {
      const to = followingStatus(status, insight.status);
      if (!to) continue;
      const change: InsightWorkChange = { status: to };
      if (next.resolution && !insight.resolution) change.resolution = next.resolution;
      if (next.link && !insight.link) change.link = next.link;
      const result = await applyInsightWorkChange(tx, teamId, insight, {
        insightId: insight.id,
        change,
        actorId: input.actorId,
        source: "theme",
        changeKey: `theme:${input.changeKey}:${insight.id}`,
      });
      if (result.changes.length) followed.push(result);
    }
    const record = await tx.themeChange.create({
      data: {
        teamId,
        name,
        changeKey: input.changeKey,
        fromStatus: current.status,
        toStatus: status,
        resolution: next.resolution,
        link: next.link,
        actorId: input.actorId,
        source: input.source,
        insightsChanged: followed.length,
      },
    });
    const theme = await tx.theme.update({ where: { teamId_name: { teamId, name } }, data: { ...next, updatedBy: input.actorId, updatedAt: record.createdAt } });
    const done = followed.filter((f) => f.insight.status === "done").map((f) => f.insight);
    if (done.length) await queueLoopClosures(tx, teamId, { resolutionKey: `theme:${record.id}`, insights: done, themeName: name, resolution: next.resolution });
    return { theme, from, changed: true, insights: followed };
  });
}
