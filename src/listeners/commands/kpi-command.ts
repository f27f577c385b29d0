import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { commandWords, decodeCommandWord } from "../../domain/slack/markup.js";
import type { ListenerDeps } from "../deps.js";

export type KpiArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** A `/kpi <verb> ...` handler contributed by one area (KPIs, tokens, digests, predictions). Called after the ack. */
export type KpiSubcommand = (args: KpiArgs, rest: string[]) => Promise<void>;

/**
 * `/kpi`: acks at once, then dispatches on the first word to the areas' subcommands; anything else
 * (no text, a segment name, `share`) goes to `fallback`, the headline KPIs.
 */
export function kpiCommand(_deps: ListenerDeps, subcommands: Record<string, KpiSubcommand>, fallback: KpiSubcommand) {
  return async (args: KpiArgs) => {
    await args.ack();
    // Escaped text (`segment:R&amp;D`) reads as typed; channel and user references keep their ids.
    const words = commandWords(args.command.text).map(decodeCommandWord);
    const sub = subcommands[(words[0] ?? "").toLowerCase()];
    if (sub) return sub(args, words.slice(1));
    return fallback(args, words);
  };
}
