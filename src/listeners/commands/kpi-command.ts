import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { commandWords, decodeCommandWord } from "../../domain/slack/markup.js";
import { requestContext } from "../../middleware/context.js";
import type { ListenerDeps } from "../deps.js";

export type KpiArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** A `/kpi <verb> ...` handler contributed by one area (KPIs, tokens, digests, predictions). Called after the ack. */
export type KpiSubcommand = (args: KpiArgs, rest: string[]) => Promise<void>;

/** The one `/kpi` answer that shows no workspace data: everyone may read it. */
const OPEN_TO_ALL = new Set(["help"]);

/**
 * `/kpi`: acks at once, then dispatches on the first word to the areas' subcommands; anything else
 * (no text, a segment name, `share`) goes to `fallback`, the headline KPIs. Every answer but help shows customer
 * data, so guests and people of another organisation are refused here, once for all subcommands.
 */
export function kpiCommand(_deps: ListenerDeps, subcommands: Record<string, KpiSubcommand>, fallback: KpiSubcommand) {
  // A Map, not the object: the first word is the user's, and `/kpi constructor` or `/kpi __proto__` must not
  // find Object.prototype's members.
  const table = new Map(Object.entries(subcommands));
  return async (args: KpiArgs) => {
    await args.ack();
    // Escaped text (`segment:R&amp;D`) reads as typed; channel and user references keep their ids.
    const words = commandWords(args.command.text).map(decodeCommandWord);
    const verb = (words[0] ?? "").toLowerCase();
    const sub = table.get(verb);
    if (!(sub && OPEN_TO_ALL.has(verb))) await requestContext(args.context).requireCustomerData();
    if (sub) return sub(args, words.slice(1));
    return fallback(args, words);
  };
}
