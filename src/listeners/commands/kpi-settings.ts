import { parseCustomerCounter } from "../../domain/settings/customer-counter.js";
import { AppError } from "../../errors/app-error.js";
import { requestContext } from "../../middleware/context.js";
import { getWorkspace } from "../../services/settings/get-workspace.js";
import { setCustomerCounter } from "../../services/settings/set-customer-counter.js";
import type { ListenerDeps } from "../deps.js";
import type { KpiSubcommand } from "./kpi-command.js";

/**
 * `/kpi settings` shows the workspace's settings; `/kpi settings counter 人|社|件` (admins) sets how Japanese
 * messages count customers.
 */
export function kpiSettingsSubcommand(deps: ListenerDeps): KpiSubcommand {
  return async ({ respond, context }, rest) => {
    const ctx = requestContext(context);
    const { t } = ctx;
    const scope = { db: deps.db, teamId: ctx.teamId };
    const [verb = "", ...args] = rest;
    if (verb === "") {
      const { customerCounter } = await getWorkspace(scope);
      await respond({ response_type: "ephemeral", text: t("settings.show", { counter: t(`customerCounter.${customerCounter}`) }) });
      return;
    }
    const counter = verb.toLowerCase() === "counter" && args.length === 1 ? parseCustomerCounter(args[0]) : undefined;
    if (!counter) throw new AppError("BAD_INPUT", "settings.counter.usage");
    if (!(await ctx.isAdmin())) throw new AppError("NOT_ADMIN", "error.notAdmin");
    await setCustomerCounter(scope, counter);
    await respond({ response_type: "ephemeral", text: t("settings.counter.set", { counter: t(`customerCounter.${counter}`) }) });
  };
}
