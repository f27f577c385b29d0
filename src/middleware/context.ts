import type { AnyMiddlewareArgs, App, Context } from "@slack/bolt";
import type { Locale } from "../config.js";
import type { Db } from "../db/client.js";
import { translator, type Translate } from "../i18n/index.js";
import { checkAccess, customerDataRefusal, type Access } from "../services/access/check-access.js";
import type { UserDirectory } from "../services/slack/user-directory.js";
import type { UserGroupDirectory } from "../services/slack/user-groups.js";

/** What the context middleware adds for every listener. */
export interface RequestContext {
  /** The workspace (or Enterprise Grid org) the request belongs to; every query filters on it. */
  teamId: string;
  userId: string | undefined;
  locale: Locale;
  t: Translate;
  /** Where the user stands (member, guest, stranger) and whether they are the bot's admin; asked once per request. */
  access: () => Promise<Access>;
  /** The bot's admin role (Slack admins and owners, plus the people and group they named), checked on the server. */
  isAdmin: () => Promise<boolean>;
  /**
   * For every surface that shows customer data: throws AppError FORBIDDEN (a message in the user's language) for
   * guests, people of another organisation, and anyone Slack could not vouch for.
   */
  requireCustomerData: () => Promise<void>;
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
 * Adds workspace, user, locale, access and admin checks to the context. Events skip the users.info look-up:
 * reactions arrive in bursts and must be acked fast; their listeners ask for the locale when they need it.
 */
export function registerContextMiddleware(app: App, deps: { db: Db; users: UserDirectory; groups: UserGroupDirectory; defaultLocale: Locale }) {
  app.use(async (args: AnyMiddlewareArgs & { context: Context; next: () => Promise<void> }) => {
    const { context, next } = args;
    const body = args.body as unknown as Record<string, unknown>;
    const teamId = context.teamId ?? context.enterpriseId ?? "";
    const userId = userIdOf(body);
    const isEvent = body.type === "event_callback";
    let locale = deps.defaultLocale;
    if (userId && !isEvent) locale = (await deps.users.get(teamId, userId)).locale ?? deps.defaultLocale;
    let access: Promise<Access> | undefined;
    const accessOnce = () =>
      (access ??= userId ? checkAccess({ db: deps.db, teamId, users: deps.users, groups: deps.groups }, userId) : Promise.resolve<Access>({ standing: "unknown", isAdmin: false }));
    const extra: RequestContext = {
      teamId,
      userId,
      locale,
      t: translator(locale),
      access: accessOnce,
      isAdmin: async () => (await accessOnce()).isAdmin,
      requireCustomerData: async () => {
        const refusal = customerDataRefusal(await accessOnce());
        if (refusal) throw refusal;
      },
      userTimeZone: async () => (userId ? (await deps.users.get(teamId, userId)).timeZone : undefined),
    };
    Object.assign(context, extra);
    await next();
  });
}
