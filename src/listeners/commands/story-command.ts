import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { commandWords, parseChannelArg } from "../../domain/slack/markup.js";
import { AppError } from "../../errors/app-error.js";
import { requestContext } from "../../middleware/context.js";
import { updateWorkspace } from "../../services/settings/update-workspace.js";
import { joinChannel } from "../../services/slack/join-channel.js";
import { storyModal } from "../../views/capture/story-modal.js";
import type { ListenerDeps } from "../deps.js";

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Sub-commands other areas add to `/story` (e.g. `top`, `ratings`), keyed by their first word. */
export type StorySubcommand = (args: Args, rest: string[]) => Promise<void>;

/** `/story [help | channel #channel | <subcommand>]`; without text it opens the form. */
export function storyCommand(deps: ListenerDeps, subcommands: Record<string, StorySubcommand> = {}) {
  // A Map, not the object: `/story constructor` must not find Object.prototype's members.
  const table = new Map(Object.entries(subcommands));
  return async (args: Args) => {
    const { command, ack, respond, client, context } = args;
    const ctx = requestContext(context);
    const { t } = ctx;
    const [verb = "", ...rest] = commandWords(command.text);
    await ack();
    const scope = { db: deps.db, teamId: ctx.teamId };
    const sub = table.get(verb.toLowerCase());
    if (sub) return sub(args, rest);
    if (verb.toLowerCase() === "channel") {
      if (!(await ctx.isAdmin())) throw new AppError("NOT_ADMIN", "error.notAdmin");
      const channelId = parseChannelArg(rest[0])?.id;
      if (!channelId) return void (await respond({ response_type: "ephemeral", text: t("story.channel.usage") }));
      await updateWorkspace(scope, { storiesChannelId: channelId });
      const access = t(`channel.access.${await joinChannel(client, channelId)}`, { channel: channelId });
      return void (await respond({ response_type: "ephemeral", text: `${t("story.channel.set", { channel: channelId })}\n${access}` }));
    }
    if (verb !== "") return void (await respond({ response_type: "ephemeral", text: t("story.help") }));
    // Opened from a channel, the story can always go there: no need to ask (or to read settings first).
    await client.views.open({ trigger_id: command.trigger_id, view: storyModal(t, { meta: { channelId: command.channel_id }, askChannel: false }) });
  };
}
