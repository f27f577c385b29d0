import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { requestContext } from "../../middleware/context.js";
import { decodeSlackText } from "../../domain/slack/markup.js";
import { listThemes } from "../../services/capture/list-themes.js";
import { resolveSlackNames } from "../../services/slack/resolve-slack-names.js";
import { insightModal } from "../../views/capture/insight-modal.js";
import type { ListenerDeps } from "../deps.js";

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/** Message menu → "Save as customer insight": the insight form prefilled with the message and its link. */
export function saveInsightShortcut(deps: ListenerDeps) {
  return async ({ ack, shortcut, client, context }: Args) => {
    await ack();
    const ctx = requestContext(context);
    const raw = shortcut.message.text ?? "";
    const [themes, permalink, names] = await Promise.all([
      listThemes({ db: deps.db, teamId: ctx.teamId }),
      client.chat
        .getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message.ts })
        .then((r) => r.permalink)
        .catch(() => undefined),
      resolveSlackNames(client, raw),
    ]);
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: insightModal(ctx.t, {
        themes,
        // The message as people read it (names, link labels, & < >), not Slack's markup: the post escapes it once.
        prefillQuote: decodeSlackText(raw, names),
        meta: { channelId: shortcut.channel.id, messagePermalink: permalink, messageAuthorId: shortcut.message.user },
      }),
    });
  };
}
