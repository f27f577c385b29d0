import type { AnyMiddlewareArgs, App, Context } from "@slack/bolt";
import type { Locale } from "../config.js";
import { translator, type Translate } from "../i18n/index.js";
import type { UserDirectory } from "../services/slack/user-directory.js";

/** What the context middleware adds for every listener. */
export interface RequestContext {
  /** The workspace (or Enterprise Grid org) the request belongs to; every query filters on it. */
  teamId: string;
  userId: string | undefined;
  locale: Locale;
  t: Translate;
  /** Resolved on first use from users.info, cached. */
  isAdmin: () => Promise<boolean>;
  /** The user's time zone from Slack, when known. */
  userTimeZone: () => Promise<string | undefined>;
}

export const requestContext = (context: Context): RequestContext => context as unknown as RequestContext;

function userIdOf(body: Record<string, unknown>): string | undefined {
  if (typeof body.user_id === "string") return body.user_id;
  const user = body.user as { id?: string } | undefined;
  if (user?.id) return user.id;
  const event = body.event as { user?: string } | undefined;
  return typeof event?.user === "string" ? event.user : undefined;
}

/**
 * Adds workspace, user, locale and admin check to the context. Events skip the users.info look-up:
 * reactions arrive in bursts and must be acked fast; their listeners ask for the locale when they need it.
 */
export function registerContextMiddleware(app: App, deps: { users: UserDirectory; defaultLocale: Locale }) {
  app.use(async (args: AnyMiddlewareArgs & { context: Context; next: () => Promise<void> }) => {
    const { context, next } = args;
    const body = args.body as unknown as Record<string, unknown>;
    const teamId = context.teamId ?? context.enterpriseId ?? "";
    const userId = userIdOf(body);
    const isEvent = body.type === "event_callback";
    let locale = deps.defaultLocale;
    if (userId && !isEvent) locale = (await deps.users.get(teamId, userId)).locale ?? deps.defaultLocale;
    const extra: RequestContext = {
      teamId,
      userId,
      locale,
      t: translator(locale),
      isAdmin: async () => (userId ? (await deps.users.get(teamId, userId)).isAdmin : false),
      userTimeZone: async () => (userId ? (await deps.users.get(teamId, userId)).timeZone : undefined),
    };
    Object.assign(context, extra);
    await next();
  });
}
