/**
 * One minute of alerts (issue #17), on every replica: KPI alerts of workspaces whose period closed (each period is
 * judged once per subscription, whichever replica gets there first), then every due alert is posted (those held by
 * quiet hours, retries, and claims a dead replica left). The ledger makes running it anywhere, any number of times, safe.
 */
import type { WebClient } from "@slack/web-api";
import type { Db } from "../db/client.js";
import { errorFields, type Log } from "../log.js";
import { deliverAlerts, type DeliverAlertsResult } from "../services/alerts/deliver-alerts.js";
import { evaluateKpiAlerts } from "../services/alerts/evaluate-kpi-alerts.js";

export async function runAlertTick(opts: { db: Db; client: WebClient; log: Log; now: Date; holder: string }): Promise<DeliverAlertsResult & { fired: number }> {
  const { db, now, log } = opts;
  let fired = 0;
  const teams = await db.alertSubscription.findMany({ where: { kind: "kpi" }, distinct: ["teamId"], select: { teamId: true } });
  for (const { teamId } of teams) {
    fired += await evaluateKpiAlerts({ db, teamId, now }).catch((e) => {
      log.error({ teamId, err: errorFields(e) }, "kpi alert evaluation failed");
      return 0;
    });
  }
  const delivered = await deliverAlerts({ db, client: opts.client, log, now, holder: opts.holder });
  if (fired + delivered.posted + delivered.failed + delivered.recovered > 0) log.info({ fired, ...delivered }, "alert tick");
  return { fired, ...delivered };
}
