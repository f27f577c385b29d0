import { homeHeaderBlocks } from "../../views/home/home-header.js";
import type { HomeSection } from "./app-home-opened.js";

/** Title and the buttons to log an insight or share a story. */
export const homeHeaderSection: HomeSection = {
  name: "header",
  build: async ({ t }) => homeHeaderBlocks(t),
};
