import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { ViewStateValues } from "../../domain/capture/read-view-state.js";
import { validateStoryForm } from "../../domain/capture/validate-story-form.js";
import { requestContext } from "../../middleware/context.js";
import { recordStory } from "../../services/capture/record-story.js";
import { publishStory } from "../../services/capture/publish-story.js";
import { getWorkspace } from "../../services/settings/get-workspace.js";
import { STORY_FIELDS } from "../../slack-ids.js";
import type { StoryModalMeta } from "../../views/capture/story-modal.js";
import { fieldErrors } from "../../views/field-errors.js";
import type { ListenerDeps } from "../deps.js";
import { tellUser } from "./tell-user.js";
import { errorFields } from "../../log.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The story modal was submitted: store it (before the ack), then post it to the stories channel. */
export function storySubmission(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args) => {
    const ctx = requestContext(context);
    const meta = JSON.parse(view.private_metadata || "{}") as StoryModalMeta;
    const form = validateStoryForm(view.state.values as ViewStateValues, { authorId: body.user.id });
    if (!form.ok) return void (await ack({ response_action: "errors", errors: fieldErrors(ctx.t, form.errors) }));
    const scope = { db: deps.db, teamId: ctx.teamId };
    let saved;
    try {
      saved = await recordStory(scope, { sourceKey: `view:${view.id}`, input: form.input });
    } catch (e) {
      deps.log.error({ teamId: ctx.teamId, err: errorFields(e) }, "storing a story failed");
      return void (await ack({ response_action: "errors", errors: { [STORY_FIELDS.learned]: ctx.t("error.saveFailedKeepInput") } }));
    }
    await ack();
    if (!saved.created) return;
    const settings = await getWorkspace(scope);
    const channelId = settings.storiesChannelId ?? form.channelId ?? meta.channelId;
    if (!channelId) return;
    const outcome = await publishStory({ ...scope, client, log: deps.log, t: deps.channelT, users: deps.users }, saved.story, channelId);
    const text =
      outcome.status === "posted"
        ? ctx.t("story.saved", { channel: outcome.channelId })
        : outcome.status === "blocked_external"
          ? ctx.t("story.blockedExternal", { channel: outcome.channelId })
          : ctx.t("story.postFailed", { channel: outcome.channelId, reason: outcome.reason });
    await tellUser(client, { userId: body.user.id, channelId: meta.channelId ?? channelId, text });
  };
}
