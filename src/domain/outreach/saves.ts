import type { Uplift } from "./uplift.js";

/** Results of outreach as the leaderboard and the digest show them (from services/outreach/summarize-outreach.ts). */
export interface Saves {
  team: { contacts: number; wonBack: number; revenueRecovered: number; uplift: Uplift };
  owners: Array<{ ownerId: string; wonBack: number; revenueRecovered: number }>;
  /** The win-back window in days, for the footer. */
  windowDays: number;
}
