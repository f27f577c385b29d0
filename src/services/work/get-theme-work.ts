import { normaliseThemeName } from "../../domain/work/theme-work.js";
import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";
import { listThemeWork, type ThemeWork } from "./list-theme-work.js";

/**
 * One theme as work (status, resolution, link, customers, open voices), for the theme modal: the same query as the
 * themes list, narrowed to the theme. Throws AppError NOT_FOUND when no shown voice of the workspace has the theme.
 */
export async function getThemeWork(scope: TeamScope, name: string): Promise<ThemeWork> {
  const { items } = await listThemeWork(scope, { name: normaliseThemeName(name), limit: 1 });
  if (!items[0]) throw new AppError("NOT_FOUND", "work.theme.error.notFound");
  return items[0];
}
