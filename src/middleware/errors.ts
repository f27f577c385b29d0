import type { AnyMiddlewareArgs, App, CodedError, Context } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { ZodError } from "zod";
import { isAppError } from "../errors/app-error.js";
import { translator, type Translate } from "../i18n/index.js";
import { errorFields, type Log } from "../log.js";
import type { Locale } from "../config.js";

/** What Bolt hands the error handler of an App built with `extendedErrorHandler: true`. */
interface ExtendedErrorHandlerArgs {
  error: CodedError;
  context: Context;
  body: AnyMiddlewareArgs["body"];
}

/** The one place an error becomes a message for the user, in their language. */
export function userMessageFor(t: Translate, e: unknown): string {
  if (isAppError(e)) return (t as (k: string, p?: unknown) => string)(e.messageKey, e.params);
  return t("error.internal");
}

/**
 * Turns errors a listener did not handle into an ephemeral message in the user's language and a log line
 * with context (never the user's text).
 */
export function registerErrorHandler(app: App, deps: { client: WebClient; log: Log; defaultLocale: Locale }) {
  // Needs `extendedErrorHandler: true` on the App so the handler sees the request body and context.
  const handler = async ({ error, context, body }: ExtendedErrorHandlerArgs) => {
    const cause = (error as { original?: unknown }).original ?? error;
    const b = (body ?? {}) as Record<string, unknown>;
    const t = (context?.t as Translate | undefined) ?? translator(deps.defaultLocale);
    const expected = isAppError(cause) || cause instanceof ZodError;
    deps.log[expected ? "info" : "error"](
      { teamId: context?.teamId, err: errorFields(cause, { frames: !expected }), kind: b.type ?? (b.command ? "command" : undefined) },
      "listener failed",
    );
    const text = userMessageFor(t, cause);
    const responseUrl = (b.response_url as string | undefined) ?? undefined;
    try {
      if (responseUrl) {
        await fetch(responseUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ response_type: "ephemeral", text }) });
        return;
      }
      const user = (b.user_id as string | undefined) ?? (b.user as { id?: string } | undefined)?.id;
      const channel = (b.channel_id as string | undefined) ?? (b.channel as { id?: string } | undefined)?.id;
      if (user && channel) await deps.client.chat.postEphemeral({ channel, user, text });
      else if (user) await deps.client.chat.postMessage({ channel: user, text });
    } catch (e) {
      deps.log.warn({ err: errorFields(e) }, "could not tell the user about an error");
    }
  };
  app.error(handler as never);
}
