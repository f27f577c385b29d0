import { defineMessages } from "./define.js";

/** Messages of the digest area. */
export const digest = defineMessages({
  en: {},
  ja: {},
});
