import { listThemeWork } from "../work/list-theme-work.js";
import { themeListBlocks } from "../../views/work/theme-list-blocks.js";
import { customerDataRefusal } from "../access/check-access.js";
import type { HomeSection } from "./home-section.js";
import { getThemeSort } from "./theme-sort.js";

/** How many themes Home lists (one block each); `/insight themes` lists more. */
export const HOME_THEMES = 5;

/**
 * The top themes by distinct customers or by value at risk (the user's choice, kept per person), with status and the
 * button to the theme modal (members only).
 */
export const homeThemesSection: HomeSection = {
  name: "themes",
  async build({ deps, teamId, userId, t, access }) {
    // Members only; the voices section above tells the others why.
    if (customerDataRefusal(access)) return [];
    const scope = { db: deps.db, teamId };
    const sort = await getThemeSort(scope, userId);
    const page = await listThemeWork(scope, { sort, limit: HOME_THEMES });
    return themeListBlocks(t, { themes: page.items, sort, more: false, footer: [t("work.themes.homeHint")], sortControl: true }).blocks;
  },
};
