import { z } from "zod";
import { storableText } from "../text/storable-text.js";
import { LIMITS, SENTIMENTS, SOURCES, STORY_KINDS, TEAMS } from "./vocabulary.js";

/** A customer voice as the services accept it, whichever surface it came from. */
export const ZInsightInput = z.object({
  customer: storableText().trim().min(1).max(LIMITS.customer),
  source: z.enum(SOURCES),
  sentiment: z.enum(SENTIMENTS),
  themes: z.array(storableText().min(1).max(LIMITS.theme)).max(LIMITS.themes),
  quote: storableText().trim().min(1).max(LIMITS.quote),
  context: storableText().trim().max(LIMITS.context).nullish(),
  teams: z.array(z.enum(TEAMS)).min(1),
  authorId: z.string().min(1),
  messagePermalink: z.string().url().nullish(),
  messageAuthorId: z.string().nullish(),
  /** An imported customer picked or resolved for this voice (Customer.id as digits); null: kept as written. */
  customerId: z
    .string()
    .regex(/^\d{1,19}$/)
    .nullish(),
});
export type InsightInput = z.infer<typeof ZInsightInput>;

export const ZStoryInput = z.object({
  kind: z.enum(STORY_KINDS),
  title: storableText().trim().min(1).max(LIMITS.storyTitle),
  happened: storableText().trim().min(1).max(LIMITS.storyText),
  learned: storableText().trim().min(1).max(LIMITS.storyText),
  customer: storableText().trim().max(LIMITS.customer).nullish(),
  metricImpact: storableText().trim().max(LIMITS.metricImpact).nullish(),
  authorId: z.string().min(1),
});
export type StoryInput = z.infer<typeof ZStoryInput>;
