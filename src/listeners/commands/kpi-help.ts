import { requestContext } from "../../middleware/context.js";
import type { ListenerDeps } from "../deps.js";
import type { KpiSubcommand } from "./kpi-command.js";

/**
 * `/kpi help`: what the KPI commands do. Admins also see the workspace's id and name, which imports and the
 * ingestion API need (INGEST_TEAM_ID, `--team`) and which Slack shows nowhere obvious.
 */
export const kpiHelp =
  (deps: ListenerDeps): KpiSubcommand =>
  async (args) => {
    const ctx = requestContext(args.context);
    const lines = [ctx.t("kpi.help")];
    if (await ctx.isAdmin()) {
      // The installed workspace's name when the request comes from it; else the request's own id and domain.
      const installed = await deps.installedWorkspace?.().catch(() => undefined);
      const teamName = installed?.teamId === ctx.teamId ? installed.teamName : args.command.team_domain;
      lines.push(ctx.t("kpi.help.workspace", { teamId: ctx.teamId, teamName }));
    }
    await args.respond({ response_type: "ephemeral", text: lines.join("\n") });
  };
