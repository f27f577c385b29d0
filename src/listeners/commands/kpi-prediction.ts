import { z } from "zod";
import { AppError } from "../../errors/app-error.js";
import { requestContext } from "../../middleware/context.js";
import { addDays, isDay, localDay } from "../../domain/time/calendar.js";
import { fitModels, forecastNextPeriod, listAtRisk, predictCustomer } from "../../services/prediction/index.js";
import { findCustomerOwners } from "../../services/outreach/find-customer-owner.js";
import { getWorkspace } from "../../services/settings/get-workspace.js";
import { rowOwners } from "../../views/outreach/outreach-blocks.js";
import { atRiskMessage } from "../../views/prediction/at-risk.js";
import { customerPredictionMessage } from "../../views/prediction/customer.js";
import { forecastMessage } from "../../views/prediction/forecast.js";
import { refitMessage } from "../../views/prediction/refit.js";
import type { ListenerDeps } from "../deps.js";
import type { KpiSubcommand } from "./kpi-command.js";

const ZSegment = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((s) => (s ? s : undefined));
const ZCustomerId = z.string().trim().min(1).max(200);
const ZRefitDate = z.string().refine(isDay).optional();

/**
 * `/kpi at-risk [segment]`, `/kpi customer <id>`, `/kpi forecast [segment]` and `/kpi refit [YYYY-MM-DD]`
 * (admins). Answers are ephemeral: they name customers and amounts.
 */
export function kpiPredictionSubcommands(deps: ListenerDeps): { atRisk: KpiSubcommand; customer: KpiSubcommand; forecast: KpiSubcommand; refit: KpiSubcommand } {
  const { db } = deps;
  return {
    atRisk: async ({ respond, context }, rest) => {
      const { teamId, t } = requestContext(context);
      const segment = ZSegment.parse(rest.join(" "));
      const list = await listAtRisk({ db, teamId, segment, limit: 10 });
      const { customerCounter, timeZone } = await getWorkspace({ db, teamId });
      const owners = await findCustomerOwners(
        db,
        teamId,
        list.customers.map((c) => c.customerId),
      );
      await respond({ response_type: "ephemeral", ...atRiskMessage(t, list, customerCounter, rowOwners(owners, timeZone)) });
    },
    customer: async ({ respond, context }, rest) => {
      const { teamId, t } = requestContext(context);
      const id = ZCustomerId.safeParse(rest.join(" "));
      if (!id.success) throw new AppError("BAD_INPUT", "prediction.usage.customer");
      const prediction = await predictCustomer({ db, teamId, customerExternalId: id.data });
      await respond({ response_type: "ephemeral", ...customerPredictionMessage(t, prediction) });
    },
    forecast: async ({ respond, context }, rest) => {
      const { teamId, t } = requestContext(context);
      const segment = ZSegment.parse(rest.join(" "));
      const { customerCounter } = await getWorkspace({ db, teamId });
      await respond({ response_type: "ephemeral", ...forecastMessage(t, await forecastNextPeriod({ db, teamId, segment }), customerCounter) });
    },
    refit: async ({ respond, context }, rest) => {
      const ctx = requestContext(context);
      if (!(await ctx.isAdmin())) throw new AppError("NOT_ADMIN", "error.notAdmin");
      const date = ZRefitDate.safeParse(rest[0]);
      if (!date.success) throw new AppError("BAD_INPUT", "prediction.refit.usage");
      // Default: yesterday in the workspace's calendar, the last complete day (as the weekly refit does).
      const workspace = await getWorkspace({ db, teamId: ctx.teamId });
      const asOf = date.data ?? addDays(localDay(deps.now(), workspace.timeZone), -1);
      const outcome = await fitModels({ db, teamId: ctx.teamId, asOf, log: deps.log });
      if (outcome.fit.converged) deps.alerts?.after(ctx.teamId, { kind: "refit" });
      await respond({ response_type: "ephemeral", ...refitMessage(ctx.t, outcome, workspace.customerCounter) });
    },
  };
}
