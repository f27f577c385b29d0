import { parseCustomerCounter } from "../../domain/settings/customer-counter.js";
import { AppError } from "../../errors/app-error.js";
import { requestContext } from "../../middleware/context.js";
import { getWorkspace } from "../../services/settings/get-workspace.js";
import { setCustomerCounter } from "../../services/settings/set-customer-counter.js";
import { setOutreachWindow } from "../../services/settings/set-outreach-window.js";
import type { ListenerDeps } from "../deps.js";
import type { KpiSubcommand } from "./kpi-command.js";

/**
 * `/kpi settings` shows the workspace's settings; admins set `/kpi settings counter 人|社|件` (how Japanese
 * messages count customers) and `/kpi settings outreach-window <days>` (the outreach measuring window).
 */
export function kpiSettingsSubcommand(deps: ListenerDeps): KpiSubcommand {
  return async ({ respond, context }, rest) => {
    const ctx = requestContext(context);
    const { t } = ctx;
    const scope = { db: deps.db, teamId: ctx.teamId };
    const [verb = "", ...args] = rest;
    const key = verb.toLowerCase();
    if (key === "") {
      const { customerCounter, outreachWindowDays } = await getWorkspace(scope);
      const text = [t("settings.show", { counter: t(`customerCounter.${customerCounter}`) }), t("settings.outreachWindow.show", { days: outreachWindowDays })].join("\n");
      await respond({ response_type: "ephemeral", text });
      return;
    }
    if (key === "outreach-window") {
      if (!(await ctx.isAdmin())) throw new AppError("NOT_ADMIN", "error.notAdmin");
      const days = await setOutreachWindow(scope, args.join(" "));
      await respond({ response_type: "ephemeral", text: t("settings.outreachWindow.set", { days }) });
      return;
    }
    const counter = key === "counter" && args.length === 1 ? parseCustomerCounter(args[0]) : undefined;
    if (!counter) throw new AppError("BAD_INPUT", key === "counter" ? "settings.counter.usage" : "settings.usage");
    if (!(await ctx.isAdmin())) throw new AppError("NOT_ADMIN", "error.notAdmin");
    await setCustomerCounter(scope, counter);
    await respond({ response_type: "ephemeral", text: t("settings.counter.set", { counter: t(`customerCounter.${counter}`) }) });
  };
}
