import { defineMessages } from "./define.js";

/** Messages of the home area. */
export const home = defineMessages({
  en: {},
  ja: {},
});
