import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  ConversationsSelectAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  StaticSelectAction,
  ViewSubmitAction,
} from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { TEAMS } from "../../domain/capture/vocabulary.js";
import { MAX_POINTS, parseEmojiArg } from "../../domain/ratings/scale.js";
import { requestContext, type RequestContext } from "../../middleware/context.js";
import { removeEmoji, setEmojiPoints } from "../../services/ratings/rating-settings.js";
import { updateWorkspace } from "../../services/settings/update-workspace.js";
import { setInsightRoute } from "../../services/settings/set-insight-route.js";
import { joinChannel } from "../../services/slack/join-channel.js";
import { ACTIONS, HOME_SCALE_FIELDS as F } from "../../slack-ids.js";
import { ACTIVITY_WINDOW_CHOICES } from "../../views/home/home-admin.js";
import { ratingScaleModal, refusedModal } from "../../views/home/home-modals.js";
import type { ListenerDeps } from "../deps.js";
import { republishHome } from "../../services/home/publish-home.js";

type ActionArgs<A extends BlockAction["actions"][number]> = SlackActionMiddlewareArgs<BlockAction<A>> & AllMiddlewareArgs;

const ZRouteBlock = z
  .string()
  .transform((id) => id.slice(`${ACTIONS.homeRoute}:`.length))
  .pipe(z.enum(TEAMS));
const ZChannel = z.string().regex(/^[CG][A-Z0-9]+$/);
const ZWindow = z.coerce
  .number()
  .int()
  .refine((d) => (ACTIVITY_WINDOW_CHOICES as readonly number[]).includes(d));

/**
 * Admin check done on the server for every settings control (the Home view hides them from others, but a
 * crafted request must not change anything). Tells a non-admin why, in a small modal, and returns false.
 */
export async function adminOrRefuse(ctx: RequestContext, client: WebClient, triggerId: string): Promise<boolean> {
  if (await ctx.isAdmin()) return true;
  await client.views.open({ trigger_id: triggerId, view: refusedModal(ctx.t) });
  return false;
}

/** A team's routing channel picked on Home -> setInsightRoute. */
export function homeRouteAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client, context }: ActionArgs<ConversationsSelectAction>) => {
    await ack();
    const ctx = requestContext(context);
    if (!(await adminOrRefuse(ctx, client, body.trigger_id))) return;
    const team = ZRouteBlock.parse(action.block_id);
    const channelId = ZChannel.parse(action.selected_conversation);
    await setInsightRoute({ db: deps.db, teamId: ctx.teamId }, { team, channelId, setBy: body.user.id });
    // A channel the bot cannot join shows as a problem in the admin section republished below.
    await joinChannel(client, channelId);
    await republishHome(deps, client, ctx.teamId, body.user.id);
  };
}

/** Activity window picked on Home -> the workspace's activityWindowDays. */
export function homeActivityWindowAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client, context }: ActionArgs<StaticSelectAction>) => {
    await ack();
    const ctx = requestContext(context);
    if (!(await adminOrRefuse(ctx, client, body.trigger_id))) return;
    const days = ZWindow.parse(action.selected_option.value);
    await updateWorkspace({ db: deps.db, teamId: ctx.teamId }, { activityWindowDays: days });
    await republishHome(deps, client, ctx.teamId, body.user.id);
  };
}

/** "Edit scale" on Home: the rating-scale modal (admins), or why not. */
export function homeEditScaleAction() {
  return async ({ ack, body, client, context }: ActionArgs<ButtonAction>) => {
    await ack();
    const ctx = requestContext(context);
    if (!(await adminOrRefuse(ctx, client, body.trigger_id))) return;
    await client.views.open({ trigger_id: body.trigger_id, view: ratingScaleModal(ctx.t) });
  };
}

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The rating-scale modal's submission: gives the emoji its points (0 removes it), then refreshes Home. */
export function homeRatingScaleSubmission(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: ViewArgs) => {
    const ctx = requestContext(context);
    if (!(await ctx.isAdmin())) {
      await ack({ response_action: "errors", errors: { [F.emoji]: ctx.t("homeTab.admin.refused") } });
      return;
    }
    const values = view.state.values;
    const emoji = parseEmojiArg(values[F.emoji]?.[F.emoji]?.value ?? undefined);
    const points = Number(values[F.points]?.[F.points]?.value);
    const errors: Record<string, string> = {};
    if (!emoji) errors[F.emoji] = ctx.t("homeTab.scale.badEmoji");
    if (!Number.isInteger(points) || points < 0 || points > MAX_POINTS) errors[F.points] = ctx.t("homeTab.scale.badPoints", { max: MAX_POINTS });
    if (!emoji || Object.keys(errors).length) {
      await ack({ response_action: "errors", errors });
      return;
    }
    await ack();
    const scope = { db: deps.db, teamId: ctx.teamId };
    if (points === 0) await removeEmoji(scope, emoji);
    else await setEmojiPoints(scope, emoji, points);
    await republishHome(deps, client, ctx.teamId, body.user.id);
  };
}
