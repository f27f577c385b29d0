import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { TARGET_KPIS } from "../../domain/targets/target-kpis.js";
import { requestContext } from "../../middleware/context.js";
import { removeAlertSubscription } from "../../services/alerts/alert-subscriptions.js";
import { republishHome } from "../../services/home/publish-home.js";
import { removeKpiTarget } from "../../services/targets/remove-kpi-target.js";
import { addAlertModal } from "../../views/alerts/home-alerts.js";
import { setTargetModal } from "../../views/targets/home-targets.js";
import type { ListenerDeps } from "../deps.js";
import { adminOrRefuse } from "./home-settings-actions.js";

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** A target's Remove button value: `<kpi>|<segment>`. */
const ZTargetValue = z
  .string()
  .transform((v) => ({ kpi: v.slice(0, v.indexOf("|")), segment: v.slice(v.indexOf("|") + 1) }))
  .pipe(z.object({ kpi: z.enum(TARGET_KPIS), segment: z.string() }));

/** "Add alert" on Home: the modal (admins), or why not. */
export function homeAddAlertAction() {
  return async ({ ack, body, client, context }: ButtonArgs) => {
    await ack();
    const ctx = requestContext(context);
    if (!(await adminOrRefuse(ctx, client, body.trigger_id))) return;
    await client.views.open({ trigger_id: body.trigger_id, view: addAlertModal(ctx.t) });
  };
}

/** An alert subscription's Remove button on Home (admins, checked here too); Home is published again. */
export function homeRemoveAlertAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client, context }: ButtonArgs) => {
    await ack();
    const ctx = requestContext(context);
    if (!(await adminOrRefuse(ctx, client, body.trigger_id))) return;
    const removed = await removeAlertSubscription({ db: deps.db, teamId: ctx.teamId }, action.value ?? "");
    deps.log.info({ teamId: ctx.teamId, userId: ctx.userId, removed }, "alert subscription removed from home");
    await republishHome(deps, client, ctx.teamId, body.user.id);
  };
}

/** "Set target" on Home: the modal (admins), or why not. */
export function homeSetTargetAction() {
  return async ({ ack, body, client, context }: ButtonArgs) => {
    await ack();
    const ctx = requestContext(context);
    if (!(await adminOrRefuse(ctx, client, body.trigger_id))) return;
    await client.views.open({ trigger_id: body.trigger_id, view: setTargetModal(ctx.t) });
  };
}

/** A target's Remove button on Home (admins, checked here too); Home is published again. */
export function homeRemoveTargetAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client, context }: ButtonArgs) => {
    await ack();
    const ctx = requestContext(context);
    if (!(await adminOrRefuse(ctx, client, body.trigger_id))) return;
    const target = ZTargetValue.safeParse(action.value ?? "");
    if (!target.success) return;
    const removed = await removeKpiTarget({ db: deps.db, teamId: ctx.teamId }, target.data);
    deps.log.info({ teamId: ctx.teamId, userId: ctx.userId, kpi: target.data.kpi, removed }, "kpi target removed from home");
    await republishHome(deps, client, ctx.teamId, body.user.id);
  };
}
