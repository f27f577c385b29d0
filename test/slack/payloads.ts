import { randomBytes } from "node:crypto";

const id = (p: string) => `${p}${randomBytes(5).toString("hex").toUpperCase()}`;

export interface Who {
  teamId: string;
  userId: string;
}

/** A slash command as Slack form-encodes it. */
export function slashCommand(who: Who, opts: { command: string; text?: string; channelId?: string; responseUrl: string; triggerId?: string }): string {
  return new URLSearchParams({
    token: "legacy",
    team_id: who.teamId,
    team_domain: "example",
    channel_id: opts.channelId ?? "C0GENERAL",
    channel_name: "general",
    user_id: who.userId,
    user_name: "someone",
    command: opts.command,
    text: opts.text ?? "",
    api_app_id: "A0APP",
    is_enterprise_install: "false",
    response_url: opts.responseUrl,
    trigger_id: opts.triggerId ?? id("trig."),
  }).toString();
}

/** Interactivity payloads are form-encoded as `payload=<json>`. */
export const interactive = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** A view_submission with `values` as Slack's view.state.values. */
export function viewSubmission(who: Who, opts: { callbackId: string; values: Record<string, Record<string, unknown>>; privateMetadata?: string; viewId?: string }) {
  return {
    type: "view_submission",
    team: { id: who.teamId, domain: "example" },
    user: { id: who.userId, team_id: who.teamId, name: "someone" },
    api_app_id: "A0APP",
    token: "legacy",
    trigger_id: id("trig."),
    view: {
      id: opts.viewId ?? id("V"),
      team_id: who.teamId,
      type: "modal",
      callback_id: opts.callbackId,
      private_metadata: opts.privateMetadata ?? "",
      state: { values: opts.values },
      hash: "h",
      blocks: [],
    },
    response_urls: [],
  };
}

export function messageShortcut(who: Who, opts: { callbackId: string; channelId: string; message: { ts: string; text: string; user: string }; responseUrl: string }) {
  return {
    type: "message_action",
    token: "legacy",
    action_ts: `${Date.now() / 1000}`,
    team: { id: who.teamId, domain: "example" },
    user: { id: who.userId, name: "someone", team_id: who.teamId },
    channel: { id: opts.channelId, name: "support" },
    callback_id: opts.callbackId,
    trigger_id: id("trig."),
    message_ts: opts.message.ts,
    message: { type: "message", ...opts.message },
    response_url: opts.responseUrl,
  };
}

export function globalShortcut(who: Who, opts: { callbackId: string }) {
  return {
    type: "shortcut",
    token: "legacy",
    action_ts: `${Date.now() / 1000}`,
    team: { id: who.teamId, domain: "example" },
    user: { id: who.userId, username: "someone", team_id: who.teamId },
    callback_id: opts.callbackId,
    trigger_id: id("trig."),
  };
}

export function blockAction(who: Who, opts: { actionId: string; value: string; responseUrl: string; channelId?: string }) {
  return {
    type: "block_actions",
    team: { id: who.teamId, domain: "example" },
    user: { id: who.userId, team_id: who.teamId },
    api_app_id: "A0APP",
    token: "legacy",
    trigger_id: id("trig."),
    response_url: opts.responseUrl,
    container: { type: "message", channel_id: opts.channelId ?? "C0GENERAL", is_ephemeral: true },
    channel: { id: opts.channelId ?? "C0GENERAL" },
    actions: [{ type: "button", action_id: opts.actionId, block_id: "b", value: opts.value, action_ts: `${Date.now() / 1000}` }],
  };
}

/** An Events API envelope (JSON). */
export function eventCallback(teamId: string, event: Record<string, unknown>, opts: { eventId?: string } = {}) {
  return {
    token: "legacy",
    team_id: teamId,
    api_app_id: "A0APP",
    event: { event_ts: `${Date.now() / 1000}`, ...event },
    type: "event_callback",
    event_id: opts.eventId ?? id("Ev"),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: "UBOT0000001", is_bot: true }],
  };
}

/** One element's state in a block_actions payload, as Slack sends it for that element type. */
export type MessageAction =
  | { type: "static_select"; actionId: string; blockId: string; value: string; label: string }
  | { type: "users_select"; actionId: string; blockId: string; user: string }
  | { type: "button"; actionId: string; blockId: string; value: string; label: string };

/**
 * A block_actions payload from an element on a channel message the bot posted (not ephemeral): container, channel
 * and message as Slack sends them, the action's selected_option / selected_user. `actionTs` stays the same on a redelivery.
 */
export function messageBlockAction(
  who: Who,
  opts: { channelId: string; messageTs: string; message: { text: string; blocks: unknown[] }; action: MessageAction; responseUrl: string; actionTs?: string },
) {
  const a = opts.action;
  const actionTs = opts.actionTs ?? `${(Date.now() / 1000).toFixed(6)}`;
  const element =
    a.type === "static_select"
      ? {
          type: a.type,
          action_id: a.actionId,
          block_id: a.blockId,
          selected_option: { text: { type: "plain_text", text: a.label, emoji: true }, value: a.value },
          placeholder: { type: "plain_text", text: "Set status", emoji: true },
          action_ts: actionTs,
        }
      : a.type === "users_select"
        ? { type: a.type, action_id: a.actionId, block_id: a.blockId, selected_user: a.user, action_ts: actionTs }
        : { type: a.type, action_id: a.actionId, block_id: a.blockId, text: { type: "plain_text", text: a.label, emoji: true }, value: a.value, action_ts: actionTs };
  return {
    type: "block_actions",
    user: { id: who.userId, username: "someone", name: "someone", team_id: who.teamId },
    api_app_id: "A0APP",
    token: "legacy",
    container: { type: "message", message_ts: opts.messageTs, channel_id: opts.channelId, is_ephemeral: false },
    trigger_id: id("trig."),
    team: { id: who.teamId, domain: "example" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: opts.channelId, name: "sales" },
    message: { type: "message", subtype: "bot_message", text: opts.message.text, ts: opts.messageTs, bot_id: "B0000001", blocks: opts.message.blocks },
    state: { values: {} },
    response_url: opts.responseUrl,
    actions: [element],
  };
}

/**
 * An options request of an external select in a modal (block_suggestion), as Slack form-encodes it to the options
 * load URL: what the person typed in `value`, the element's action and block ids, and the view it sits in.
 */
export function blockSuggestion(who: Who, opts: { actionId: string; blockId: string; value: string; callbackId: string; viewId?: string }) {
  const viewId = opts.viewId ?? id("V");
  return {
    type: "block_suggestion",
    user: { id: who.userId, username: "someone", name: "someone", team_id: who.teamId },
    container: { type: "view", view_id: viewId },
    api_app_id: "A0APP",
    token: "legacy",
    action_id: opts.actionId,
    block_id: opts.blockId,
    value: opts.value,
    team: { id: who.teamId, domain: "example" },
    enterprise: null,
    is_enterprise_install: false,
    view: { id: viewId, team_id: who.teamId, type: "modal", callback_id: opts.callbackId, private_metadata: "", state: { values: {} }, hash: "h", blocks: [] },
  };
}
