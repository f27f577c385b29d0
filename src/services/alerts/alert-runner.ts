import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { WebClient } from "@slack/web-api";
import type { Db } from "../../db/client.js";
import { errorFields, type Log } from "../../log.js";
import { deliverAlerts } from "./deliver-alerts.js";
import { evaluateAtRiskAlerts } from "./evaluate-at-risk-alerts.js";
import { evaluateDetractorAlerts } from "./evaluate-detractor-alerts.js";
import { evaluateKpiAlerts } from "./evaluate-kpi-alerts.js";
import { evaluateVoiceAlert } from "./evaluate-voice-alert.js";

/** What happened that may make an alert true. */
export type AlertTrigger =
  /** `customers`: external ids of the customers the batch's records name; only they are judged again. */
  | { kind: "ingest"; records: "customers" | "purchases" | "survey-responses"; customers: readonly string[] }
  | { kind: "refit" }
  | { kind: "voice"; insightId: string }
  | { kind: "tick" };

/** Evaluates and posts alerts off the request that caused them (a Slack ack, an API answer). */
export interface AlertRunner {
  /** Starts evaluation for the workspace in the background; never throws (failures are logged). */
  after(teamId: string, trigger: AlertTrigger): void;
  /** Evaluates and delivers now (the scheduler tick and tests); resolves when done. */
  run(teamId: string | null, trigger: AlertTrigger, now?: Date): Promise<void>;
}

/**
 * One runner per process. Work for one workspace runs one after another (a burst of ingestion batches does not
 * evaluate in parallel); `track` lets shutdown (and tests) wait for it.
 */
export function createAlertRunner(deps: { db: Db; client: WebClient; log: Log; now: () => Date; track?: <T>(p: Promise<T>) => Promise<T> }): AlertRunner {
  const holder = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const log = deps.log.child({ component: "alerts" });
  const chains = new Map<string, Promise<void>>();
  const run = async (teamId: string | null, trigger: AlertTrigger, now = deps.now()) => {
    const scope = { db: deps.db, now };
    if (teamId !== null) {
      let fired = 0;
      const customers = trigger.kind === "ingest" ? trigger.customers : undefined;
      if (trigger.kind === "ingest" && trigger.records !== "survey-responses") fired += await evaluateAtRiskAlerts({ ...scope, teamId, customers });
      if (trigger.kind === "ingest" && trigger.records === "survey-responses") fired += await evaluateDetractorAlerts({ ...scope, teamId, customers });
      if (trigger.kind === "refit") fired += await evaluateAtRiskAlerts({ ...scope, teamId });
      if (trigger.kind === "voice") fired += await evaluateVoiceAlert({ ...scope, teamId, insightId: trigger.insightId });
      if (trigger.kind === "tick") fired += await evaluateKpiAlerts({ ...scope, teamId });
      if (fired > 0) log.info({ teamId, trigger: trigger.kind, fired }, "alerts fired");
    }
    const delivered = await deliverAlerts({ db: deps.db, client: deps.client, log, now, holder, ...(teamId ? { teamId } : {}) });
    if (delivered.posted + delivered.failed + delivered.recovered > 0) log.info({ teamId, ...delivered }, "alerts delivered");
  };
  return {
    run,
    after(teamId, trigger) {
      const previous = chains.get(teamId) ?? Promise.resolve();
      const next = previous.then(() => run(teamId, trigger)).catch((e) => log.error({ teamId, trigger: trigger.kind, err: errorFields(e) }, "alert evaluation failed"));
      chains.set(teamId, next);
      void next.finally(() => chains.get(teamId) === next && chains.delete(teamId));
      void deps.track?.(next);
    },
  };
}
