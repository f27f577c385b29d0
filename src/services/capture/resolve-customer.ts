import type { TeamScope } from "../types.js";
import { findCustomers, type CustomerMatch } from "./find-customers.js";

/** How a typed customer name was read against the imported customers. */
export type CustomerResolution =
  | { status: "linked"; customer: CustomerMatch; by: "externalId" | "name" | "similar" }
  /** Several customers fit equally well: kept as written, the candidates are named to the author. */
  | { status: "ambiguous"; candidates: CustomerMatch[] }
  /** Nothing imported resembles it (or nothing is imported): kept as written. */
  | { status: "unknown"; anyCustomers: boolean };

/** A trigram match is "clear" when it is this good and this far ahead of the next one. */
const CLEAR_SCORE = 0.6;
const CLEAR_GAP = 0.15;

/**
 * Reads a customer as typed in a quick `/insight` or a message shortcut the way the picker would: an exact external
 * id first, then an exact name (case-insensitive), then one clear trigram match. Anything else is kept as written,
 * and the caller says so.
 */
export async function resolveCustomer(scope: TeamScope, typed: string): Promise<CustomerResolution> {
  const { db, teamId } = scope;
  const text = typed.trim();
  // Most workspaces without imported customers never need the searches below.
  const any = await db.customer.findFirst({ where: { teamId }, select: { id: true } });
  if (!any) return { status: "unknown", anyCustomers: false };
  const byId = await db.customer.findUnique({
    where: { teamId_externalId: { teamId, externalId: text } },
    select: { id: true, externalId: true, name: true, segment: true },
  });
  if (byId) return { status: "linked", customer: { ...byId, match: "externalId", score: 1 }, by: "externalId" };
  // The same name in any case, from the (teamId, lower(name)) index.
  const byName = await db.$queryRawUnsafe<Omit<CustomerMatch, "score" | "match">[]>(
    `select "id", "externalId", "name", "segment" from "Customer" where "teamId" = $1 and lower("name") = $2 order by "id" limit 5`,
    teamId,
    text.toLowerCase(),
  );
  const named = byName.map((c) => ({ ...c, match: "name" as const, score: 1 }));
  if (named.length === 1) return { status: "linked", customer: named[0]!, by: "name" };
  if (named.length > 1) return { status: "ambiguous", candidates: named };
  // A search past its statement timeout reads as "no clear match": the voice is kept as written and the author told.
  const similar = await findCustomers(scope, { query: text, limit: 5 }).catch(() => []);
  const [best, next] = similar;
  if (best && best.score >= CLEAR_SCORE && (!next || best.score - next.score >= CLEAR_GAP)) return { status: "linked", customer: best, by: "similar" };
  if (similar.length > 0) return { status: "ambiguous", candidates: similar };
  return { status: "unknown", anyCustomers: true };
}
