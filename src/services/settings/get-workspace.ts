import { toCustomerCounter, type CustomerCounter } from "../../domain/settings/customer-counter.js";
import type { TeamScope } from "../types.js";

export interface WorkspaceSettings {
  teamId: string;
  timeZone: string;
  activityWindowDays: number;
  storiesChannelId: string | null;
  ratingScale: Record<string, number> | null;
  recognitionThreshold: number;
  /** How Japanese messages count customers (人 / 社 / 件). */
  customerCounter: CustomerCounter;
  /** Outreach counts as a win-back when the customer buys within this many days of the contact. */
  outreachWindowDays: number;
}

/** The workspace's settings, with defaults when it has never saved any (no row is written). */
export async function getWorkspace({ db, teamId }: TeamScope): Promise<WorkspaceSettings> {
  const row = await db.workspace.findUnique({ where: { teamId } });
  return {
    teamId,
    timeZone: row?.timeZone ?? "UTC",
    activityWindowDays: row?.activityWindowDays ?? 90,
    storiesChannelId: row?.storiesChannelId ?? null,
    ratingScale: (row?.ratingScale as Record<string, number> | null) ?? null,
    recognitionThreshold: row?.recognitionThreshold ?? 5,
    customerCounter: toCustomerCounter(row?.customerCounter),
    outreachWindowDays: row?.outreachWindowDays ?? 30,
  };
}
