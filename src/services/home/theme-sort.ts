import { TEAMS } from "../../domain/capture/vocabulary.js";
import type { TeamScope } from "../types.js";

/** How App Home ranks themes: by distinct customers, or by customer value at risk. */
export const THEME_SORTS = ["customers", "value"] as const;
export type ThemeSort = (typeof THEME_SORTS)[number];

/** How the user ranks App Home's themes; by customers until they pick. */
export async function getThemeSort({ db, teamId }: TeamScope, userId: string): Promise<ThemeSort> {
  const row = await db.userProfile.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { themeSort: true } });
  return row?.themeSort === "value" ? "value" : "customers";
}

/** Saves how the user ranks App Home's themes (a new profile follows every team, as before it existed). */
export async function setThemeSort({ db, teamId }: TeamScope, userId: string, sort: ThemeSort): Promise<void> {
  await db.userProfile.upsert({
    where: { teamId_userId: { teamId, userId } },
    create: { teamId, userId, teams: [...TEAMS], themeSort: sort },
    update: { themeSort: sort },
  });
}
