import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { parseQuickInsight, type QuickInsight } from "../../domain/capture/parse-quick-insight.js";
import { encodeQuickDraft } from "../../domain/capture/quick-insight-draft.js";
import { isTeam, LIMITS, type TeamName } from "../../domain/capture/vocabulary.js";
import { isStorableText } from "../../domain/text/storable-text.js";
import type { RequestContext } from "../../middleware/context.js";
import { customerDataRefusal } from "../../services/access/check-access.js";
import { findSimilarInsights } from "../../services/capture/find-similar-insights.js";
import { logInsight } from "../../services/capture/log-insight.js";
import { publishInsight } from "../../services/capture/publish-insight.js";
import { resolveCustomer, type CustomerResolution } from "../../services/capture/resolve-customer.js";
import { errorFields } from "../../log.js";
import { customerResolutionNote } from "../../views/capture/customer-resolution.js";
import { duplicateOffer } from "../../views/capture/duplicate-offer.js";
import { insightConfirmation } from "../../views/capture/insight-confirmation.js";
import type { ListenerDeps } from "../deps.js";

/** A reply to the author of a quick `/insight` (ephemeral). */
export interface QuickReply {
  text: string;
  blocks?: KnownBlock[];
}

/** A quick log read and checked: the parsed text, or the reply that says what is wrong with it. */
export function readQuickInsight(t: RequestContext["t"], text: string): { ok: true; quick: QuickInsight & { customer: string } } | { ok: false; reply: QuickReply } {
  const quick = parseQuickInsight(text);
  if (!quick.customer) return { ok: false, reply: { text: t("insight.quick.needsCustomer") } };
  if (!quick.quote) return { ok: false, reply: { text: t("insight.quick.empty") } };
  if (quick.quote.length > LIMITS.quote || quick.customer.length > LIMITS.customer) {
    const [field, max, length] =
      quick.quote.length > LIMITS.quote ? [t("insight.field.quote"), LIMITS.quote, quick.quote.length] : [t("insight.field.customer"), LIMITS.customer, quick.customer.length];
    return { ok: false, reply: { text: t("error.tooLong", { field, max, length }) } };
  }
  if (!isStorableText(quick.quote) || !isStorableText(quick.customer)) return { ok: false, reply: { text: t("error.unstorableText") } };
  return { ok: true, quick: { ...quick, customer: quick.customer } };
}

/**
 * A quick `/insight + Acme: words #theme`, already decoded from Slack's markup: the customer is read against the
 * imported customers (resolve-customer.ts); when similar voices exist (and `offerDuplicates`), the author is asked
 * "same as this one?" first and nothing is stored yet; otherwise the voice is stored (source key: the command's
 * trigger id, so a retry stores once), posted, and confirmed, saying how the customer was read when not exactly.
 */
export async function logQuickInsight(
  deps: ListenerDeps,
  ctx: RequestContext,
  client: WebClient,
  opts: { text: string; triggerId: string; userId: string; offerDuplicates: boolean },
): Promise<QuickReply> {
  const { t } = ctx;
  const read = readQuickInsight(t, opts.text);
  if (!read.ok) return read.reply;
  const { quick } = read;
  const scope = { db: deps.db, teamId: ctx.teamId };
  const resolution = await resolveCustomer(scope, quick.customer);
  const customerId = resolution.status === "linked" ? String(resolution.customer.id) : null;

  if (opts.offerDuplicates && !customerDataRefusal(await ctx.access())) {
    // The offer's buttons carry the draft; one that does not fit in a button value is logged without the offer.
    const fits = encodeQuickDraft({ k: opts.triggerId, x: opts.text, i: "00000000-0000-4000-8000-000000000000" }) !== null;
    const similar = fits
      ? await findSimilarInsights(scope, { customer: quick.customer, customerId, quote: quick.quote, themes: quick.themes }).catch((e: unknown) => {
          deps.log.warn({ teamId: ctx.teamId, err: errorFields(e) }, "similar voices search failed");
          return [];
        })
      : [];
    if (similar.length) return duplicateOffer(t, similar, (id) => encodeQuickDraft({ k: opts.triggerId, x: opts.text, ...(id ? { i: id } : {}) })!);
  }

  const { insight, created } = await logInsight(scope, {
    sourceKey: `command:${opts.triggerId}`,
    now: deps.now(),
    input: {
      customer: quick.customer,
      customerId,
      source: "other",
      sentiment: quick.sentiment,
      themes: quick.themes.map((th) => th.slice(0, LIMITS.theme)),
      quote: quick.quote,
      context: null,
      teams: teamsFromTags(quick.themes),
      authorId: opts.userId,
    },
  });
  if (!created) return { text: t("insight.savedAlready") };
  const outcomes = await publishInsight({ ...scope, client, log: deps.log, t: deps.channelT, users: deps.users }, insight);
  deps.alerts?.after(scope.teamId, { kind: "voice", insightId: insight.id });
  return { text: withNote(insightConfirmation(t, insight.customer, outcomes), customerResolutionNote(t, quick.customer, resolution)) };
}

/** Adds the customer-resolution note (if any) under a confirmation. */
export const withNote = (text: string, note: string | null) => (note ? `${text}\n${note}` : text);

/** How a typed customer was read, for the evidence path (same rules as a new voice). */
export const resolveTypedCustomer = (deps: ListenerDeps, teamId: string, typed: string): Promise<CustomerResolution> => resolveCustomer({ db: deps.db, teamId }, typed);

/** `#support` or `#sales` style tags pick the teams of a quick log; without one it is product feedback. */
function teamsFromTags(themes: string[]): TeamName[] {
  const teams = themes.filter(isTeam);
  return teams.length ? teams : ["product"];
}
