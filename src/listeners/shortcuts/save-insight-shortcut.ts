import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { requestContext } from "../../middleware/context.js";
import { listThemes } from "../../services/capture/list-themes.js";
import { insightModal } from "../../views/capture/insight-modal.js";
import type { ListenerDeps } from "../deps.js";

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/** Message menu → "Save as customer insight": the insight form prefilled with the message and its link. */
export function saveInsightShortcut(deps: ListenerDeps) {
  return async ({ ack, shortcut, client, context }: Args) => {
    await ack();
    const ctx = requestContext(context);
    const [themes, permalink] = await Promise.all([
      listThemes({ db: deps.db, teamId: ctx.teamId }),
      client.chat
        .getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message.ts })
        .then((r) => r.permalink)
        .catch(() => undefined),
    ]);
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: insightModal(ctx.t, {
        themes,
        prefillQuote: shortcut.message.text ?? "",
        meta: { channelId: shortcut.channel.id, messagePermalink: permalink, messageAuthorId: shortcut.message.user },
      }),
    });
  };
}
