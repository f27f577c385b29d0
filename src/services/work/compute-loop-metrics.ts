import type { LoopMetric } from "../../domain/work/loop-metrics.js";
import type { TeamScope } from "../types.js";

/**
 * Loop-closure figures per team over the voices logged in [from, to), as they stood at `now`: the share done or won't
 * do, the median days from logging to done, and the share of done voices whose customer was told ("I told the
 * customer" on their close-the-loop DM). A voice routed for two teams counts for both; voices whose post was deleted
 * do not count. The one query for these figures (digest and App Home).
 */
export async function computeLoopMetrics({ db, teamId }: TeamScope, opts: { from: Date; to: Date; now: Date }): Promise<LoopMetric[]> {
  const rows = await db.$queryRaw<{ team: string; total: number; closed: number; done: number; median: number | null; told: number }[]>`
    WITH voice AS (
      SELECT i.id, i.status, i."createdAt", i."closedAt", team
      FROM "Insight" i, unnest(i.teams) AS team
      WHERE i."teamId" = ${teamId} AND i."hiddenAt" IS NULL AND i."createdAt" >= ${opts.from} AND i."createdAt" < ${opts.to}
    ),
    marked AS (
      SELECT v.*,
             (v.status IN ('done', 'wont_do') AND v."closedAt" <= ${opts.now}) AS is_closed,
             (v.status = 'done' AND v."closedAt" <= ${opts.now}) AS is_done,
             EXISTS (SELECT 1 FROM "LoopClosure" l WHERE l."teamId" = ${teamId} AND v.id::text = ANY(l."insightIds") AND l."toldAt" <= ${opts.now}) AS is_told
      FROM voice v
    )
    SELECT team, count(*)::int AS total,
           count(*) FILTER (WHERE is_closed)::int AS closed,
           count(*) FILTER (WHERE is_done)::int AS done,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ("closedAt" - "createdAt")) / 86400) FILTER (WHERE is_done))::float8 AS median,
           count(*) FILTER (WHERE is_done AND is_told)::int AS told
    FROM marked GROUP BY team ORDER BY team`;
  return rows.map((r) => ({
    team: r.team,
    total: r.total,
    closed: r.closed,
    done: r.done,
    rate: r.total ? r.closed / r.total : 0,
    medianDaysToDone: r.median === null ? null : Math.round(r.median * 10) / 10,
    told: r.told,
    toldRate: r.done ? r.told / r.done : null,
  }));
}
