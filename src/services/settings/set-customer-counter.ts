import type { CustomerCounter } from "../../domain/settings/customer-counter.js";
import type { TeamScope } from "../types.js";

/** Sets how Japanese messages count this workspace's customers (人 / 社 / 件); one upsert. Callers check admin rights. */
export async function setCustomerCounter({ db, teamId }: TeamScope, counter: CustomerCounter): Promise<void> {
  await db.workspace.upsert({ where: { teamId }, create: { teamId, customerCounter: counter }, update: { customerCounter: counter } });
}
