import { isAppError } from "../../errors/app-error.js";
import { HOME_AT_RISK, homeAtRiskBlocks } from "../../views/home/home-at-risk.js";
import { rowOwners } from "../../views/outreach/outreach-blocks.js";
import { customerDataRefusal } from "../access/check-access.js";
import { findCustomerOwners } from "../outreach/find-customer-owner.js";
import { listAtRisk } from "../prediction/list-at-risk.js";
import { getWorkspace } from "../settings/get-workspace.js";
import type { HomeSection } from "./home-section.js";

/**
 * The most valuable at-risk customers (the query behind `/kpi at-risk`, scored with the latest fit), each with who has
 * them and the take / take over / log buttons; members only, and nothing before a model is fitted. Customers belong
 * to the workspace, not to a team, so everyone sees the same customers (their own buttons differ).
 */
export const homeAtRiskSection: HomeSection = {
  name: "atRisk",
  async build({ deps, teamId, userId, t, access }) {
    if (customerDataRefusal(access)) return [];
    const scope = { db: deps.db, teamId };
    const list = await listAtRisk({ ...scope, limit: HOME_AT_RISK }).catch((e: unknown) => {
      if (isAppError(e) && e.code === "NOT_FOUND") return null;
      throw e;
    });
    if (!list) return [];
    const [owners, workspace] = await Promise.all([
      findCustomerOwners(
        deps.db,
        teamId,
        list.customers.map((c) => c.customerId),
      ),
      getWorkspace(scope),
    ]);
    return homeAtRiskBlocks(t, {
      count: list.count,
      valueAtRisk: list.valueAtRisk,
      customers: list.customers,
      owners: rowOwners(owners, workspace.timeZone),
      counter: workspace.customerCounter,
      viewerId: userId,
    });
  },
};
