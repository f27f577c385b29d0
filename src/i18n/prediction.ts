import { defineMessages } from "./define.js";

/** Messages of the prediction area. */
export const prediction = defineMessages({
  en: {},
  ja: {},
});
