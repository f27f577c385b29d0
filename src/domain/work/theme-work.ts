import { z } from "zod";
import { type InsightStatus, ZResolution, ZWorkLink } from "./insight-work.js";

/** A theme's follow-up: open until a team plans it, then done or won't do. */
export const THEME_STATUSES = ["open", "planned", "done", "wont_do"] as const;
export type ThemeStatus = (typeof THEME_STATUSES)[number];

export const MAX_THEME_NAME_LENGTH = 100;

/** The one spelling of a theme a workspace keeps: trimmed and lower case ("Pricing " and "pricing" are one theme). */
export const normaliseThemeName = (name: string): string => name.trim().toLowerCase();

export const ZThemeName = z.string().transform(normaliseThemeName).pipe(z.string().min(1).max(MAX_THEME_NAME_LENGTH));

/** A change to a theme: its new status, with an optional resolution and link that its insights take when they have none. */
export const ZThemeWorkChange = z
  .object({
    status: z.enum(THEME_STATUSES),
    resolution: ZResolution.nullable().optional(),
    link: z
      .union([z.literal(""), ZWorkLink])
      .nullable()
      .optional(),
  })
  .strict();
export type ThemeWorkChange = z.infer<typeof ZThemeWorkChange>;

/** Insight statuses that still need work: the insights a theme's change moves. */
export const OPEN_INSIGHT_STATUSES: readonly InsightStatus[] = ["new", "acknowledged", "planned"];
export const isOpenInsightStatus = (status: string): boolean => (OPEN_INSIGHT_STATUSES as readonly string[]).includes(status);
export const isClosedInsightStatus = (status: string): boolean => status === "done" || status === "wont_do";

/**
 * What an insight's status becomes when its theme moves to `theme`: planned moves new and acknowledged voices to
 * planned; done and won't do close every open voice; reopening a theme (open) leaves its voices as they are.
 * Null when the insight does not follow.
 */
export function followingStatus(theme: ThemeStatus, insight: string): InsightStatus | null {
  if (theme === "open") return null;
  if (theme === "planned") return insight === "new" || insight === "acknowledged" ? "planned" : null;
  return isOpenInsightStatus(insight) ? theme : null;
}
