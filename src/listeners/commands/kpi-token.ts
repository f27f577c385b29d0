import { AppError } from "../../errors/app-error.js";
import { requestContext } from "../../middleware/context.js";
import { issueApiToken, listApiTokens, revokeApiToken } from "../../services/api-tokens/api-tokens.js";
import type { ListenerDeps } from "../deps.js";
import type { KpiSubcommand } from "./kpi-command.js";

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * `/kpi token [label]` creates an ingestion API token (shown once, ephemeral), `/kpi token list` lists the
 * active ones, `/kpi token revoke <label>` revokes. Admins and owners only.
 */
export function kpiTokenSubcommand(deps: ListenerDeps): KpiSubcommand {
  return async ({ respond, context, command }, rest) => {
    const ctx = requestContext(context);
    const { t } = ctx;
    if (!(await ctx.isAdmin())) throw new AppError("NOT_ADMIN", "error.notAdmin");
    const scope = { db: deps.db, teamId: ctx.teamId };
    const [verb = "", ...args] = rest;
    const reply = (text: string) => respond({ response_type: "ephemeral", replace_original: false, text });

    if (verb.toLowerCase() === "help" || args.length > 1 || (verb.toLowerCase() === "revoke" && args.length !== 1)) {
      await reply(t("kpi.token.usage"));
      return;
    }
    if (verb.toLowerCase() === "revoke") {
      await revokeApiToken(scope, { label: args[0]!, now: deps.now() });
      deps.log.info({ teamId: ctx.teamId, userId: ctx.userId }, "api token revoked");
      await reply(t("kpi.token.revoked", { label: args[0]! }));
      return;
    }
    if (verb.toLowerCase() === "list") {
      const tokens = await listApiTokens(scope);
      if (tokens.length === 0) {
        await reply(t("kpi.token.listEmpty"));
        return;
      }
      const lines = tokens.map((k) =>
        t("kpi.token.listLine", { label: k.label, createdBy: k.createdBy, createdAt: day(k.createdAt), lastUsed: k.lastUsedAt ? day(k.lastUsedAt) : t("kpi.token.neverUsed") }),
      );
      await reply([t("kpi.token.listHeader"), ...lines].join("\n"));
      return;
    }
    if (args.length > 0) {
      await reply(t("kpi.token.usage"));
      return;
    }
    const { token, label } = await issueApiToken(scope, { label: verb || undefined, createdBy: command.user_id });
    // Never log the token itself; the label is enough to find it again.
    deps.log.info({ teamId: ctx.teamId, userId: ctx.userId }, "api token created");
    await reply(t("kpi.token.created", { label, token }));
  };
}
