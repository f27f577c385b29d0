import { localDay } from "../../domain/time/calendar.js";
import { isAppError } from "../../errors/app-error.js";
import { HOME_AT_RISK, homeAtRiskBlocks, type YourOutreach } from "../../views/home/home-at-risk.js";
import { rowOwners } from "../../views/outreach/outreach-blocks.js";
import { customerDataRefusal } from "../access/check-access.js";
import { findCustomerOwners } from "../outreach/find-customer-owner.js";
import { listOpenOutreach, type OpenOutreach } from "../outreach/list-open-outreach.js";
import { listAtRisk } from "../prediction/list-at-risk.js";
import { getWorkspace } from "../settings/get-workspace.js";
import type { HomeSection } from "./home-section.js";

/**
 * The at-risk customers as one person works them (the query and figures behind `/kpi at-risk`, scored with the latest
 * fit): first the customers the viewer has taken and not closed yet (see listOpenOutreach), most value at risk first,
 * with where they are; then the most valuable at-risk customers nobody is working on, with the take / log buttons.
 * Customers someone else is working on are left to `/kpi at-risk`. Members only, and nothing before a model is fitted.
 */
export const homeAtRiskSection: HomeSection = {
  name: "atRisk",
  async build({ deps, teamId, userId, t, access, now }) {
    if (customerDataRefusal(access)) return [];
    const scope = { db: deps.db, teamId };
    const [open, workspace] = await Promise.all([listOpenOutreach(scope, { now }), getWorkspace(scope)]);
    const yourOpen = [...open.values()].filter((o) => o.ownerId === userId);
    const list = await listAtRisk({ ...scope, limit: HOME_AT_RISK, leaveOut: new Set(open.keys()), figuresFor: yourOpen.map((o) => o.externalId) }).catch((e: unknown) => {
      if (isAppError(e) && e.code === "NOT_FOUND") return null;
      throw e;
    });
    if (!list) return [];
    const yours = list.requested
      .map((c) => ({ ...c, outreach: yourOutreach(open.get(c.customerId) as OpenOutreach, workspace.timeZone) }))
      .sort((a, b) => b.valueAtRisk - a.valueAtRisk || a.customerId.localeCompare(b.customerId))
      .slice(0, HOME_AT_RISK);
    const unowned = list.customers.slice(0, HOME_AT_RISK - yours.length);
    const shownAtRisk = [...yours, ...unowned].filter((c) => c.pAlive < list.threshold).length;
    const lastOwners = await findCustomerOwners(
      deps.db,
      teamId,
      unowned.map((c) => c.customerId),
    );
    return homeAtRiskBlocks(t, {
      count: list.count,
      valueAtRisk: list.valueAtRisk,
      yours,
      unowned,
      owners: rowOwners(lastOwners, workspace.timeZone),
      more: list.count - shownAtRisk,
      counter: workspace.customerCounter,
      viewerId: userId,
    });
  },
};

/** Where the viewer is with an open customer, in the workspace's calendar (the window's last day is the one before it closes). */
function yourOutreach(o: OpenOutreach, timeZone: string): YourOutreach {
  if (!o.contactedAt || !o.windowEnd) return { kind: "taken", since: localDay(o.takenAt, timeZone) };
  return { kind: "contacted", since: localDay(o.contactedAt, timeZone), windowOpenUntil: localDay(new Date(o.windowEnd.getTime() - 1), timeZone) };
}
