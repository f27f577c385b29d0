import { parseUserArg, slackRefs } from "./markup.js";

/** A person or a user group named in a command, as Slack escapes them. */
export type SlackMemberRef = { kind: "user"; id: string } | { kind: "group"; id: string };

/**
 * One command word naming a person (`<@U0123|name>`, `<@U0123>`) or a user group (`<!subteam^S0123|@group>`,
 * `<!subteam^S0123>`); undefined for anything else (a bare `@name`, a channel, free text). Pure.
 */
export function parseMemberRef(word: string | undefined): SlackMemberRef | undefined {
  const user = parseUserArg(word);
  if (user) return { kind: "user", id: user.id };
  const w = (word ?? "").trim();
  const refs = slackRefs(w);
  const only = refs.length === 1 && w.startsWith("<") && w.endsWith(">") ? refs[0] : undefined;
  return only?.kind === "usergroup" && /^S[A-Z0-9]+$/.test(only.id) ? { kind: "group", id: only.id } : undefined;
}
