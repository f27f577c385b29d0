import { requestContext } from "../../middleware/context.js";
import type { KpiSubcommand } from "./kpi-command.js";

/** `/kpi help`: what the KPI commands do. */
export const kpiHelp: KpiSubcommand = async (args) => {
  const { t } = requestContext(args.context);
  await args.respond({ response_type: "ephemeral", text: t("kpi.help") });
};
