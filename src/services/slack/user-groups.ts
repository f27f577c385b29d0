import type { WebClient } from "@slack/web-api";

/** A Slack user group as the group picker shows it. */
export interface UserGroup {
  id: string;
  /** Without the @. */
  handle: string;
  name: string;
}

/** Group membership changes rarely; a minute keeps usergroups.users.list (Tier 2) far from its rate limit. */
const TTL_MS = 60 * 1000;

/**
 * Members of Slack user groups (usergroups.users.list, scope usergroups:read), cached for a minute. A failed
 * look-up counts as "no members" (nobody is granted anything on a guess) and is not cached.
 */
export class UserGroupDirectory {
  private cache = new Map<string, { at: number; members: Promise<ReadonlySet<string>> }>();
  private lists = new Map<string, { at: number; groups: Promise<ReadonlyArray<UserGroup> | null> }>();

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

  /**
   * The workspace's enabled user groups (usergroups.list), for the App Home group picker; cached for a minute like
   * members. Null when Slack would not list them (the caller then offers `/kpi admins add @group` instead).
   */
  list(teamId: string): Promise<ReadonlyArray<UserGroup> | null> {
    const hit = this.lists.get(teamId);
    if (hit && this.now() - hit.at < TTL_MS) return hit.groups;
    const groups = this.client.usergroups
      .list()
      .then((r) => (r.usergroups ?? []).flatMap((g) => (g.id && !g.date_delete ? [{ id: g.id, handle: g.handle ?? "", name: g.name ?? "" }] : [])) as ReadonlyArray<UserGroup>)
      .catch(() => {
        this.lists.delete(teamId);
        return null;
      });
    this.lists.set(teamId, { at: this.now(), groups });
    return groups;
  }

  /** Forgets a group's members (after an admin names another group). */
  forget(teamId: string, groupId: string): void {
    this.cache.delete(`${teamId}:${groupId}`);
  }
}
