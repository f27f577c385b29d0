import { MAX_WINDOW_DAYS, MIN_WINDOW_DAYS, parseWindowDays } from "../../domain/outreach/outcome.js";
import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";

/**
 * Sets the outreach measuring window: a contact counts as a win-back when the customer buys within this many days.
 * Contacts already logged keep the window they were logged with (Outreach.windowDays), so their outcomes do not
 * change. One upsert; callers check admin rights. Throws AppError BAD_INPUT "settings.outreachWindow.usage" for
 * anything but whole days within MIN_WINDOW_DAYS..MAX_WINDOW_DAYS.
 */
export async function setOutreachWindow({ db, teamId }: TeamScope, days: string | undefined): Promise<number> {
  const outreachWindowDays = parseWindowDays(days);
  if (outreachWindowDays === undefined) throw new AppError("BAD_INPUT", "settings.outreachWindow.usage", { min: MIN_WINDOW_DAYS, max: MAX_WINDOW_DAYS });
  await db.workspace.upsert({ where: { teamId }, create: { teamId, outreachWindowDays }, update: { outreachWindowDays } });
  return outreachWindowDays;
}
