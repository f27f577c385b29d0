import { z } from "zod";

/** How someone reached an at-risk customer. */
export const OUTREACH_CHANNELS = ["email", "call", "meeting", "other"] as const;
export type OutreachChannel = (typeof OUTREACH_CHANNELS)[number];
export const ZOutreachChannel = z.enum(OUTREACH_CHANNELS);

/** What was done, in the person's words (one note per contact). */
export const MAX_OUTREACH_NOTE_LENGTH = 1000;

/** Revenue after a contact is read over this many days, whatever the win-back window. */
export const REVENUE_DAYS = 90;

/** The win-back window a workspace may set (days): under a week measures chance more than outreach. */
export const MIN_WINDOW_DAYS = 7;
export const MAX_WINDOW_DAYS = 365;
export const DEFAULT_WINDOW_DAYS = 30;

/**
 * An admin's window as typed (`45`, `45d`, `45 days`, `45日`): whole days within MIN_WINDOW_DAYS..MAX_WINDOW_DAYS,
 * or undefined for anything else.
 */
export function parseWindowDays(word: string | undefined): number | undefined {
  const m = /^(\d{1,4})\s*(?:d|days?|日)?$/i.exec((word ?? "").trim());
  if (!m) return undefined;
  const days = Number(m[1]);
  return days >= MIN_WINDOW_DAYS && days <= MAX_WINDOW_DAYS ? days : undefined;
}

/**
 * returned: a purchase in the window (known as soon as it happens); not_returned: the window closed without one;
 * pending: the window is still open and no purchase yet.
 */
export const OUTREACH_OUTCOMES = ["returned", "not_returned", "pending"] as const;
export type OutreachOutcome = (typeof OUTREACH_OUTCOMES)[number];

const DAY_MS = 86_400_000;

/** When a contact's win-back window closes: windowDays × 24 hours after contactedAt. */
export const windowEnd = (contactedAt: Date, windowDays: number): Date => new Date(contactedAt.getTime() + windowDays * DAY_MS);

/** When the revenue read after a contact is complete. */
export const revenueEnd = (contactedAt: Date): Date => new Date(contactedAt.getTime() + REVENUE_DAYS * DAY_MS);

/** A contact's outcome at `now`, from its first purchase in the window (null: none so far). */
export function outreachOutcome(o: { contactedAt: Date; windowDays: number; returnedAt: Date | null }, now: Date): OutreachOutcome {
  if (o.returnedAt) return "returned";
  return now.getTime() >= windowEnd(o.contactedAt, o.windowDays).getTime() ? "not_returned" : "pending";
}

/** True once the window has closed: only such contacts count in the uplift (an open window favours early buyers). */
export const windowClosed = (o: { contactedAt: Date; windowDays: number }, now: Date): boolean => now.getTime() >= windowEnd(o.contactedAt, o.windowDays).getTime();
