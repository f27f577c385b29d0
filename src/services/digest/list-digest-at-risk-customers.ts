import type { DigestAtRiskCustomer } from "../../domain/digest/digest-data.js";
import { localDay } from "../../domain/time/calendar.js";
import { isAppError } from "../../errors/app-error.js";
import { findCustomerOwners } from "../outreach/find-customer-owner.js";
import { listAtRisk } from "../prediction/list-at-risk.js";
import { getWorkspace } from "../settings/get-workspace.js";
import { DIGEST_SECTION_SIZES } from "../../views/digest/compose-digest.js";
import type { TeamScope } from "../types.js";

/**
 * The digest's at-risk customers (DIGEST_SECTION_SIZES.atRiskCustomers, 3 blocks each at most): the ones of its segment (all customers without one) with the highest value at risk,
 * from the query behind `/kpi at-risk`, with who has each. Only customers of the segment the subscription shows, so
 * the channel sees (and its buttons carry) no customer outside it. Empty before a model is fitted.
 */
export async function listDigestAtRiskCustomers({ db, teamId, segment }: TeamScope & { segment: string | null }): Promise<DigestAtRiskCustomer[]> {
  const list = await listAtRisk({ db, teamId, limit: DIGEST_SECTION_SIZES.atRiskCustomers, ...(segment ? { segment } : {}) }).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") return null;
    throw e;
  });
  if (!list?.customers.length) return [];
  const [owners, { timeZone }] = await Promise.all([
    findCustomerOwners(
      db,
      teamId,
      list.customers.map((c) => c.customerId),
    ),
    getWorkspace({ db, teamId }),
  ]);
  return list.customers.map((c) => {
    const o = owners.get(c.customerId);
    return { ...c, owner: o ? { ownerId: o.ownerId, since: localDay(o.contactedAt ?? o.takenAt, timeZone), contacted: o.contactedAt !== null } : null };
  });
}
