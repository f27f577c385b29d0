// Shared by the work tests: a workspace whose voices are logged through the real modal and posted to a routed channel.
import { expect } from "vitest";
import type { TestBot } from "../helpers/bot.js";
import { newTeamId, type TestStore } from "../helpers/store.js";
import { insightValues, radio } from "../capture/values.js";
import { viewSubmission, type Who } from "../slack/payloads.js";

export interface VoiceSpec {
  author: string;
  customer: string;
  themes: string;
  quote: string;
}

let seq = 0;

/** A cold bot on a loaded machine can take over Slack's 3 s for its first submission: one in a scratch workspace warms it. */
export async function warmUp(h: { t: TestBot }): Promise<void> {
  await h.t.interact(viewSubmission({ teamId: newTeamId(), userId: "U0WARM" }, { callbackId: "insight_modal", values: insightValues({ customer: "Warm-up" }) }));
  await h.t.idle();
}

/**
 * A new workspace routing sales to `channel`, with one posted voice per entry, logged one after the other through
 * the real modal (a "same as this one?" offer is answered "log a new voice": the voices are distinct on purpose).
 */
export async function workspaceWithVoices(h: { t: TestBot; store: TestStore }, channel: string, voices: readonly VoiceSpec[]) {
  const teamId = newTeamId();
  h.t.fake.users.set("U0ADMIN", { is_admin: true });
  await h.t.command({ teamId, userId: "U0ADMIN" }, "/insight", `route sales <#${channel}|sales>`);
  await h.t.idle();
  for (const v of voices) {
    const who: Who = { teamId, userId: v.author };
    const values = insightValues({ customer: v.customer, themesNew: v.themes, quote: v.quote, teams: ["sales"] });
    const viewId = `VW${teamId}${seq++}`;
    const answer = await (await h.t.interact(viewSubmission(who, { callbackId: "insight_modal", values, viewId }))).text();
    if (answer && JSON.parse(answer).response_action === "update") {
      const meta = JSON.parse(answer).view.private_metadata as string;
      await h.t.interact(viewSubmission(who, { callbackId: "insight_modal", values: { ...values, duplicate_of: { duplicate_of: radio("new") } }, viewId, privateMetadata: meta }));
    }
    await h.t.idle();
  }
  const insights = await h.store.db.insight.findMany({ where: { teamId }, orderBy: { createdAt: "asc" } });
  expect(insights).toHaveLength(voices.length);
  // Each voice is posted after the modal is answered: wait for every post (a loaded machine may lag behind idle()).
  const topLevel = () => h.t.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === channel && !c.args.thread_ts).length;
  await h.t.fake.waitFor("chat.postMessage", () => topLevel() >= voices.length, 60_000);
  await h.t.idle();
  const posts = await h.store.db.postedMessage.findMany({ where: { teamId } });
  expect(posts).toHaveLength(voices.length);
  const tsOf = (insightId: string) => posts.find((p) => p.insightId === insightId)!.ts;
  return { teamId, insights, tsOf };
}
