import type { PlainTextOption } from "@slack/types";
import { customerLabel, encodeCustomerChoice } from "../../domain/capture/customer-choice.js";
import type { Translate } from "../../i18n/index.js";
import { option } from "../blocks.js";

/** An imported customer as the picker lists it. */
export interface PickableCustomer {
  id: bigint;
  externalId: string;
  name: string | null;
}

/** Slack shows at most 100 options; a short list of the best matches reads better. */
export const PICKER_OPTIONS_MAX = 20;

/**
 * The customer picker's answer to what was typed: the best-matching imported customers (label "Name (id)", cut to
 * Slack's 75 characters), then the typed text "as written" so a customer not imported can still be named.
 */
export function customerOptions(t: Translate, customers: readonly PickableCustomer[], typed: string): { options: PlainTextOption[] } {
  const options = customers.slice(0, PICKER_OPTIONS_MAX).flatMap((c) => {
    const value = encodeCustomerChoice({ kind: "customer", customerId: String(c.id) });
    return value ? [option(customerLabel(c), value)] : [];
  });
  const text = typed.trim();
  const asWritten = text ? encodeCustomerChoice({ kind: "text", text }) : null;
  const exact = customers.some((c) => c.externalId === text || c.name?.trim().toLowerCase() === text.toLowerCase());
  if (asWritten && !exact) options.push(option(t("capture.picker.asWritten", { text }), asWritten));
  return { options };
}
