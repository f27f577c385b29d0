import { customerLabel } from "../../domain/capture/customer-choice.js";
import type { Translate } from "../../i18n/index.js";
import { escapeMrkdwn } from "../blocks.js";

/** How a typed customer was read (resolve-customer.ts), as this note needs it. */
export type ResolutionView =
  | { status: "linked"; by: "externalId" | "name" | "similar"; customer: { name: string | null; externalId: string } }
  | { status: "ambiguous"; candidates: ReadonlyArray<{ name: string | null; externalId: string }> }
  | { status: "unknown"; anyCustomers: boolean };

/**
 * The line added to the author's confirmation when a typed customer was not taken as is: read as a similar imported
 * customer, or kept as written because several or none fit. Null when there is nothing to say (an exact match, or a
 * workspace that imported no customers).
 */
export function customerResolutionNote(t: Translate, typed: string, r: ResolutionView): string | null {
  const text = escapeMrkdwn(typed);
  if (r.status === "linked") return r.by === "similar" ? t("capture.resolve.linked", { text, customer: escapeMrkdwn(customerLabel(r.customer)) }) : null;
  if (r.status === "ambiguous") {
    const candidates = r.candidates
      .slice(0, 3)
      .map((c) => escapeMrkdwn(customerLabel(c)))
      .join(" / ");
    return t("capture.resolve.ambiguous", { text, candidates });
  }
  return r.anyCustomers ? t("capture.resolve.unknown", { text }) : null;
}
