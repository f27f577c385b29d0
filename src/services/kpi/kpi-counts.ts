import type { Db } from "../../db/client.js";
import type { PeriodCounts } from "../../domain/kpi/report.js";
import { kpiQuery } from "./kpi-sql.js";

/** Consecutive periods [t0, t1), [t1, t2), … and, for each boundary t_j, where its activity window starts. */
export interface PeriodBoundaries {
  /** t_0 < t_1 < … < t_K: K periods. */
  boundaries: Date[];
  /** windowStarts[j] = the start of the activity window of boundary j (t_j − window days, local calendar). */
  windowStarts: Date[];
}

const MAX_PERIODS = 52;

/**
 * THE definition of every KPI count: the purchase counts (one scan without grouping when the window is at least a
 * period long and no segment is asked, else grouped per customer), the KpiCustomer rollup and the survey
 * responses, each one SQL statement. Called for a period and its predecessor (computeKpis) and
 * for trends (computeKpiTrend), so every surface counts the same way.
 *
 * active(j) — customer has a purchase in [windowStarts[j], t_j) and is not churned at t_j (churnedAt null or > t_j).
 * For period i = [t_{i-1}, t_i): activeAtStart = active(i-1), activeAtEnd = active(i), retained = both,
 * reactivated = acquired before t_{i-1}, not active(i-1), active(i); new = acquired in [t_{i-1}, t_i);
 * repeat = purchasing in the period with a first purchase before t_{i-1}.
 */
export async function queryPeriodCounts(
  opts: {
    db: Db;
    teamId: string;
    segment?: string | null | undefined;
  } & PeriodBoundaries,
): Promise<PeriodCounts[]> {
  const { boundaries: t, windowStarts: tw } = opts;
  const K = t.length - 1;
  if (K < 1 || K > MAX_PERIODS || tw.length !== t.length) throw new RangeError(`queryPeriodCounts: need 2..${MAX_PERIODS + 1} boundaries with window starts`);
  for (let j = 1; j <= K; j++) if (!(t[j - 1]! < t[j]!)) throw new RangeError("queryPeriodCounts: boundaries must increase");
  const params: unknown[] = [opts.teamId, opts.segment ?? null];
  const T = (j: number) => `$${3 + j}::timestamptz`;
  const W = (j: number) => `$${3 + K + 1 + j}::timestamptz`;
  params.push(...t.map((d) => d.toISOString()), ...tw.map((d) => d.toISOString()));
  const lo = `$${3 + 2 * (K + 1)}::timestamptz`;
  params.push(new Date(Math.min(...tw.map((d) => d.getTime()), t[0]!.getTime())).toISOString());
  const range = Array.from({ length: K + 1 }, (_, j) => j);
  const periods = range.slice(1);
  const seg = `($2::text is null or k."segment" = $2::text)`;

  // Which period [t_{i-1}, t_i) the time `col` falls in, as `value(i)`; `otherwise` outside every period.
  const periodCase = (col: string, value: (i: number) => string, otherwise: string) =>
    `case ${periods.map((i) => `when ${col} >= ${T(i - 1)} and ${col} < ${T(i)} then ${value(i)}`).join(" ")} else ${otherwise} end`;

  // Per purchase: which boundaries' activity windows hold it (wmask bit j) and which period it falls in (pmask
  // bit i-1). Per customer only these two integers are aggregated; counts and sums of purchases need no
  // per-customer state and come from a plain scan (totalsSql). Integer bit_or keeps the per-customer hash
  // aggregate, the one step whose cost grows with the number of customers, as small as it can be.
  const bit = (j: number) => `${2n ** BigInt(j)}::int8`;
  const wmask = range.map((j) => `(case when p."at" >= ${W(j)} and p."at" < ${T(j)} then ${bit(j)} else 0::int8 end)`).join(" | ");
  const pmask = periodCase(`p."at"`, (i) => bit(i - 1), "0::int8");
  const active = (j: number) => `((c.wmask & ${bit(j)}) <> 0 and (c."churnedAt" is null or c."churnedAt" > ${T(j)}))`;
  const purchased = (i: number) => `((c.pmask & ${bit(i - 1)}) <> 0)`;
  // Same column names as the fast path below (active per boundary, the rest per period): one mapping reads both.
  const outPurchases = [
    ...range.map((j) => `count(*) filter (where ${active(j)})::int as "active${j}"`),
    ...periods.flatMap((i) => [
      `count(*) filter (where ${active(i - 1)} and ${active(i)})::int as "retained${i}"`,
      `count(*) filter (where c."acquiredAt" < ${T(i - 1)} and not ${active(i - 1)} and ${active(i)})::int as "reactivated${i}"`,
      `count(*) filter (where ${purchased(i)})::int as "purchasing${i}"`,
      `count(*) filter (where ${purchased(i)} and c."firstPurchaseAt" < ${T(i - 1)})::int as "repeat${i}"`,
    ]),
  ];
  // The customer facts the counts need. With a segment: every purchasing customer's KpiCustomer row. Without
  // one, only the few rows that can change a count are joined: customers with a churn time, or acquired or first
  // purchasing at or after t_0. Every other purchasing customer has no churn and was acquired and first purchased
  // before t_0 (<= every t_{i-1}), which is what −infinity stands for. This replaces a hash join of every
  // purchasing customer (~0.9M at 10M purchases) with a probe into a small hash.
  const withSegment = `
      select agg.*, k."acquiredAt", k."firstPurchaseAt", k."churnedAt"
      from agg join "KpiCustomer" k on k."customerId" = agg.cid
      where k."teamId" = $1 and ${seg}`;
  const withoutSegment = `
      select agg.*,
        case when x."customerId" is null then '-infinity'::timestamptz else x."acquiredAt" end as "acquiredAt",
        case when x."customerId" is null then '-infinity'::timestamptz else x."firstPurchaseAt" end as "firstPurchaseAt",
        x."churnedAt"
      from agg left join (
        select k."customerId", k."acquiredAt", k."firstPurchaseAt", k."churnedAt" from "KpiCustomer" k
        where k."teamId" = $1 and $2::text is null -- always true here; it gives the unused segment parameter its type
          and (k."churnedAt" is not null or k."acquiredAt" is null or k."acquiredAt" >= ${T(0)}
          or k."firstPurchaseAt" is null or k."firstPurchaseAt" >= ${T(0)})
      ) x on x."customerId" = agg.cid`;
  const groupedSql = `
    with agg as (
      select p."customerId" as cid, bit_or(${wmask}) as wmask, bit_or(${pmask}) as pmask
      from "Purchase" p
      where p."teamId" = $1 and p."at" >= ${lo} and p."at" < ${T(K)}
      group by p."customerId"
    ), c as (${opts.segment == null ? withoutSegment : withSegment}
    )
    select ${outPurchases.join(",\n      ")} from c`;

  // The fast path: every count above from one scan of the purchases, without grouping them by customer. It reads
  // three columns the triggers keep on each purchase: prevAt (the customer's purchase just before) and copies of the
  // customer's sign-up and churn times.
  //  - A purchase in [a, b) whose prevAt is null or < a is the first of its customer in [a, b): counting those rows
  //    counts customers. active(j): that row for [w(j), t(j)), of a customer not churned at t(j).
  //  - With windows at least as long as the periods (w(i) <= t(i-1)), the customer's first row r in [w(i), t(i)) shows
  //    whether they were active at t(i-1) too: iff the purchase before r is in [w(i-1), w(i)) or r is before t(i-1).
  //  - Active at t(i) but not at t(i-1): r is in [t(i-1), t(i)) with prevAt null or < w(i-1). Acquired before t(i-1):
  //    the sign-up time when known, else a purchase before r (prevAt not null, and then < t(i-1)).
  //  - Churned at t(i) means churned at every later boundary, and not churned at t(i) means not at t(i-1) either.
  const first = (x: string) => `coalesce(p."prevAt", '-infinity') < ${x}`;
  const within = (a: string, b: string) => `p."at" >= ${a} and p."at" < ${b}`;
  const notChurned = (j: number) => `coalesce(p."customerChurnedAt", 'infinity') > ${T(j)}`;
  const fastSql = `
    select ${[
      ...range.map((j) => `count(*) filter (where ${within(W(j), T(j))} and ${first(W(j))} and ${notChurned(j)})::int as "active${j}"`),
      ...periods.flatMap((i) => [
        `count(*) filter (where ${within(W(i), T(i))} and ${first(W(i))} and (p."prevAt" >= ${W(i - 1)} or p."at" < ${T(i - 1)}) and ${notChurned(i)})::int as "retained${i}"`,
        `count(*) filter (where ${within(T(i - 1), T(i))} and ${first(W(i - 1))} and ${notChurned(i)}
          and coalesce(p."customerSignedUpAt", p."prevAt") < ${T(i - 1)})::int as "reactivated${i}"`,
        `count(*) filter (where ${within(T(i - 1), T(i))} and ${first(T(i - 1))})::int as "purchasing${i}"`,
        `count(*) filter (where ${within(T(i - 1), T(i))} and p."prevAt" < ${T(i - 1)})::int as "repeat${i}"`,
        `count(*) filter (where ${within(T(i - 1), T(i))})::int as "purchases${i}"`,
        `coalesce(sum(p."amount") filter (where ${within(T(i - 1), T(i))}), 0)::text as "revenue${i}"`,
      ]),
    ].join(",\n      ")}
    from "Purchase" p
    where p."teamId" = $1 and p."at" >= ${lo} and p."at" < ${T(K)} and $2::text is null`;

  // Purchases and revenue per period: a plain scan (the segment, when given, as a semi-join).
  const totalsSql = `
    select ${periodCase(`p."at"`, String, "0")} as per, count(*)::int as n, coalesce(sum(p."amount"), 0)::text as revenue
    from "Purchase" p
    where p."teamId" = $1 and p."at" >= ${T(0)} and p."at" < ${T(K)}
      and ($2::text is null or p."customerId" in (select k."customerId" from "KpiCustomer" k where k."teamId" = $1 and k."segment" = $2::text))
    group by 1`;

  const customerSql = `
    select coalesce(sum(k."revenue"), 0)::text as "totalRevenue",
      ${periods.map((i) => `count(*) filter (where k."acquiredAt" >= ${T(i - 1)} and k."acquiredAt" < ${T(i)})::int as "new${i}", count(*) filter (where k."acquiredAt" < ${T(i)})::int as "acquired${i}"`).join(",\n      ")},
      (select coalesce(sum(p."amount"), 0)::text from "Purchase" p join "KpiCustomer" k on k."customerId" = p."customerId"
        where p."teamId" = $1 and p."at" >= ${T(K)} and ${seg}) as "revenueAfter"
    from "KpiCustomer" k where k."teamId" = $1 and ${seg}`;

  const surveySql = `
    select per, s."kind", count(*)::int as n,
      count(*) filter (where s."score" in (4, 5))::int as satisfied,
      count(*) filter (where s."score" >= 9)::int as promoters,
      count(*) filter (where s."score" <= 6)::int as detractors
    from (select ${periodCase(`s."at"`, String, "0")} as per, s."kind", s."score", s."customerId" from "SurveyResponse" s
      where s."teamId" = $1 and s."at" >= ${T(0)} and s."at" < ${T(K)} and s."kind" in ('csat', 'nps')) s
    left join "KpiCustomer" k on k."customerId" = s."customerId"
    where $2::text is null or k."segment" = $2::text
    group by per, s."kind"`;

  const num = (v: unknown) => Number(v ?? 0);
  // Money is summed in whole cents so subtractions stay exact.
  const toCents = (v: unknown) => Math.round(Number(v ?? 0) * 100);
  type PurchaseCounts = Pick<PeriodCounts, "activeAtStart" | "activeAtEnd" | "retained" | "reactivatedCustomers" | "purchasingCustomers" | "repeatCustomers" | "purchases"> & {
    revenueCents: number;
  };

  // One period's counts from a row of either path (purchases and revenue from that row or the totals scan).
  const countsOf = (r: Record<string, unknown>, i: number, purchases: unknown, revenue: unknown): PurchaseCounts => ({
    activeAtStart: num(r[`active${i - 1}`]),
    activeAtEnd: num(r[`active${i}`]),
    retained: num(r[`retained${i}`]),
    reactivatedCustomers: num(r[`reactivated${i}`]),
    purchasingCustomers: num(r[`purchasing${i}`]),
    repeatCustomers: num(r[`repeat${i}`]),
    purchases: num(purchases),
    revenueCents: toCents(revenue),
  });
  const fastCounts = async (): Promise<PurchaseCounts[]> => {
    // A plain aggregate over one index range: parallel workers split the scan (no join for them to repeat).
    const [f] = await kpiQuery<Record<string, unknown>>(opts.db, fastSql, params, { parallel: true });
    return periods.map((i) => countsOf(f!, i, f![`purchases${i}`], f![`revenue${i}`]));
  };
  const groupedCounts = async (): Promise<PurchaseCounts[]> => {
    const [[g], totalRows] = await Promise.all([
      kpiQuery<Record<string, unknown>>(opts.db, groupedSql, params),
      kpiQuery<{ per: number; n: number; revenue: string }>(opts.db, totalsSql, params.slice(0, 3 + K)),
    ]);
    return periods.map((i) => {
      const totals = totalRows.find((r) => Number(r.per) === i);
      return countsOf(g!, i, totals?.n, totals?.revenue);
    });
  };
  // The fast path needs no segment (a segment is a property of the customer, not of the purchase) and windows at
  // least as long as the periods; otherwise the grouped query counts.
  const fast = opts.segment == null && periods.every((i) => tw[i]!.getTime() <= t[i - 1]!.getTime());

  const [counts, customerRows, surveyRows] = await Promise.all([
    fast ? fastCounts() : groupedCounts(),
    kpiQuery<Record<string, unknown>>(opts.db, customerSql, params.slice(0, 3 + K)),
    kpiQuery<{ per: number; kind: string; n: number; satisfied: number; promoters: number; detractors: number }>(opts.db, surveySql, params.slice(0, 3 + K)),
  ]);
  const cr = customerRows[0]!;

  // Revenue before t_K = all revenue − revenue from t_K on; before t_{i-1} = before t_i − revenue of period i.
  const out: PeriodCounts[] = [];
  let revenueBeforeCents = toCents(cr.totalRevenue) - toCents(cr.revenueAfter);
  for (let i = K; i >= 1; i--) {
    const survey = (kind: string) => surveyRows.find((r) => Number(r.per) === i && r.kind === kind);
    const cs = survey("csat");
    const np = survey("nps");
    const { revenueCents, ...c } = counts[i - 1]!;
    out[i - 1] = {
      ...c,
      newCustomers: num(cr[`new${i}`]),
      revenue: revenueCents / 100,
      revenueBeforeEnd: revenueBeforeCents / 100,
      acquiredBeforeEnd: num(cr[`acquired${i}`]),
      csatResponses: num(cs?.n),
      csatSatisfied: num(cs?.satisfied),
      npsResponses: num(np?.n),
      npsPromoters: num(np?.promoters),
      npsDetractors: num(np?.detractors),
    };
    revenueBeforeCents -= revenueCents;
  }
  return out;
}
