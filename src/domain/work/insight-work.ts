import { z } from "zod";
import { storableText } from "../text/storable-text.js";

/** What the team did about a customer voice, in the order work moves. */
export const INSIGHT_STATUSES = ["new", "acknowledged", "planned", "done", "wont_do"] as const;
export type InsightStatus = (typeof INSIGHT_STATUSES)[number];

/** Where a change came from (kept in the history). */
export const CHANGE_SOURCES = ["button", "app_home", "api", "theme"] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

/** The follow-up fields a change may set, in the order a thread line names them. */
export const WORK_FIELDS = ["status", "owner", "link", "resolution"] as const;
export type WorkField = (typeof WORK_FIELDS)[number];

export const MAX_LINK_LENGTH = 2000;
export const MAX_RESOLUTION_LENGTH = 200;

const ZSlackUserId = z.string().regex(/^[UW][A-Z0-9]{2,20}$/, "must be a Slack user id (U… or W…)");

/** A ticket or doc link: an absolute http(s) URL. */
export const ZWorkLink = storableText()
  .trim()
  .max(MAX_LINK_LENGTH)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && Boolean(u.hostname);
    } catch {
      return false;
    }
  }, "must be an http or https URL");

/** One line: no line breaks, at most MAX_RESOLUTION_LENGTH characters. */
export const ZResolution = storableText()
  .trim()
  .max(MAX_RESOLUTION_LENGTH)
  .refine((s) => !/[\r\n]/.test(s), "must be one line");

/**
 * A change to an insight's follow-up: each field left out stays as it is; null (or "") clears owner, link and
 * resolution. Shared by the API (PATCH) and the Slack surfaces.
 */
export const ZInsightWorkChange = z
  .object({
    status: z.enum(INSIGHT_STATUSES).optional(),
    owner: ZSlackUserId.nullable().optional(),
    link: z
      .union([z.literal(""), ZWorkLink])
      .nullable()
      .optional(),
    resolution: ZResolution.nullable().optional(),
  })
  .strict();
export type InsightWorkChange = z.infer<typeof ZInsightWorkChange>;

/** An insight's follow-up as stored. */
export interface InsightWork {
  status: string;
  ownerId: string | null;
  link: string | null;
  resolution: string | null;
}

export interface FieldChange {
  field: WorkField;
  from: string | null;
  to: string | null;
}

const emptyToNull = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === "" ? null : v);

/** The fields `change` really changes on `current`, in WORK_FIELDS order: setting a value it already has is no change. */
export function diffInsightWork(current: InsightWork, change: InsightWorkChange): FieldChange[] {
  const wanted: Record<WorkField, string | null | undefined> = {
    status: change.status,
    owner: emptyToNull(change.owner),
    link: emptyToNull(change.link),
    resolution: emptyToNull(change.resolution),
  };
  const now: Record<WorkField, string | null> = { status: current.status, owner: current.ownerId, link: current.link, resolution: current.resolution };
  return WORK_FIELDS.flatMap((field) => (wanted[field] === undefined || wanted[field] === now[field] ? [] : [{ field, from: now[field], to: wanted[field] ?? null }]));
}
