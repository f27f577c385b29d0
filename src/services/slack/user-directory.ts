import type { WebClient } from "@slack/web-api";
import type { Locale } from "../../config.js";
import { toLocale } from "../../i18n/index.js";

export interface SlackUser {
  /** False when users.info failed: nothing below is known, and nothing may be granted on it. */
  known: boolean;
  locale: Locale | undefined;
  /** Slack's own workspace admin or owner flag (of the user's own team: see `teamId`). */
  isWorkspaceAdmin: boolean;
  timeZone: string | undefined;
  deleted: boolean;
  /** The user's own workspace; another organisation's id for a Slack Connect user. */
  teamId: string | undefined;
  /** The Enterprise Grid org of the user, when there is one. */
  enterpriseId: string | undefined;
  /** A multi-channel (restricted) or single-channel (ultra restricted) guest. */
  isGuest: boolean;
  isBot: boolean;
  /** How people see them in Slack: display name, else full name, else user name; undefined when unknown. */
  name: string | undefined;
}

const TTL_MS = 10 * 60 * 1000;

const UNKNOWN: SlackUser = {
  known: false,
  locale: undefined,
  isWorkspaceAdmin: false,
  timeZone: undefined,
  deleted: false,
  teamId: undefined,
  enterpriseId: undefined,
  isGuest: false,
  isBot: false,
  name: undefined,
};

/**
 * Who a Slack user is (locale, Slack admin flag, own team, guest, time zone, name), from users.info with a short cache so
 * a burst of commands costs one Web API call per person. Failures degrade to an unknown user (`known: false`).
 */
export class UserDirectory {
  private cache = new Map<string, { at: number; user: Promise<SlackUser> }>();

  constructor(
    private readonly client: WebClient,
    private readonly now: () => number = Date.now,
  ) {}

  get(teamId: string, userId: string): Promise<SlackUser> {
    const key = `${teamId}:${userId}`;
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < TTL_MS) return hit.user;
    const user = this.fetch(userId);
    this.cache.set(key, { at: this.now(), user });
    // An unknown answer is not worth keeping: the next request asks Slack again.
    void user.then((u) => {
      if (!u.known) this.cache.delete(key);
    });
    return user;
  }

  /** Asks Slack again, ignoring the cache: for decisions that must see a deactivation at once (close-the-loop DMs). */
  refresh(teamId: string, userId: string): Promise<SlackUser> {
    this.cache.delete(`${teamId}:${userId}`);
    return this.get(teamId, userId);
  }

  private async fetch(userId: string): Promise<SlackUser> {
    try {
      const res = await this.client.users.info({ user: userId, include_locale: true });
      const u = res.user;
      if (!u) return UNKNOWN;
      return {
        known: true,
        locale: toLocale(u.locale),
        isWorkspaceAdmin: Boolean(u.is_admin || u.is_owner || u.is_primary_owner),
        timeZone: u.tz ?? undefined,
        deleted: Boolean(u.deleted),
        teamId: u.team_id ?? undefined,
        enterpriseId: u.enterprise_user?.enterprise_id ?? undefined,
        isGuest: Boolean(u.is_restricted || u.is_ultra_restricted),
        isBot: Boolean(u.is_bot),
        name: u.profile?.display_name || u.real_name || u.profile?.real_name || u.name || undefined,
      };
    } catch {
      return UNKNOWN;
    }
  }
}

/** Slack names of `userIds` (id -> name), for posts that name people without mentioning them; unknown names are left out. */
export async function slackNames(users: UserDirectory, teamId: string, userIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  const found = await Promise.all(unique.map(async (id) => [id, (await users.get(teamId, id)).name] as const));
  return new Map(found.filter((e): e is readonly [string, string] => e[1] !== undefined));
}
