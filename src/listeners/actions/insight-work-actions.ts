import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs, StaticSelectAction, UsersSelectAction } from "@slack/bolt";
import { z } from "zod";
import type { InsightWorkChange } from "../../domain/work/insight-work.js";
import { INSIGHT_STATUSES } from "../../domain/work/insight-work.js";
import { requestContext } from "../../middleware/context.js";
import { INSIGHT_WORK_BLOCK } from "../../slack-ids.js";
import { changeInsightWork } from "../../services/work/change-insight-work.js";
import { followUpWorkChange } from "../../services/work/follow-up-work-change.js";
import { getInsightWork } from "../../services/work/get-insight-work.js";
import { insightLinkModal } from "../../views/work/insight-link-modal.js";
import type { ListenerDeps } from "../deps.js";

const ZInsightId = z.string().uuid();
const insightIdOf = (blockId: string) => ZInsightId.parse(blockId.slice(INSIGHT_WORK_BLOCK.length + 1));

type SelectArgs<A extends StaticSelectAction | UsersSelectAction> = SlackActionMiddlewareArgs<BlockAction<A>> & AllMiddlewareArgs;

/** Applies one change made on a posted insight, then posts it in the thread and updates the post. */
async function applyFromMessage(deps: ListenerDeps, args: SelectArgs<StaticSelectAction> | SelectArgs<UsersSelectAction>, change: InsightWorkChange) {
  const { body, action, client, context } = args;
  const ctx = requestContext(context);
  await ctx.requireCustomerData();
  const scope = { db: deps.db, teamId: ctx.teamId };
  // Slack stamps each action with its own action_ts: a redelivered payload carries the same one.
  const changeKey = `action:${body.user.id}:${action.action_ts}`;
  const result = await changeInsightWork(scope, { insightId: insightIdOf(action.block_id), change, actorId: body.user.id, source: "button", changeKey });
  await followUpWorkChange(deps, client, ctx.teamId, { items: [result], actorId: body.user.id });
}

/** The status menu on a posted insight. */
export function insightStatusAction(deps: ListenerDeps) {
  return async (args: SelectArgs<StaticSelectAction>) => {
    await args.ack();
    const status = z.enum(INSIGHT_STATUSES).parse(args.action.selected_option.value);
    await applyFromMessage(deps, args, { status });
  };
}

/** The owner picker on a posted insight. */
export function insightOwnerAction(deps: ListenerDeps) {
  return async (args: SelectArgs<UsersSelectAction>) => {
    await args.ack();
    await applyFromMessage(deps, args, { owner: args.action.selected_user });
  };
}

/** The "Link and resolution" button on a posted insight: opens the modal with what is stored now. */
export function insightLinkAction(deps: ListenerDeps) {
  return async ({ ack, body, action, client, context }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    const ctx = requestContext(context);
    await ctx.requireCustomerData();
    const insightId = ZInsightId.parse(action.value);
    const work = await getInsightWork({ db: deps.db, teamId: ctx.teamId }, insightId);
    await client.views.open({ trigger_id: body.trigger_id, view: insightLinkModal(ctx.t, insightId, work) });
  };
}
