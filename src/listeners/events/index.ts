import type { App } from "@slack/bolt";
import { recognizeStories } from "../../services/ratings/recognize-stories.js";
import { VoteRecorder, type VotedMessage } from "../../services/ratings/record-votes.js";
import type { ListenerDeps } from "../deps.js";
import { appHomeOpened } from "./app-home-opened.js";
import { messageDeleted } from "./message-deleted.js";
import { reactionVote } from "./reaction-vote.js";

/**
 * The ratings area's event listeners, sharing one vote recorder. After each stored batch of new votes,
 * stories that reached the threshold are thanked (once per batch, not once per event).
 */
export function ratingEventListeners(app: App, deps: ListenerDeps) {
  const recognize = async (voted: VotedMessage[]) => {
    for (const teamId of new Set(voted.map((v) => v.teamId))) {
      await recognizeStories({ db: deps.db, teamId, client: app.client, log: deps.log, t: deps.channelT, now: deps.now() }, voted);
    }
  };
  const recorder = new VoteRecorder(deps.db, deps.log, recognize);
  return {
    reactionAdded: reactionVote(recorder, "add"),
    reactionRemoved: reactionVote(recorder, "remove"),
    messageDeleted: messageDeleted(deps),
    appHomeOpened: appHomeOpened(deps),
  };
}
