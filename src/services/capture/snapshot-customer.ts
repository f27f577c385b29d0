import { isAppError } from "../../errors/app-error.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { predictCustomer } from "../prediction/predict-customer.js";
import type { TeamScope } from "../types.js";

/** A customer's state when a voice about them was logged: what Insight keeps in its customer* columns. */
export interface CustomerSnapshot {
  customerId: bigint;
  /** The customer as voices show them: the imported name, or the external id when there is none. */
  displayName: string;
  customerLinkedAt: Date;
  customerSegment: string | null;
  customerActive: boolean | null;
  customerRevenue: Prisma.Decimal | null;
  customerPAlive: number | null;
  customerExpectedClv: number | null;
  customerModelFitId: string | null;
}

const DAY_MS = 86_400_000;

/**
 * Reads an imported customer's state now: segment, active or lapsed (a purchase within the workspace's activity
 * window, and not marked churned), revenue to date (the KPI rollup), and P(alive) and expected CLV from the latest
 * converged model fit when there is one and it knows the customer. Null when the workspace has no such customer.
 */
export async function snapshotCustomer({ db, teamId }: TeamScope, opts: { customerId: bigint; now: Date }): Promise<CustomerSnapshot | null> {
  const customer = await db.customer.findFirst({ where: { teamId, id: opts.customerId }, include: { kpi: true } });
  if (!customer) return null;
  const workspace = await db.workspace.findUnique({ where: { teamId }, select: { activityWindowDays: true } });
  const windowDays = workspace?.activityWindowDays ?? 90;
  const last = customer.kpi?.lastPurchaseAt ?? null;
  const churned = customer.churnedAt !== null && customer.churnedAt <= opts.now;
  const active = last === null ? (churned ? false : null) : !churned && opts.now.getTime() - last.getTime() <= windowDays * DAY_MS;
  const prediction = await predictCustomer({ db, teamId, customerExternalId: customer.externalId }).catch((e: unknown) => {
    // No fit yet, or the fit has no purchase of this customer on or before its date: no prediction to keep.
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "NOT_ENOUGH_DATA")) return null;
    throw e;
  });
  return {
    customerId: customer.id,
    displayName: customer.name?.trim() || customer.externalId,
    customerLinkedAt: opts.now,
    customerSegment: customer.segment,
    customerActive: active,
    customerRevenue: customer.kpi ? customer.kpi.revenue : null,
    customerPAlive: prediction && Number.isFinite(prediction.pAlive) ? prediction.pAlive : null,
    customerExpectedClv: prediction && Number.isFinite(prediction.clv) ? prediction.clv : null,
    customerModelFitId: prediction?.fitId ?? null,
  };
}

/** The Insight columns of a snapshot (displayName is not stored: the voice keeps the customer as shown). */
export function snapshotColumns(s: CustomerSnapshot) {
  const { displayName: _shown, ...columns } = s;
  return columns;
}
