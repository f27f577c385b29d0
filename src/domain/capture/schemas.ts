import { z } from "zod";
import { LIMITS, SENTIMENTS, SOURCES, STORY_KINDS, TEAMS } from "./vocabulary.js";

/** A customer voice as the services accept it, whichever surface it came from. */
export const ZInsightInput = z.object({
  customer: z.string().trim().min(1).max(LIMITS.customer),
  source: z.enum(SOURCES),
  sentiment: z.enum(SENTIMENTS),
  themes: z.array(z.string().min(1).max(LIMITS.theme)).max(LIMITS.themes),
  quote: z.string().trim().min(1).max(LIMITS.quote),
  context: z.string().trim().max(LIMITS.context).nullish(),
  teams: z.array(z.enum(TEAMS)).min(1),
  authorId: z.string().min(1),
  messagePermalink: z.string().url().nullish(),
  messageAuthorId: z.string().nullish(),
});
export type InsightInput = z.infer<typeof ZInsightInput>;

export const ZStoryInput = z.object({
  kind: z.enum(STORY_KINDS),
  title: z.string().trim().min(1).max(LIMITS.storyTitle),
  happened: z.string().trim().min(1).max(LIMITS.storyText),
  learned: z.string().trim().min(1).max(LIMITS.storyText),
  customer: z.string().trim().max(LIMITS.customer).nullish(),
  metricImpact: z.string().trim().max(LIMITS.metricImpact).nullish(),
  authorId: z.string().min(1),
});
export type StoryInput = z.infer<typeof ZStoryInput>;
