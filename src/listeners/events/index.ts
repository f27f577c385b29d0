import type { App } from "@slack/bolt";
import { recognizeStories } from "../../services/ratings/recognize-stories.js";
import { VoteRecorder, type VotedMessage } from "../../services/ratings/record-votes.js";
import type { EventLanes } from "../../http/slack-events.js";
import type { ListenerDeps } from "../deps.js";
import { appHomeOpened } from "./app-home-opened.js";
import { messageDeleted } from "./message-deleted.js";
import { reactionVote } from "./reaction-vote.js";
import { workspaceLeft } from "./workspace-lifecycle.js";

const SETTLED_CACHE_MAX = 50_000;

/**
 * Every event: reactions (votes), deleted messages, Home opened, the app leaving the workspace. The reaction listeners share one vote
 * recorder: after each stored batch of new votes, stories that reached the threshold are thanked (once per
 * batch, not once per event). Messages that can never need a thank-you again (insights, thanked stories) are
 * remembered, so a burst of reactions on them costs no recognition queries.
 *
 * Returns the reaction listeners again as event lanes: the HTTP receiver's early-ack path runs them without
 * Bolt's per-event dispatch (bursts).
 */
export function register(app: App, deps: ListenerDeps): EventLanes {
  const settled = new Set<string>();
  const key = (v: VotedMessage) => `${v.teamId}|${v.channelId}|${v.ts}`;
  const recognize = async (voted: VotedMessage[]) => {
    const open = voted.filter((v) => !settled.has(key(v)));
    for (const teamId of new Set(open.map((v) => v.teamId))) {
      const result = await recognizeStories({ db: deps.db, teamId, client: app.client, log: deps.log, t: deps.channelT, now: deps.now() }, open);
      if (settled.size > SETTLED_CACHE_MAX) settled.clear();
      for (const v of result.settled) settled.add(key(v));
    }
  };
  const recorder = new VoteRecorder(deps.db, deps.log, recognize);
  const reactionAdded = reactionVote(recorder, "add");
  const reactionRemoved = reactionVote(recorder, "remove");
  app.event("reaction_added", reactionAdded);
  app.event("reaction_removed", reactionRemoved);
  app.event("message", messageDeleted(deps));
  app.event("app_home_opened", appHomeOpened(deps));
  app.event("app_uninstalled", workspaceLeft(deps, "app_uninstalled"));
  app.event("tokens_revoked", workspaceLeft(deps, "tokens_revoked"));
  return { reaction_added: reactionAdded, reaction_removed: reactionRemoved };
}
