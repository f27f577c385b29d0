import { homeCaptureBlocks } from "../../views/home/home-capture.js";
import type { HomeSection } from "./home-section.js";

/** The buttons to log an insight or share a story (under the user's own contributions). */
export const homeCaptureSection: HomeSection = {
  name: "capture",
  build: async ({ t }) => homeCaptureBlocks(t),
};
