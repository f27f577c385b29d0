import type { Db } from "../../src/db/client.js";
import { addDays, type DayRange } from "../../src/domain/time/calendar.js";
import { updateWorkspace } from "../../src/services/settings/update-workspace.js";

export interface FixtureCustomer {
  ext: string;
  segment?: string | null;
  signedUpAt?: string | null;
  churnedAt?: string | null;
  purchases?: Array<[at: string, amount: string]>;
}

/** Inserts customers, then their purchases, with bulk createMany (as the importer will); returns ids by external id. */
export async function insertCustomers(db: Db, teamId: string, customers: FixtureCustomer[]): Promise<Map<string, bigint>> {
  await db.customer.createMany({
    data: customers.map((c) => ({
      teamId,
      externalId: c.ext,
      segment: c.segment ?? null,
      signedUpAt: c.signedUpAt ? new Date(c.signedUpAt) : null,
      churnedAt: c.churnedAt ? new Date(c.churnedAt) : null,
    })),
  });
  const rows = await db.customer.findMany({ where: { teamId }, select: { id: true, externalId: true } });
  const ids = new Map(rows.map((r) => [r.externalId, r.id]));
  const purchases = customers.flatMap((c) =>
    (c.purchases ?? []).map(([at, amount], i) => ({ teamId, customerId: ids.get(c.ext)!, dedupKey: `${c.ext}-${i}-${at}`, at: new Date(at), amount })),
  );
  if (purchases.length) await db.purchase.createMany({ data: purchases });
  return ids;
}

/**
 * The small workspace the KPI surfaces, targets and KPI alerts are checked on, around `period` with a 10-day activity
 * window (set here): A (Pro) active at the period's start and end (retained), B (Pro) active at its start only, and C
 * (basic) active only at the previous period's start (previous retention 0 of 1). Purchases at noon UTC.
 */
export async function seedAroundPeriod(db: Db, teamId: string, period: DayRange, customers: readonly ("A" | "B" | "C")[] = ["A", "B", "C"]): Promise<void> {
  const at = (day: string) => `${day}T12:00:00Z`;
  const all: Record<"A" | "B" | "C", FixtureCustomer> = {
    A: {
      ext: "A",
      segment: "Pro",
      purchases: [
        [at(addDays(period.from, -5)), "10.00"],
        [at(addDays(period.to, -3)), "30.00"],
      ],
    },
    B: { ext: "B", segment: "Pro", purchases: [[at(addDays(period.from, -5)), "20.00"]] },
    C: { ext: "C", segment: "basic", purchases: [[at(addDays(period.from, -30)), "5.00"]] },
  };
  await updateWorkspace({ db, teamId }, { activityWindowDays: 10 });
  await insertCustomers(
    db,
    teamId,
    customers.map((c) => all[c]),
  );
}

export async function insertSurveys(db: Db, teamId: string, rows: Array<{ kind: "csat" | "nps"; score: number; at: string; customerId?: bigint }>) {
  await db.surveyResponse.createMany({
    data: rows.map((r, i) => ({ teamId, kind: r.kind, score: r.score, at: new Date(r.at), customerId: r.customerId ?? null, dedupKey: `s${i}` })),
  });
}

/**
 * Purchases of the workspace whose KPI columns are wrong: "prevAt" not the time of the same customer's purchase just
 * before (in (at, id) order), or the copies of the customer's sign-up and churn times and segment not the customer's. These are
 * what the KPI counts read; expected 0 after any sequence of writes.
 */
export async function wrongKpiColumns(db: Db, teamId: string): Promise<number> {
  const [r] = await db.$queryRawUnsafe<Array<{ n: number }>>(
    `select count(*)::int as n from (
       select p."prevAt", lag(p."at") over (partition by p."customerId" order by p."at", p.id) as want,
         p."customerSignedUpAt", p."customerChurnedAt", p."customerSegment", c."signedUpAt", c."churnedAt", c."segment"
       from "Purchase" p join "Customer" c on c.id = p."customerId" where p."teamId" = $1
     ) x where "prevAt" is distinct from want or "customerSignedUpAt" is distinct from "signedUpAt" or "customerChurnedAt" is distinct from "churnedAt"
       or "customerSegment" is distinct from "segment"`,
    teamId,
  );
  return r!.n;
}
