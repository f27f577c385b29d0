import type { WebClient } from "@slack/web-api";
import type { Locale } from "../../config.js";
import { toLocale } from "../../i18n/index.js";

export interface SlackUser {
  locale: Locale | undefined;
  isAdmin: boolean;
  timeZone: string | undefined;
  deleted: boolean;
}

const TTL_MS = 10 * 60 * 1000;

/**
 * Who a Slack user is (locale, admin, time zone), from users.info with a short cache so a burst of
 * commands costs one Web API call per person. Failures degrade to "unknown locale, not admin".
 */
export class UserDirectory {
  private cache = new Map<string, { at: number; user: Promise<SlackUser> }>();

  constructor(private readonly client: WebClient, private readonly now: () => number = Date.now) {}

  get(teamId: string, userId: string): Promise<SlackUser> {
    const key = `${teamId}:${userId}`;
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < TTL_MS) return hit.user;
    const user = this.fetch(userId);
    this.cache.set(key, { at: this.now(), user });
    user.catch(() => this.cache.delete(key));
    return user;
  }

  private async fetch(userId: string): Promise<SlackUser> {
    try {
      const res = await this.client.users.info({ user: userId, include_locale: true });
      const u = res.user;
      return {
        locale: toLocale(u?.locale),
        isAdmin: Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner),
        timeZone: u?.tz ?? undefined,
        deleted: Boolean(u?.deleted),
      };
    } catch {
      return { locale: undefined, isAdmin: false, timeZone: undefined, deleted: false };
    }
  }
}
