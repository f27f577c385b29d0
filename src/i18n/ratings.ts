import { defineMessages } from "./define.js";

/** Messages of the ratings area. */
export const ratings = defineMessages({
  en: {},
  ja: {},
});
