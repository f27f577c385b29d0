import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { LIMITS } from "../../domain/capture/vocabulary.js";
import { requestContext } from "../../middleware/context.js";
import { searchInsights } from "../../services/capture/search-insights.js";
import { insightSearchResults } from "../../views/capture/insight-search.js";
import type { ListenerDeps } from "../deps.js";

const ZPage = z.object({ q: z.string().min(1).max(LIMITS.searchQuery), p: z.number().int().min(0).max(10_000) });
type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Previous/next on `/insight search` results: replaces the ephemeral message with the other page. */
export function searchPageAction(deps: ListenerDeps) {
  return async ({ ack, action, respond, context }: Args) => {
    await ack();
    const ctx = requestContext(context);
    await ctx.requireCustomerData();
    const page = ZPage.safeParse(JSON.parse(action.value ?? "{}"));
    if (!page.success) return;
    const r = await searchInsights({ db: deps.db, teamId: ctx.teamId }, { query: page.data.q, page: page.data.p });
    await respond({ replace_original: true, response_type: "ephemeral", ...insightSearchResults(ctx.t, r) });
  };
}
