import type { WebClient } from "@slack/web-api";
import { slackRefs, type SlackNames, type SlackRef } from "../../domain/slack/markup.js";

/** At most this many users (and channels) are looked up per text; the rest keep their ids. */
const MAX_LOOKUPS = 20;

/**
 * The names Slack text refers to without naming them (`<@U123>`, `<#C123>` or `<#C123|>`), looked up
 * with users.info and conversations.info so the text can be shown as people read it. A lookup that
 * fails leaves the id (never throws). Users show as their display name, else their full name.
 */
export async function resolveSlackNames(client: WebClient, text: string): Promise<SlackNames> {
  const refs = slackRefs(text);
  const ids = (wanted: (r: SlackRef) => boolean) =>
    [...new Set(refs.flatMap((r) => ((r.kind === "user" || r.kind === "channel") && wanted(r) ? [r.id] : [])))].slice(0, MAX_LOOKUPS);
  const userIds = ids((r) => r.kind === "user");
  const channelIds = ids((r) => r.kind === "channel" && !("name" in r && r.name));
  const users = new Map<string, string>();
  const channels = new Map<string, string>();
  await Promise.all([
    ...userIds.map(async (id) => {
      const u = (await client.users.info({ user: id }).catch(() => null))?.user;
      const name = u?.profile?.display_name || u?.real_name || u?.profile?.real_name || u?.name;
      if (name) users.set(id, name);
    }),
    ...channelIds.map(async (id) => {
      const name = (await client.conversations.info({ channel: id }).catch(() => null))?.channel?.name;
      if (name) channels.set(id, name);
    }),
  ]);
  return { users, channels };
}
