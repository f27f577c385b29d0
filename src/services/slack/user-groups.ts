import type { WebClient } from "@slack/web-api";

/** Group membership changes rarely; a minute keeps usergroups.users.list (Tier 2) far from its rate limit. */
const TTL_MS = 60 * 1000;

/**
 * Members of Slack user groups (usergroups.users.list, scope usergroups:read), cached for a minute. A failed
 * look-up counts as "no members" (nobody is granted anything on a guess) and is not cached.
 */
export class UserGroupDirectory {
  private cache = new Map<string, { at: number; members: Promise<ReadonlySet<string>> }>();

  constructor(
    private readonly client: WebClient,
    private readonly now: () => number = Date.now,
  ) {}

  members(teamId: string, groupId: string): Promise<ReadonlySet<string>> {
    const key = `${teamId}:${groupId}`;
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < TTL_MS) return hit.members;
    const members = this.client.usergroups.users
      .list({ usergroup: groupId })
      .then((r) => new Set(r.users ?? []) as ReadonlySet<string>)
      .catch(() => {
        this.cache.delete(key);
        return new Set<string>() as ReadonlySet<string>;
      });
    this.cache.set(key, { at: this.now(), members });
    return members;
  }

  /** Forgets a group's members (after an admin names another group). */
  forget(teamId: string, groupId: string): void {
    this.cache.delete(`${teamId}:${groupId}`);
  }
}
