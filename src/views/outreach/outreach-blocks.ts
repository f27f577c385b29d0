import type { KnownBlock, View } from "@slack/types";
import { MAX_OUTREACH_NOTE_LENGTH, OUTREACH_CHANNELS } from "../../domain/outreach/outcome.js";
import { localDay } from "../../domain/time/calendar.js";
import type { Translate } from "../../i18n/index.js";
import { OUTREACH_ACTIONS, OUTREACH_FIELDS, OUTREACH_VIEWS } from "../../slack-ids.js";
import { formModal, context, escapeMrkdwn, option, plain, section } from "../blocks.js";

/** Who has an at-risk customer, as a list shows it: the owner's user id, the day they took or contacted them. */
export interface RowOwner {
  ownerId: string;
  /** YYYY-MM-DD in the workspace's calendar. */
  since: string;
  contacted: boolean;
}

/** Owners as lists show them: the day they took or contacted the customer in the workspace's calendar. */
export function rowOwners(owners: ReadonlyMap<string, { ownerId: string; takenAt: Date; contactedAt: Date | null }>, timeZone: string): Map<string, RowOwner> {
  return new Map([...owners].map(([id, o]) => [id, { ownerId: o.ownerId, since: localDay(o.contactedAt ?? o.takenAt, timeZone), contacted: o.contactedAt !== null }]));
}

const button = (text: string, actionId: string, value: string, style?: "primary") => ({
  type: "button" as const,
  action_id: actionId,
  text: plain(text),
  value,
  ...(style ? { style } : {}),
});

/** Who has an at-risk customer, as one line: taken by (since), or reached out (on). */
export const ownerLine = (t: Translate, owner: RowOwner): string =>
  owner.contacted
    ? t("outreach.row.contacted", { owner: `<@${owner.ownerId}>`, since: owner.since })
    : t("outreach.row.owner", { owner: `<@${owner.ownerId}>`, since: owner.since });

/**
 * An at-risk customer's buttons: "I'll reach out" and "Log outreach"; the button value is the customer's external id
 * and nothing else. With `viewerId` (App Home, drawn for one person) a customer someone else has offers "Take over"
 * instead, and one the viewer has offers only "Log outreach".
 */
export function outreachButtons(t: Translate, externalId: string, owner: RowOwner | undefined, viewerId?: string): KnownBlock {
  const log = (primary: boolean) => button(t("outreach.button.log"), OUTREACH_ACTIONS.log, externalId, primary ? "primary" : undefined);
  if (viewerId !== undefined && owner?.ownerId === viewerId) return { type: "actions", elements: [log(true)] };
  if (viewerId !== undefined && owner) return { type: "actions", elements: [button(t("outreach.button.takeOver"), OUTREACH_ACTIONS.takeOver, externalId), log(false)] };
  return { type: "actions", elements: [button(t("outreach.button.take"), OUTREACH_ACTIONS.take, externalId, owner ? undefined : "primary"), log(false)] };
}

/** Under an at-risk customer's row: who has them (if anyone), and the buttons (see outreachButtons). */
export function outreachRowBlocks(t: Translate, externalId: string, owner: RowOwner | undefined, viewerId?: string): KnownBlock[] {
  return [...(owner ? [context(ownerLine(t, owner))] : []), outreachButtons(t, externalId, owner, viewerId)];
}

/** A customer as the outreach answers name them: "Name (id)" or the id, escaped for mrkdwn. */
export const customerLabel = (c: { externalId: string; name: string | null }) => escapeMrkdwn(c.name ? `${c.name} (${c.externalId})` : c.externalId);

/** The answer to "I'll reach out" (ephemeral): theirs now, already theirs, or someone else's with a "Take over" button. */
export function takeAnswer(
  t: Translate,
  r: {
    status: "taken" | "already_yours" | "taken_over" | "taken_by_other";
    customer: { externalId: string; name: string | null };
    ownerId: string;
    previousOwnerId?: string;
    since: string;
  },
): { text: string; blocks: KnownBlock[] } {
  const customer = customerLabel(r.customer);
  const text =
    r.status === "taken"
      ? t("outreach.take.taken", { customer })
      : r.status === "already_yours"
        ? t("outreach.take.alreadyYours", { customer, since: r.since })
        : r.status === "taken_over"
          ? t("outreach.take.takenOver", { customer, previous: `<@${r.previousOwnerId}>` })
          : t("outreach.take.byOther", { customer, owner: `<@${r.ownerId}>`, since: r.since });
  const blocks: KnownBlock[] = [section(text)];
  const id = r.customer.externalId;
  blocks.push({
    type: "actions",
    elements:
      r.status === "taken_by_other"
        ? [button(t("outreach.button.takeOver"), OUTREACH_ACTIONS.takeOver, id), button(t("outreach.button.log"), OUTREACH_ACTIONS.log, id)]
        : [button(t("outreach.button.log"), OUTREACH_ACTIONS.log, id, "primary")],
  });
  return { text, blocks };
}

/**
 * The log-outreach modal: channel, date (today by default), what was done. private_metadata is
 * `{"customer":<external id>}`, with `"home":true` when opened from App Home (the submission then refreshes Home).
 */
export function logOutreachModal(t: Translate, externalId: string, today: string, opts: { fromHome?: boolean } = {}): View {
  return formModal({
    callbackId: OUTREACH_VIEWS.log,
    metadata: { customer: externalId, ...(opts.fromHome ? { home: true } : {}) },
    title: t("outreach.modal.title"),
    submit: t("outreach.modal.submit"),
    close: t("outreach.modal.cancel"),
    blocks: [
      section(t("outreach.modal.customer", { customer: escapeMrkdwn(externalId) })),
      {
        type: "input",
        block_id: OUTREACH_FIELDS.channel,
        label: plain(t("outreach.modal.channel")),
        element: { type: "static_select", action_id: OUTREACH_FIELDS.channel, options: OUTREACH_CHANNELS.map((c) => option(t(`outreach.channel.${c}`), c)) },
      },
      {
        type: "input",
        block_id: OUTREACH_FIELDS.date,
        label: plain(t("outreach.modal.date")),
        element: { type: "datepicker", action_id: OUTREACH_FIELDS.date, initial_date: today },
      },
      {
        type: "input",
        block_id: OUTREACH_FIELDS.note,
        label: plain(t("outreach.modal.note")),
        hint: plain(t("outreach.modal.note.hint")),
        element: { type: "plain_text_input", action_id: OUTREACH_FIELDS.note, multiline: true, max_length: MAX_OUTREACH_NOTE_LENGTH },
      },
    ],
  });
}

/** What the modal shows once the contact is stored (response_action update): what is measured, and the model's baseline. */
export function outreachLoggedView(t: Translate, r: { externalId: string; date: string; windowDays: number; pReturn: string | null }): View {
  const lines = [t("outreach.logged", { customer: escapeMrkdwn(r.externalId), date: r.date, days: r.windowDays })];
  if (r.pReturn) lines.push(t("outreach.logged.expected", { pReturn: r.pReturn }));
  return { type: "modal", title: plain(t("outreach.modal.title")), close: plain(t("outreach.modal.close")), blocks: [section(lines.join("\n"))] };
}
