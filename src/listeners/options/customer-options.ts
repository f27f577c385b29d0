import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import { requestContext } from "../../middleware/context.js";
import { customerDataRefusal } from "../../services/access/check-access.js";
import { findCustomers } from "../../services/capture/find-customers.js";
import { customerOptions, PICKER_OPTIONS_MAX } from "../../views/capture/customer-options.js";
import { errorFields } from "../../log.js";
import type { ListenerDeps } from "../deps.js";

type Args = SlackOptionsMiddlewareArgs<"block_suggestion"> & AllMiddlewareArgs;

/**
 * The customer picker's options request (block_suggestion): imported customers matching what was typed, and the
 * typed text as written. Customer names are customer data: people who may not see it get only the typed text. A
 * slow or failed search still answers in time with the typed text, so the form can always be completed.
 */
export function customerOptionsRequest(deps: ListenerDeps) {
  return async ({ ack, body, context }: Args) => {
    const ctx = requestContext(context);
    const typed = body.value ?? "";
    const allowed = !customerDataRefusal(await ctx.access());
    const customers = allowed
      ? await findCustomers({ db: deps.db, teamId: ctx.teamId }, { query: typed, limit: PICKER_OPTIONS_MAX }).catch((e: unknown) => {
          deps.log.warn({ teamId: ctx.teamId, err: errorFields(e) }, "customer picker search failed");
          return [];
        })
      : [];
    await ack(customerOptions(ctx.t, customers, typed));
  };
}
