import { AppError } from "../../errors/app-error.js";
import type { TeamScope } from "../types.js";
import { findCustomerOwner } from "./find-customer-owner.js";

export interface TakeCustomerOptions {
  /** The customer's external id (as imported). */
  externalId: string;
  userId: string;
  /** Take the customer from the person who has them (the second click, after seeing who it is). */
  takeOver?: boolean;
  now: Date;
}

export type TakeCustomerResult =
  /** taken: now theirs; taken_over: now theirs, from `previousOwnerId`; already_yours: nothing changed. */
  | { status: "taken" | "already_yours"; customer: { externalId: string; name: string | null }; ownerId: string; since: Date }
  | { status: "taken_over"; customer: { externalId: string; name: string | null }; ownerId: string; previousOwnerId: string; since: Date }
  /** Someone else has them: nothing changed; `ownerId` is who, since when. */
  | { status: "taken_by_other"; customer: { externalId: string; name: string | null }; ownerId: string; since: Date };

/**
 * "I'll reach out": makes `userId` the customer's owner. Idempotent: taking a customer one already has changes
 * nothing, and two people taking one at once get one open taking (a partial unique index): the second is told
 * who has the customer and may take over explicitly with `takeOver`. Throws AppError NOT_FOUND
 * "outreach.error.customerNotFound" for an unknown customer.
 */
export async function takeCustomer({ db, teamId }: TeamScope, opts: TakeCustomerOptions): Promise<TakeCustomerResult> {
  const customer = await db.customer.findUnique({ where: { teamId_externalId: { teamId, externalId: opts.externalId } }, select: { id: true, externalId: true, name: true } });
  if (!customer) throw new AppError("NOT_FOUND", "outreach.error.customerNotFound", { customerId: opts.externalId });
  const who = { externalId: customer.externalId, name: customer.name };
  const current = await findCustomerOwner(db, teamId, customer.id);
  if (current?.ownerId === opts.userId) return { status: "already_yours", customer: who, ownerId: opts.userId, since: current.takenAt };
  if (current && !opts.takeOver) return { status: "taken_by_other", customer: who, ownerId: current.ownerId, since: current.takenAt };

  // An open taking of someone else's is handed over in place; otherwise a new one (the index admits one open row).
  // Only an explicit take-over hands over a row: a plain take that raced another one must not take it silently.
  const handed = current
    ? await db.outreach.updateManyAndReturn({
        where: { teamId, customerId: customer.id, contactedAt: null, ownerId: current.ownerId },
        data: { ownerId: opts.userId, takenAt: opts.now },
        select: { id: true },
      })
    : [];
  if (handed.length === 0) {
    const { count } = await db.outreach.createMany({ data: [{ teamId, customerId: customer.id, ownerId: opts.userId, takenAt: opts.now }], skipDuplicates: true });
    if (count === 0) {
      // Someone took the customer between our read and our insert.
      const winner = await findCustomerOwner(db, teamId, customer.id);
      if (winner && winner.ownerId !== opts.userId) return { status: "taken_by_other", customer: who, ownerId: winner.ownerId, since: winner.takenAt };
      return { status: "already_yours", customer: who, ownerId: opts.userId, since: winner?.takenAt ?? opts.now };
    }
  }
  return current
    ? { status: "taken_over", customer: who, ownerId: opts.userId, previousOwnerId: current.ownerId, since: opts.now }
    : { status: "taken", customer: who, ownerId: opts.userId, since: opts.now };
}
