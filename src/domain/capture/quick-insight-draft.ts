import { z } from "zod";

/**
 * A quick `/insight` held back while its author decides whether it repeats a voice already logged: the command's text
 * as read (mentions and channels already decoded) and its trigger id (the source key, so either choice stores once),
 * carried in the offer's button values. `insightId` is set on a "same as this one" button.
 */
export const ZQuickInsightDraft = z.object({ k: z.string().min(1).max(100), x: z.string().min(1), i: z.string().uuid().optional() });
export type QuickInsightDraft = z.infer<typeof ZQuickInsightDraft>;

/** Slack keeps at most 2,000 characters in a button value. */
export const BUTTON_VALUE_MAX = 2000;

/** The button value of a draft, or null when it does not fit (the quick log then goes ahead without the offer). */
export function encodeQuickDraft(draft: QuickInsightDraft): string | null {
  const value = JSON.stringify(draft);
  return value.length <= BUTTON_VALUE_MAX ? value : null;
}

/** Reads a button value written by encodeQuickDraft; null for anything else. */
export function decodeQuickDraft(value: string): QuickInsightDraft | null {
  try {
    const r = ZQuickInsightDraft.safeParse(JSON.parse(value));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
