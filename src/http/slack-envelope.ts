import { z } from "zod";

/**
 * The outer shapes Slack sends to /slack/events, checked after the signature and before Bolt sees the body.
 * Bolt reads these fields without checking them (a signed JSON `null` crashed it outside any handler), so
 * anything else is a 400 here. Only the envelope is checked: what a listener reads inside it (a view's state,
 * its private_metadata) is checked by that listener, which can answer the user in their language.
 */
const ZId = z.string().min(1).max(100);

const ZUrlVerification = z.looseObject({ type: z.literal("url_verification"), challenge: z.string().max(1000) });
const ZAppRateLimited = z.looseObject({ type: z.literal("app_rate_limited") });

const ZEventCallback = z.looseObject({
  type: z.literal("event_callback"),
  team_id: ZId.optional(),
  event: z.looseObject({ type: z.string().min(1).max(100) }),
  authorizations: z.array(z.looseObject({})).optional(),
});

const ZSlashCommand = z.looseObject({
  command: z.string().startsWith("/").max(100),
  text: z.string(),
  team_id: ZId,
  user_id: ZId,
  channel_id: ZId,
});

const ZInteraction = z.looseObject({
  type: z.string().min(1).max(100),
  user: z.looseObject({ id: ZId }),
  team: z.looseObject({ id: ZId }).nullable().optional(),
  actions: z.array(z.looseObject({})).optional(),
  view: z.looseObject({ id: ZId, callback_id: z.string().max(255) }).optional(),
});

const ZView = z.looseObject({ type: z.enum(["view_submission", "view_closed"]), view: z.looseObject({ id: ZId }) });
const ZBlockActions = z.looseObject({ actions: z.array(z.looseObject({ action_id: z.string().min(1).max(255) })).min(1) });
const ZShortcut = z.looseObject({ callback_id: z.string().min(1).max(255) });

/** True when `body` (parsed as Bolt parses it: JSON, or the form fields, or a form's `payload` JSON) is a shape Slack sends. */
export function isSlackEnvelope(body: unknown): boolean {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const type = (body as { type?: unknown }).type;
  if (type === "url_verification") return ZUrlVerification.safeParse(body).success;
  if (type === "app_rate_limited") return ZAppRateLimited.safeParse(body).success;
  if (type === "event_callback") return ZEventCallback.safeParse(body).success;
  if ((body as { command?: unknown }).command !== undefined) return ZSlashCommand.safeParse(body).success;
  if (!ZInteraction.safeParse(body).success) return false;
  if (type === "view_submission" || type === "view_closed") return ZView.safeParse(body).success;
  // Bolt reads the first action, or the callback id, to route these: without one nothing would ack them.
  if (type === "block_actions") return ZBlockActions.safeParse(body).success;
  if (type === "shortcut" || type === "message_action") return ZShortcut.safeParse(body).success;
  return true;
}
