import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs, StaticSelectAction, UsersSelectAction } from "@slack/bolt";
import { z } from "zod";
import type { InsightWorkChange } from "../../domain/work/insight-work.js";
import { INSIGHT_STATUSES } from "../../domain/work/insight-work.js";
import { requestContext } from "../../middleware/context.js";
import { HOME_WORK_BLOCK, INSIGHT_WORK_BLOCK } from "../../slack-ids.js";
import { republishHome } from "../../services/home/publish-home.js";
import { changeInsightWork } from "../../services/work/change-insight-work.js";
import { followUpWorkChange } from "../../services/work/follow-up-work-change.js";
import { getInsightWork } from "../../services/work/get-insight-work.js";
import { insightLinkModal } from "../../views/work/insight-link-modal.js";
import type { ListenerDeps } from "../deps.js";

const ZInsightId = z.string().uuid();

type SelectArgs<A extends StaticSelectAction | UsersSelectAction> = SlackActionMiddlewareArgs<BlockAction<A>> & AllMiddlewareArgs;

/** Where a control sits: on the posted insight, or on App Home (whose Home is published again after a change). */
type Surface = "message" | "home";
const BLOCK_PREFIX: Record<Surface, string> = { message: INSIGHT_WORK_BLOCK, home: HOME_WORK_BLOCK };

/**
 * Applies one change made from a control (history source `button` on a post, `app_home` on Home), then posts it in
 * the insight's thread, updates its posts, sends the close-the-loop DMs a done owes, and republishes the clicker's Home
 * when the change came from there. Throws AppError FORBIDDEN for someone who may not read customer data.
 */
async function applyFromControl(deps: ListenerDeps, args: SelectArgs<StaticSelectAction> | SelectArgs<UsersSelectAction>, surface: Surface, change: InsightWorkChange) {
  const { body, action, client, context } = args;
  const ctx = requestContext(context);
  await ctx.requireCustomerData();
  const scope = { db: deps.db, teamId: ctx.teamId };
  const insightId = ZInsightId.parse(action.block_id.slice(BLOCK_PREFIX[surface].length + 1));
  // Slack stamps each action with its own action_ts: a redelivered payload carries the same one.
  const changeKey = `action:${body.user.id}:${action.action_ts}`;
  const source = surface === "home" ? "app_home" : "button";
  const result = await changeInsightWork(scope, { insightId, change, actorId: body.user.id, source, changeKey });
  await followUpWorkChange(deps, client, ctx.teamId, { items: [result], actorId: body.user.id });
  if (surface === "home") await republishHome(deps, client, ctx.teamId, body.user.id);
}

/** The status menu on a posted insight (`message`) or on an open voice in App Home (`home`). */
export function insightStatusAction(deps: ListenerDeps, surface: Surface = "message") {
  return async (args: SelectArgs<StaticSelectAction>) => {
    await args.ack();
    const status = z.enum(INSIGHT_STATUSES).parse(args.action.selected_option.value);
    await applyFromControl(deps, args, surface, { status });
  };
}

/** The owner picker on a posted insight (`message`) or on an open voice in App Home (`home`). */
export function insightOwnerAction(deps: ListenerDeps, surface: Surface = "message") {
  return async (args: SelectArgs<UsersSelectAction>) => {
    await args.ack();
    await applyFromControl(deps, args, surface, { owner: args.action.selected_user });
  };
}

/**
 * The "Link and resolution" button on a posted insight or an open voice in App Home: opens the modal with what is
 * stored now (the modal remembers it was opened from Home, so its submission republishes Home).
 */
export function insightLinkAction(deps: ListenerDeps) {
  return async ({ ack, body, action, client, context }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    const ctx = requestContext(context);
    await ctx.requireCustomerData();
    const insightId = ZInsightId.parse(action.value);
    const work = await getInsightWork({ db: deps.db, teamId: ctx.teamId }, insightId);
    await client.views.open({ trigger_id: body.trigger_id, view: insightLinkModal(ctx.t, insightId, work, { fromHome: body.view?.type === "home" }) });
  };
}
