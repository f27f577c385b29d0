import type { Db } from "../../db/client.js";
import { noCounts, type PeriodCounts } from "../../domain/kpi/report.js";
import { kpiQuery } from "./kpi-sql.js";
import { readPeriodRollups, storePeriodRollups, type RollupPeriod } from "./period-rollups.js";

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
 * period long, the segment a filter on each purchase's copy of it; else grouped per customer), the KpiCustomer rollup and the survey
 * responses, each one SQL statement. Called for a period and its predecessor (computeKpis) and
 * for trends (computeKpiTrend), so every surface counts the same way.
 *
 * active(j) — customer has a purchase in [windowStarts[j], t_j) and is not churned at t_j (churnedAt null or > t_j).
 * For period i = [t_{i-1}, t_i): activeAtStart = active(i-1), activeAtEnd = active(i), retained = both,
 * reactivated = acquired before t_{i-1}, not active(i-1), active(i); new = acquired in [t_{i-1}, t_i);
 * repeat = purchasing in the period with a first purchase before t_{i-1}.
 *
 * Closed periods (ending before now) are kept once computed (period-rollups.ts, KpiPeriodRollup) and read back while
 * the database's triggers have not dropped them: only the stretch from the first to the last period not kept is
 * counted. `afterRead` (tests) runs between the counting and the keeping.
 */
export async function queryPeriodCounts(
  opts: {
    db: Db;
    teamId: string;
    segment?: string | null | undefined;
    afterRead?: (() => Promise<void>) | undefined;
  } & PeriodBoundaries,
): Promise<PeriodCounts[]> {
  const { boundaries: t, windowStarts: tw } = opts;
  checkBoundaries(opts);
  const count = async (b: PeriodBoundaries, before?: BeforeStart) => (await countPeriods({ ...opts, ...b, each: false, before })).get(null) ?? noCounts(b.boundaries.length - 1);
  // "" is the key of every customer: a segment named "" (never stored by the importers) is counted, not kept.
  if (opts.segment === "") return count(opts);
  const segmentKey = opts.segment ?? "";
  const periods = rollupPeriodsOf(opts);
  const read = await readPeriodRollups({ db: opts.db, teamId: opts.teamId, segmentKey, periods });
  const missing = periods.flatMap((_, k) => (read.counts[k] ? [] : [k]));
  if (missing.length === 0) return read.counts as PeriodCounts[];
  const a = missing[0]!;
  const b = missing.at(-1)!;
  // The kept period just before the stretch knows the revenue and acquisitions before it and who was active at its
  // start: the customers' totals (a scan of every customer) and the purchases before the first window are not needed.
  const kept = read.counts[a - 1];
  const before = kept && { revenueCents: Math.round(kept.revenueBeforeEnd * 100), acquired: kept.acquiredBeforeEnd, activeAtStart: kept.activeAtEnd };
  const computed = await count({ boundaries: t.slice(a, b + 2), windowStarts: tw.slice(a, b + 2) }, before);
  await opts.afterRead?.();
  await storePeriodRollups({
    db: opts.db,
    teamId: opts.teamId,
    segmentKey,
    read,
    periods: missing.map((k) => ({ ...periods[k]!, counts: computed[k - a]! })),
  });
  return periods.map((_, k) => (k >= a && k <= b ? computed[k - a]! : read.counts[k]!));
}

/** The periods of consecutive boundaries, as KpiPeriodRollup keys them. */
export function rollupPeriodsOf({ boundaries: t, windowStarts: tw }: PeriodBoundaries): RollupPeriod[] {
  return t.slice(1).map((to, k) => ({ from: t[k]!, to, windowFrom: tw[k]!, windowTo: tw[k + 1]! }));
}

/**
 * The counts of queryPeriodCounts for every segment at once (customers without a segment under null), from the same
 * statements grouped by the segment: what a KPI alert judging every segment needs, in one scan instead of one per
 * segment. Segments without any customer are absent. Under null also count survey responses without a customer.
 */
export function queryPeriodCountsBySegment(opts: { db: Db; teamId: string } & PeriodBoundaries): Promise<Map<string | null, PeriodCounts[]>> {
  return countPeriods({ ...opts, segment: null, each: true });
}

function checkBoundaries({ boundaries: t, windowStarts: tw }: PeriodBoundaries): void {
  const K = t.length - 1;
  if (K < 1 || K > MAX_PERIODS || tw.length !== t.length) throw new RangeError(`queryPeriodCounts: need 2..${MAX_PERIODS + 1} boundaries with window starts`);
  for (let j = 1; j <= K; j++) if (!(t[j - 1]! < t[j]!)) throw new RangeError("queryPeriodCounts: boundaries must increase");
}

/** What was true at t_0, from the kept period ending there: revenue and customers acquired before it, customers active at it. */
interface BeforeStart {
  revenueCents: number;
  acquired: number;
  activeAtStart: number;
}

/**
 * Every statement below, for one segment (or all customers) when `each` is false, or grouped by segment when it is
 * true. Each statement's first column is the segment (null for the one-segment form), and the result is keyed by it.
 * With `before` (one segment only), revenue and acquisitions before each end are added up from it instead of read
 * from every customer's total: only customers acquired in the periods are read; and the fast path takes the customers
 * active at t_0 from it, so it reads no purchase before windowStart_1 (a period less of purchases to scan).
 */
async function countPeriods(
  opts: {
    db: Db;
    teamId: string;
    segment?: string | null | undefined;
    each: boolean;
    before?: BeforeStart | undefined;
  } & PeriodBoundaries,
): Promise<Map<string | null, PeriodCounts[]>> {
  const { boundaries: t, windowStarts: tw, each } = opts;
  const K = t.length - 1;
  checkBoundaries(opts);
  const params: unknown[] = [opts.teamId, opts.segment ?? null];
  const T = (j: number) => `$${3 + j}::timestamptz`;
  const W = (j: number) => `$${3 + K + 1 + j}::timestamptz`;
  params.push(...t.map((d) => d.toISOString()), ...tw.map((d) => d.toISOString()));
  const { before } = opts;
  if (before && each) throw new RangeError("countPeriods: `before` is for one segment");
  // The fast path needs windows at least as long as the periods (a segment is on each purchase, a filter or a
  // grouping there); otherwise the grouped query counts.
  const fast = t.slice(1).every((_, j) => tw[j + 1]!.getTime() <= t[j]!.getTime());
  const knownStart = fast && before !== undefined;
  const lo = `$${3 + 2 * (K + 1)}::timestamptz`;
  params.push(new Date(Math.min(...(knownStart ? tw.slice(1) : tw).map((d) => d.getTime()), t[0]!.getTime())).toISOString());
  const range = Array.from({ length: K + 1 }, (_, j) => j);
  const periods = range.slice(1);
  const seg = `($2::text is null or k."segment" = $2::text)`;
  // The segment filter and grouping on a purchase (its copy of the customer's segment) and on a KpiCustomer row.
  // `$2::text is null` in the grouped form is always true there (each passes a null segment); it types the parameter.
  const pSeg = `($2::text is null or p."customerSegment" = $2::text)`;
  const pKey = each ? `p."customerSegment"` : "null::text";
  const kKey = each ? `k."segment"` : "null::text";
  const groupBy = (...more: string[]) => (each ? `group by ${["1", ...more].join(", ")}` : more.length ? `group by ${more.join(", ")}` : "");

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
      select agg.*, k."acquiredAt", k."firstPurchaseAt", k."churnedAt", ${kKey} as seg
      from agg join "KpiCustomer" k on k."customerId" = agg.cid
      where k."teamId" = $1 and ${seg}`;
  const withoutSegment = `
      select agg.*, null::text as seg,
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
    ), c as (${opts.segment == null && !each ? withoutSegment : withSegment}
    )
    select ${each ? "c.seg" : "null::text"} as seg, ${outPurchases.join(",\n      ")} from c ${groupBy()}`;

  // The fast path: every count above from one scan of the purchases, without grouping them by customer. It reads
  // three columns the triggers keep on each purchase: prevAt (the customer's purchase just before) and copies of the
  // customer's sign-up and churn times (and its segment, which the segment cut filters on).
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
    select ${pKey} as seg, ${[
      ...range.filter((j) => j > 0 || !knownStart).map((j) => `count(*) filter (where ${within(W(j), T(j))} and ${first(W(j))} and ${notChurned(j)})::int as "active${j}"`),
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
    where p."teamId" = $1 and p."at" >= ${lo} and p."at" < ${T(K)} and ${pSeg}
    ${groupBy()}`;

  // Purchases and revenue per period: a plain scan.
  const totalsSql = `
    select ${pKey} as seg, ${periodCase(`p."at"`, String, "0")} as per, count(*)::int as n, coalesce(sum(p."amount"), 0)::text as revenue
    from "Purchase" p
    where p."teamId" = $1 and p."at" >= ${T(0)} and p."at" < ${T(K)} and ${pSeg}
    ${groupBy("per")}`;

  const customerSql = before
    ? `
    select ${kKey} as seg, ${periods.map((i) => `count(*) filter (where k."acquiredAt" >= ${T(i - 1)} and k."acquiredAt" < ${T(i)})::int as "new${i}"`).join(",\n      ")}
    from "KpiCustomer" k where k."teamId" = $1 and ${seg} and k."acquiredAt" >= ${T(0)} and k."acquiredAt" < ${T(K)}`
    : `
    select ${kKey} as seg, coalesce(sum(k."revenue"), 0)::text as "totalRevenue",
      ${periods.map((i) => `count(*) filter (where k."acquiredAt" >= ${T(i - 1)} and k."acquiredAt" < ${T(i)})::int as "new${i}", count(*) filter (where k."acquiredAt" < ${T(i)})::int as "acquired${i}"`).join(",\n      ")}
    from "KpiCustomer" k where k."teamId" = $1 and ${seg}
    ${groupBy()}`;
  // Revenue from t_K on (to take from the customers' total): a range of the covering index.
  const revenueAfterSql = `
    select ${pKey} as seg, coalesce(sum(p."amount"), 0)::text as "revenueAfter"
    from "Purchase" p where p."teamId" = $1 and p."at" >= $3::timestamptz and ${pSeg}
    ${groupBy()}`;

  const surveySql = `
    select ${kKey} as seg, per, s."kind", count(*)::int as n,
      count(*) filter (where s."score" in (4, 5))::int as satisfied,
      count(*) filter (where s."score" >= 9)::int as promoters,
      count(*) filter (where s."score" <= 6)::int as detractors
    from (select ${periodCase(`s."at"`, String, "0")} as per, s."kind", s."score", s."customerId" from "SurveyResponse" s
      where s."teamId" = $1 and s."at" >= ${T(0)} and s."at" < ${T(K)} and s."kind" in ('csat', 'nps')) s
    left join "KpiCustomer" k on k."customerId" = s."customerId"
    where $2::text is null or k."segment" = $2::text
    ${groupBy("per", `s."kind"`)}`;

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
  type Row = Record<string, unknown> & { seg: string | null };
  // Rows of one statement by segment.
  const bySeg = <R extends Row>(rows: R[]) => {
    const m = new Map<string | null, R[]>();
    for (const r of rows) m.set(r.seg, [...(m.get(r.seg) ?? []), r]);
    return m;
  };
  const fastCounts = async (): Promise<Map<string | null, PurchaseCounts[]>> => {
    // A plain aggregate over one index range: parallel workers split the scan (no join for them to repeat).
    const rows = await kpiQuery<Row>(opts.db, fastSql, params, { parallel: true });
    return new Map(rows.map((f) => [f.seg, periods.map((i) => countsOf(f, i, f[`purchases${i}`], f[`revenue${i}`]))]));
  };
  const groupedCounts = async (): Promise<Map<string | null, PurchaseCounts[]>> => {
    const [gRows, totalRows] = await Promise.all([
      kpiQuery<Row>(opts.db, groupedSql, params),
      kpiQuery<Row & { per: number; n: number; revenue: string }>(opts.db, totalsSql, params.slice(0, 3 + K)),
    ]);
    const totalsOf = bySeg(totalRows);
    return new Map(
      gRows.map((g) => {
        const totals = totalsOf.get(g.seg) ?? [];
        return [g.seg, periods.map((i) => ((r) => countsOf(g, i, r?.n, r?.revenue))(totals.find((r) => Number(r.per) === i)))];
      }),
    );
  };

  const [purchaseCounts, customerRows, revenueAfterRows, surveyRows] = await Promise.all([
    fast ? fastCounts() : groupedCounts(),
    kpiQuery<Row>(opts.db, customerSql, params.slice(0, 3 + K)),
    before ? Promise.resolve([]) : kpiQuery<Row>(opts.db, revenueAfterSql, [opts.teamId, opts.segment ?? null, t[K]!.toISOString()]),
    kpiQuery<Row & { per: number; kind: string; n: number; satisfied: number; promoters: number; detractors: number }>(opts.db, surveySql, params.slice(0, 3 + K)),
  ]);
  const revenueAfter = new Map(revenueAfterRows.map((r) => [r.seg, r.revenueAfter]));
  const surveysOf = bySeg(surveyRows);
  const noPurchases = periods.map(() => countsOf({}, 1, 0, 0));

  // Every segment with customers (the one-segment form always has its row: an aggregate without grouping).
  const result = new Map<string | null, PeriodCounts[]>();
  for (const cr of customerRows) {
    const counts = purchaseCounts.get(cr.seg) ?? noPurchases;
    const surveys = surveysOf.get(cr.seg) ?? [];
    // Revenue before t_K = all revenue − revenue from t_K on; before t_{i-1} = before t_i − revenue of period i.
    // From `before`: before t_i = before t_{i-1} + revenue of period i (and acquisitions likewise).
    const revenueBefore: number[] = [];
    const acquired: number[] = [];
    if (before) {
      for (let i = 1, r = before.revenueCents, a = before.acquired; i <= K; i++) {
        r += counts[i - 1]!.revenueCents;
        a += num(cr[`new${i}`]);
        revenueBefore[i] = r;
        acquired[i] = a;
      }
    } else {
      for (let i = K, r = toCents(cr.totalRevenue) - toCents(revenueAfter.get(cr.seg)); i >= 1; i--) {
        revenueBefore[i] = r;
        acquired[i] = num(cr[`acquired${i}`]);
        r -= counts[i - 1]!.revenueCents;
      }
    }
    const out: PeriodCounts[] = [];
    for (let i = K; i >= 1; i--) {
      const survey = (kind: string) => surveys.find((r) => Number(r.per) === i && r.kind === kind);
      const cs = survey("csat");
      const np = survey("nps");
      const { revenueCents, ...c } = counts[i - 1]!;
      out[i - 1] = {
        ...c,
        ...(i === 1 && knownStart ? { activeAtStart: before.activeAtStart } : {}),
        newCustomers: num(cr[`new${i}`]),
        revenue: revenueCents / 100,
        revenueBeforeEnd: revenueBefore[i]! / 100,
        acquiredBeforeEnd: acquired[i]!,
        csatResponses: num(cs?.n),
        csatSatisfied: num(cs?.satisfied),
        npsResponses: num(np?.n),
        npsPromoters: num(np?.promoters),
        npsDetractors: num(np?.detractors),
      };
    }
    result.set(cr.seg, out);
  }
  return result;
}
