import type { TeamScope } from "../types.js";

/** The workspace's most used themes, most frequent first: suggestions for the insight modal. */
export async function listThemes({ db, teamId }: TeamScope, limit = 100): Promise<string[]> {
  const rows = await db.$queryRaw<{ theme: string }[]>`
    select t.theme from "Insight" i, unnest(i.themes) as t(theme)
    where i."teamId" = ${teamId}
    group by t.theme order by count(*) desc, t.theme asc limit ${limit}`;
  return rows.map((r) => r.theme);
}
