/** The teams an insight can concern; each can have its own routing channel. */
export const TEAMS = ["product", "support", "sales", "marketing"] as const;
export type TeamName = (typeof TEAMS)[number];

export const SOURCES = ["call", "email", "chat", "survey", "review", "social", "other"] as const;
export type InsightSource = (typeof SOURCES)[number];

export const SENTIMENTS = ["positive", "neutral", "negative"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const STORY_KINDS = ["win", "failure"] as const;
export type StoryKind = (typeof STORY_KINDS)[number];

/**
 * Input limits. They match Slack's plain_text_input (max_length up to 3000) so the modal itself refuses
 * longer text; the same numbers validate quick commands and the API, never truncating silently.
 */
export const LIMITS = {
  customer: 150,
  quote: 3000,
  context: 3000,
  theme: 40,
  themes: 10,
  storyTitle: 150,
  storyText: 3000,
  metricImpact: 500,
  /** Search words: a page button carries them (Slack's button value holds 2,000 characters). */
  searchQuery: 500,
} as const;

export const isTeam = (v: string): v is TeamName => (TEAMS as readonly string[]).includes(v);
