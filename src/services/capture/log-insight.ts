import { ZInsightInput, type InsightInput } from "../../domain/capture/schemas.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { TeamScope } from "../types.js";
import { snapshotColumns, snapshotCustomer } from "./snapshot-customer.js";

export type StoredInsight = Prisma.InsightGetPayload<object>;

/** The text the trigram index searches: everything a colleague might remember about the voice. */
export function insightSearchText(i: Pick<InsightInput, "customer" | "quote" | "context" | "themes">): string {
  return [i.customer, i.quote, i.context ?? "", i.themes.join(" ")].join("\n").toLowerCase();
}

/**
 * Stores a customer voice. `sourceKey` is Slack's id for the submission (view id or trigger id): submitting
 * the same one twice returns the first insight with `created: false`, so retries never store twice.
 * With `input.customerId` (an imported customer of the workspace) the voice is linked to that customer, shows
 * their name, and keeps their state at `now` (snapshot-customer.ts); an id the workspace does not have is ignored.
 * Throws a ZodError for invalid input (listeners validate first and show field errors).
 */
export async function logInsight({ db, teamId }: TeamScope, opts: { sourceKey: string; input: InsightInput; now?: Date }): Promise<{ insight: StoredInsight; created: boolean }> {
  const input = ZInsightInput.parse(opts.input);
  const snapshot = input.customerId ? await snapshotCustomer({ db, teamId }, { customerId: BigInt(input.customerId), now: opts.now ?? new Date() }) : null;
  const customer = snapshot?.displayName ?? input.customer;
  try {
    const insight = await db.insight.create({
      data: {
        teamId,
        sourceKey: opts.sourceKey,
        customer,
        ...(snapshot ? snapshotColumns(snapshot) : {}),
        source: input.source,
        sentiment: input.sentiment,
        themes: input.themes,
        quote: input.quote,
        context: input.context ?? null,
        teams: input.teams,
        authorId: input.authorId,
        messagePermalink: input.messagePermalink ?? null,
        messageAuthorId: input.messageAuthorId ?? null,
        searchText: insightSearchText({ ...input, customer }),
      },
    });
    return { insight, created: true };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const insight = await db.insight.findUniqueOrThrow({ where: { teamId_sourceKey: { teamId, sourceKey: opts.sourceKey } } });
      return { insight, created: false };
    }
    throw e;
  }
}
