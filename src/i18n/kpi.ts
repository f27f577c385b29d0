import { defineMessages } from "./define.js";

/** Messages of the kpi area. */
export const kpi = defineMessages({
  en: {},
  ja: {},
});
