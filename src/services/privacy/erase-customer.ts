import { writeTransaction } from "../../db/write-transaction.js";
import { AppError } from "../../errors/app-error.js";
import { insightSearchText } from "../capture/log-insight.js";
import type { TeamScope } from "../types.js";

/** What an erase removed or rewrote; all zero and `customer: false` never happens (NOT_FOUND instead). */
export interface CustomerErasure {
  customer: boolean;
  purchases: number;
  surveyResponses: number;
  /** Voices whose customer was this one (by name or id): the customer is replaced by ERASED_CUSTOMER. */
  insights: number;
  /** Stories that named this customer: the customer is removed. */
  stories: number;
}

/** A customer with a long purchase history takes a while to delete (each delete re-reads the rollup). */
const ERASE_TRANSACTION = { timeout: 10 * 60_000, maxWait: 30_000 };

/** A voice's customer link and the customer's state at capture, cleared. */
const UNLINKED_SNAPSHOT = {
  customerId: null,
  customerLinkedAt: null,
  customerSegment: null,
  customerActive: null,
  customerRevenue: null,
  customerPAlive: null,
  customerExpectedClv: null,
  customerModelFitId: null,
};

/** What a voice shows as its customer after that customer was erased (language-neutral: stored, not translated). */
export const ERASED_CUSTOMER = "—";

/**
 * Erases one customer of the workspace everywhere the bot keeps them, for a privacy request: the customer row,
 * its purchases and survey responses (the KPI rollup and the purchases' KPI columns are kept exact by the
 * store's triggers, so KPIs read as if the customer had never been imported), and the customer's name or id
 * in voices and stories (matched case-insensitively on the whole field). Stored model fits hold only
 * population parameters and predictions are computed on request, so nothing else names the customer.
 * One transaction: all of it or nothing (run again after a deadlock; AppError BUSY if it never gets through).
 * Throws AppError NOT_FOUND when the workspace has no such customer.
 */
export async function eraseCustomer({ db, teamId }: TeamScope, opts: { externalId: string }): Promise<CustomerErasure> {
  return writeTransaction(
    db,
    async (tx) => {
      // Locked first, as every writer of a customer does (src/services/ingest/ensure-customers.ts): a request writing
      // this customer's purchases or survey responses right now commits before the deletes below read them (a
      // response it added would otherwise outlive the erase, its customer set to NULL), and later ones wait for it.
      const [customer] = await tx.$queryRawUnsafe<Array<{ id: bigint; name: string | null }>>(
        `SELECT "id", "name" FROM "Customer" WHERE "teamId" = $1 AND "externalId" = $2 FOR UPDATE`,
        teamId,
        opts.externalId,
      );
      if (!customer) throw new AppError("NOT_FOUND", "privacy.customerNotFound", { customerId: opts.externalId });
      const surveyResponses = (await tx.surveyResponse.deleteMany({ where: { teamId, customerId: customer.id } })).count;
      const purchases = (await tx.purchase.deleteMany({ where: { teamId, customerId: customer.id } })).count;
      const names = [opts.externalId, customer.name].filter((n): n is string => Boolean(n?.trim()));
      const matches = names.map((n) => ({ customer: { equals: n.trim(), mode: "insensitive" as const } }));
      // Voices linked to the customer lose the link and the state kept at capture, whatever name they show.
      const linked = [...matches, { customerId: customer.id }];
      const voices = await tx.insight.findMany({ where: { teamId, OR: linked }, select: { id: true, quote: true, context: true, themes: true } });
      for (const v of voices) {
        await tx.insight.update({
          where: { id: v.id },
          data: { customer: ERASED_CUSTOMER, searchText: insightSearchText({ ...v, customer: ERASED_CUSTOMER }), ...UNLINKED_SNAPSHOT },
        });
      }
      await tx.insightEvidence.updateMany({ where: { teamId, OR: linked }, data: { customer: ERASED_CUSTOMER, customerId: null } });
      await tx.customer.delete({ where: { id: customer.id } });
      const stories = (await tx.story.updateMany({ where: { teamId, OR: matches }, data: { customer: null } })).count;
      return { customer: true, purchases, surveyResponses, insights: voices.length, stories };
    },
    ERASE_TRANSACTION,
  );
}
