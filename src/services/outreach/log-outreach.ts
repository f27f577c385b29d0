import { AppError } from "../../errors/app-error.js";
import { MAX_OUTREACH_NOTE_LENGTH, type OutreachChannel } from "../../domain/outreach/outcome.js";
import { addDays, isDay, localDay, startOfDay, type Day } from "../../domain/time/calendar.js";
import { Prisma } from "../../generated/prisma/client.js";
import { getWorkspace } from "../settings/get-workspace.js";
import type { TeamScope } from "../types.js";
import { expectReturn } from "./expect-return.js";

export type StoredOutreach = Prisma.OutreachGetPayload<object>;

export interface LogOutreachOptions {
  /** The customer's external id (as imported). */
  externalId: string;
  /** The Slack user who reached out: they own the contact and its result. */
  ownerId: string;
  /** The contact day in the workspace's calendar (YYYY-MM-DD); not after today. */
  contactDay: Day;
  channel: OutreachChannel;
  note: string;
  /** slack | api */
  source: "slack" | "api";
  /** The request (Slack view id, API Idempotency-Key): logging the same one twice returns the first row. */
  sourceKey: string;
  now: Date;
}

/**
 * Logs a contact with a customer: fills the open taking of the customer when there is one (whoever took it, the
 * person who reached out becomes the owner), or adds a row taken by the end of the contact day. Stores the workspace's win-back window and what the
 * latest fit expected for that window at contact time (services/outreach/expect-return.ts), so the uplift compares
 * against the model as it was. A repeated `sourceKey` returns the first row with `created: false`.
 * Throws AppError NOT_FOUND "outreach.error.customerNotFound", BAD_INPUT "outreach.error.date" (not a day, or after
 * today) or "outreach.error.note" (empty or too long).
 */
export async function logOutreach({ db, teamId }: TeamScope, opts: LogOutreachOptions): Promise<{ outreach: StoredOutreach; created: boolean }> {
  const existing = await db.outreach.findUnique({ where: { teamId_sourceKey: { teamId, sourceKey: opts.sourceKey } } });
  if (existing) return { outreach: existing, created: false };
  const note = opts.note.trim();
  if (!note || note.length > MAX_OUTREACH_NOTE_LENGTH) throw new AppError("BAD_INPUT", "outreach.error.note", { max: MAX_OUTREACH_NOTE_LENGTH });
  const workspace = await getWorkspace({ db, teamId });
  if (!isDay(opts.contactDay) || opts.contactDay > localDay(opts.now, workspace.timeZone)) throw new AppError("BAD_INPUT", "outreach.error.date");
  const customer = await db.customer.findUnique({ where: { teamId_externalId: { teamId, externalId: opts.externalId } }, select: { id: true } });
  if (!customer) throw new AppError("NOT_FOUND", "outreach.error.customerNotFound", { customerId: opts.externalId });

  const windowDays = workspace.outreachWindowDays;
  const expectation = await expectReturn({ db, teamId }, { customerId: customer.id, contactDay: opts.contactDay, windowDays });
  const contact = {
    ownerId: opts.ownerId,
    contactedAt: startOfDay(opts.contactDay, workspace.timeZone),
    channel: opts.channel,
    note,
    source: opts.source,
    sourceKey: opts.sourceKey,
    windowDays,
    fitId: expectation?.fitId ?? null,
    pAlive: expectation?.pAlive ?? null,
    expectedPurchases: expectation?.expectedPurchases ?? null,
    pReturn: expectation?.pReturn ?? null,
    expectedClv: expectation?.expectedClv ?? null,
  };
  try {
    const [filled] = await db.outreach.updateManyAndReturn({ where: { teamId, customerId: customer.id, contactedAt: null }, data: contact });
    if (filled) return { outreach: filled, created: true };
    // Nobody took the customer first: the contact is the taking, by the end of its day (now for today's), not when it
    // was logged, so a contact logged late does not pass for the customer's latest one (findCustomerOwner orders by takenAt).
    const dayEnd = startOfDay(addDays(opts.contactDay, 1), workspace.timeZone);
    const takenAt = dayEnd < opts.now ? dayEnd : opts.now;
    const outreach = await db.outreach.create({ data: { teamId, customerId: customer.id, takenAt, ...contact } });
    return { outreach, created: true };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const outreach = await db.outreach.findUniqueOrThrow({ where: { teamId_sourceKey: { teamId, sourceKey: opts.sourceKey } } });
      return { outreach, created: false };
    }
    throw e;
  }
}
