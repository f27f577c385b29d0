import type { UserDirectory } from "../slack/user-directory.js";

/**
 * Which of `userIds` left the workspace (users.info `deleted: true`), so lists can still show their
 * contributions but mark them. Look-ups are cached by the directory; a failed look-up counts as present.
 */
export async function leftUsers(users: UserDirectory, teamId: string, userIds: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(userIds)];
  const found = await Promise.all(unique.map(async (id) => ((await users.get(teamId, id)).deleted ? id : null)));
  return new Set(found.filter((id): id is string => id !== null));
}
