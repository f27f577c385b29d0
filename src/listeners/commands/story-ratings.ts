import { parseRatingsCommand } from "../../domain/ratings/parse-ratings-command.js";
import { AppError } from "../../errors/app-error.js";
import { requestContext } from "../../middleware/context.js";
import { getRatingSettings, removeEmoji, resetScale, setEmojiPoints, setThreshold } from "../../services/ratings/rating-settings.js";
import { ratingsSettingsMessage } from "../../views/ratings/ratings-settings-message.js";
import type { ListenerDeps } from "../deps.js";
import type { StorySubcommand } from "./story-command.js";

/**
 * `/story ratings`: anyone sees the scale and threshold; admins change them with
 * `set :emoji: <points>`, `remove :emoji:`, `threshold <points>`, `reset`.
 */
export function storyRatings(deps: ListenerDeps): StorySubcommand {
  return async ({ respond, context }, rest) => {
    const ctx = requestContext(context);
    const { t } = ctx;
    const scope = { db: deps.db, teamId: ctx.teamId };
    const cmd = parseRatingsCommand(rest);
    if (cmd.action === "show" || cmd.action === "usage") {
      const note = cmd.action === "usage" ? t("ratings.settings.badInput") : undefined;
      return void (await respond({ response_type: "ephemeral", ...ratingsSettingsMessage(t, await getRatingSettings(scope), note) }));
    }
    if (!(await ctx.isAdmin())) throw new AppError("NOT_ADMIN", "error.notAdmin");
    let note: string;
    let settings;
    switch (cmd.action) {
      case "set":
        settings = await setEmojiPoints(scope, cmd.emoji, cmd.points);
        note = t("ratings.settings.set", { emoji: cmd.emoji, points: cmd.points });
        break;
      case "remove":
        settings = await removeEmoji(scope, cmd.emoji);
        note = t("ratings.settings.removed", { emoji: cmd.emoji });
        break;
      case "threshold":
        settings = await setThreshold(scope, cmd.points);
        note = t("ratings.settings.thresholdSet", { points: cmd.points });
        break;
      case "reset":
        settings = await resetScale(scope);
        note = t("ratings.settings.reset");
        break;
    }
    deps.log.info({ teamId: ctx.teamId, userId: ctx.userId, action: cmd.action }, "rating settings changed");
    await respond({ response_type: "ephemeral", ...ratingsSettingsMessage(t, settings, note) });
  };
}
