import { listThemeWork } from "../work/list-theme-work.js";
import { themeListBlocks } from "../../views/work/theme-list-blocks.js";
import { customerDataRefusal } from "../access/check-access.js";
import type { HomeSection } from "./home-section.js";

/** How many themes Home lists (one block each); `/insight themes` lists more. */
export const HOME_THEMES = 5;

/** The themes with the most distinct customers, with status, value at risk and the button to the theme modal (members only). */
export const homeThemesSection: HomeSection = {
  name: "themes",
  async build({ deps, teamId, t, access }) {
    // Members only; the voices section above tells the others why.
    if (customerDataRefusal(access)) return [];
    const page = await listThemeWork({ db: deps.db, teamId }, { sort: "customers", limit: HOME_THEMES });
    return themeListBlocks(t, { themes: page.items, sort: "customers", more: false, footer: [t("work.themes.homeHint")] }).blocks;
  },
};
