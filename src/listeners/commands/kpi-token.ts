import { parseTokenCommand } from "../../domain/api-tokens/parse-token-command.js";
import { AppError } from "../../errors/app-error.js";
import type { Translate } from "../../i18n/index.js";
import { requestContext } from "../../middleware/context.js";
import { issueApiToken, listApiTokens, revokeApiToken, shortTokenId } from "../../services/api-tokens/api-tokens.js";
import type { ListenerDeps } from "../deps.js";
import type { KpiSubcommand } from "./kpi-command.js";

const day = (d: Date) => d.toISOString().slice(0, 10);
/** The last day a token works (its expiry is the end of that UTC day). */
const lastDay = (expiresAt: Date) => day(new Date(expiresAt.getTime() - 1));
const ENV_TOKEN_NAME = "INGEST_TOKEN";

const scopesText = (t: Translate, scopes: readonly string[]) => (scopes.includes("write") ? t("kpi.token.scopes.readWrite") : t("kpi.token.scopes.read"));

/**
 * `/kpi token [label] [read] [expires 90d|YYYY-MM-DD]` creates an API token (shown once, ephemeral),
 * `/kpi token list` lists them (INGEST_TOKEN too, as "from the environment"), `/kpi token revoke <label or id>`
 * revokes one. Admins and owners only.
 */
export function kpiTokenSubcommand(deps: ListenerDeps): KpiSubcommand {
  return async ({ respond, context, command }, rest) => {
    const ctx = requestContext(context);
    const { t } = ctx;
    if (!(await ctx.isAdmin())) throw new AppError("NOT_ADMIN", "error.notAdmin");
    const scope = { db: deps.db, teamId: ctx.teamId };
    const reply = (text: string) => respond({ response_type: "ephemeral", replace_original: false, text });
    const now = deps.now();
    // INGEST_TOKEN's workspace: INGEST_TEAM_ID, by default the one the bot is installed in.
    const envTeamId = deps.config.INGEST_TOKEN ? (deps.config.INGEST_TEAM_ID ?? (await deps.installedWorkspace?.().catch(() => undefined))?.teamId) : undefined;
    const envTokenHere = envTeamId !== undefined && envTeamId === ctx.teamId;
    const cmd = parseTokenCommand(rest, now);
    if (cmd === "usage" || cmd === "badExpiry") return void (await reply(t(cmd === "usage" ? "kpi.token.usage" : "kpi.token.badExpiry")));

    switch (cmd.verb) {
      case "help":
        return void (await reply(t("kpi.token.usage")));
      case "revoke": {
        if (cmd.ref === ENV_TOKEN_NAME && envTokenHere) return void (await reply(t("kpi.token.envNotRevocable")));
        const { label } = await revokeApiToken(scope, { ref: cmd.ref, now });
        deps.log.info({ teamId: ctx.teamId, userId: ctx.userId }, "api token revoked");
        return void (await reply(t("kpi.token.revoked", { label })));
      }
      case "list": {
        const tokens = await listApiTokens(scope);
        if (tokens.length === 0 && !envTokenHere) return void (await reply(t("kpi.token.listEmpty")));
        const lines = tokens.map((k) =>
          t("kpi.token.listLine", {
            label: k.label,
            id: shortTokenId(k.id),
            scopes: scopesText(t, k.scopes),
            expires: !k.expiresAt ? t("kpi.token.noExpiry") : t(k.expiresAt <= now ? "kpi.token.expiredOn" : "kpi.token.expiresOn", { day: lastDay(k.expiresAt) }),
            createdBy: k.createdBy,
            createdAt: day(k.createdAt),
            lastUsed: k.lastUsedAt ? day(k.lastUsedAt) : t("kpi.token.neverUsed"),
          }),
        );
        if (envTokenHere) lines.unshift(t("kpi.token.envLine"));
        return void (await reply([t("kpi.token.listHeader"), ...lines].join("\n")));
      }
      case "create": {
        if (cmd.label === ENV_TOKEN_NAME) throw new AppError("CONFLICT", "kpi.token.labelTaken", { label: cmd.label });
        const { token, label } = await issueApiToken(scope, { label: cmd.label, createdBy: command.user_id, scopes: cmd.scopes, expiresAt: cmd.expiresAt, now });
        // Never log the token itself; the label is enough to find it again.
        deps.log.info({ teamId: ctx.teamId, userId: ctx.userId, scopes: cmd.scopes }, "api token created");
        const expires = cmd.expiresAt ? t("kpi.token.expiresOn", { day: lastDay(cmd.expiresAt) }) : t("kpi.token.noExpiry");
        return void (await reply(t("kpi.token.created", { label, token, scopes: scopesText(t, cmd.scopes), expires })));
      }
    }
  };
}
