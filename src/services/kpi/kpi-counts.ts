import type { Db } from "../../db/client.js";
import { addDays, type Day } from "../../domain/kpi/calendar.js";
import type { PeriodCounts } from "../../domain/kpi/report.js";
import { kpiQuery } from "./kpi-sql.js";

/** Consecutive periods [t0, t1), [t1, t2), … and, for each boundary t_j, where its activity window starts. */
export interface PeriodBoundaries {
  /** t_0 < t_1 < … < t_K: K periods. */
  boundaries: Date[];
  /** windowStarts[j] = the start of the activity window of boundary j (t_j − window days, local calendar). */
  windowStarts: Date[];
  /**
   * When the boundaries are local midnights (boundaries[j] = start of days[j], windowStarts[j] = start of
   * days[j] − window, in timeZone): what lets the activity spells answer instead of the purchase scan.
   */
  local?: { days: Day[]; window: number; timeZone: string } | undefined;
}

/**
 * How the per-customer activity bits are read. "exact": from the purchases in every activity window (always
 * right). "spells": from KpiSpell (requires spells built for this window and time zone: see spellsUsable).
 * "auto" (default): spells when usable, else exact.
 */
export type KpiPath = "auto" | "exact" | "spells";

const MAX_PERIODS = 52;

/**
 * THE definition of every KPI count, in one SQL statement per table read (purchases in the windows,
 * the per-customer rollup, survey responses). Called for a period and its predecessor (computeKpis) and
 * for trends (computeKpiTrend), so every surface counts the same way.
 *
 * active(j) — customer has a purchase in [windowStarts[j], t_j) and is not churned at t_j (churnedAt null or > t_j).
 * For period i = [t_{i-1}, t_i): activeAtStart = active(i-1), activeAtEnd = active(i), retained = both,
 * reactivated = acquired before t_{i-1}, not active(i-1), active(i); new = acquired in [t_{i-1}, t_i);
 * repeat = purchasing in the period with a first purchase before t_{i-1}.
 */
export async function queryPeriodCounts(opts: {
  db: Db;
  teamId: string;
  segment?: string | null | undefined;
  path?: KpiPath | undefined;
} & PeriodBoundaries): Promise<PeriodCounts[]> {
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

  // Which period a purchase falls in (0: only in a window before t_0) and which boundaries' windows hold it.
  const perCase = `case ${periods.map((i) => `when p."at" >= ${T(i - 1)} and p."at" < ${T(i)} then ${i}`).join(" ")} else 0 end`;
  const mask = range.map((j) => `(case when p."at" >= ${W(j)} and p."at" < ${T(j)} then ${2 ** j} else 0 end)`).join(" | ");
  const active = (j: number) => `((c.mask & ${2 ** j}) <> 0 and (c."churnedAt" is null or c."churnedAt" > ${T(j)}))`;
  const perCustomer = periods.flatMap((i) => [`count(*) filter (where per = ${i}) as n${i}`, `sum(amount) filter (where per = ${i}) as r${i}`]);
  const outPurchases = periods.flatMap((i) => [
    `count(*) filter (where ${active(i - 1)})::int as "activeAtStart${i}"`,
    `count(*) filter (where ${active(i)})::int as "activeAtEnd${i}"`,
    `count(*) filter (where ${active(i - 1)} and ${active(i)})::int as "retained${i}"`,
    `count(*) filter (where c."acquiredAt" < ${T(i - 1)} and not ${active(i - 1)} and ${active(i)})::int as "reactivated${i}"`,
    `count(*) filter (where c.n${i} > 0)::int as "purchasing${i}"`,
    `count(*) filter (where c.n${i} > 0 and c."firstPurchaseAt" < ${T(i - 1)})::int as "repeat${i}"`,
    `coalesce(sum(c.n${i}), 0)::int as "purchases${i}"`,
    `coalesce(sum(c.r${i}), 0)::text as "revenue${i}"`,
  ]);
  // Per customer with any activity or purchase in range: `mask` bit j = "has a purchase in [windowStarts[j], t_j)",
  // n_i / r_i = purchases and revenue in period i. Two readings of the same rows: exact, or spells (docs/kpis.md).
  const path = opts.path ?? "auto";
  const useSpells = path !== "exact" && (await spellsUsable({ db: opts.db, teamId: opts.teamId, boundaries: t, windowStarts: tw, local: opts.local }));
  if (path === "spells" && !useSpells) throw new Error("queryPeriodCounts: activity spells are not built for this window and time zone");
  // Rows p(cid, amount, per, mask), aggregated per customer by the same SQL below in both readings.
  let rows: string;
  let purchaseParams = params;
  if (!useSpells) {
    rows = `select p."customerId" as cid, p."amount", ${perCase} as per, (${mask}) as mask
      from "Purchase" p
      where p."teamId" = $1 and p."at" >= ${lo} and p."at" < ${T(K)}`;
  } else {
    // Spell [startDay, endDay) holds day D <=> a purchase in [start of D − window, start of D) (spellsUsable checks
    // that the SQL day of those instants is D − window and D), so a spell row carries the same bits as the
    // purchases of the windows would. Purchases are read for the period sums only (mask 0).
    // Parameters: team, segment, t_0..t_K (as for the exact reading), then the boundary days.
    purchaseParams = [...params.slice(0, 3 + K), ...opts.local!.days];
    const D = (j: number) => `$${3 + K + 1 + j}::date`;
    const spellMask = range.map((j) => `(case when s."startDay" <= ${D(j)} and s."endDay" > ${D(j)} then ${2 ** j} else 0 end)`).join(" | ");
    rows = `select p."customerId" as cid, p."amount", ${perCase} as per, 0 as mask
      from "Purchase" p
      where p."teamId" = $1 and p."at" >= ${T(0)} and p."at" < ${T(K)}
      union all
      select s."customerId", null, 0, (${spellMask})
      from "KpiSpell" s
      where s."teamId" = $1 and s."endDay" > ${D(0)} and s."startDay" <= ${D(K)}`;
  }
  const purchaseSql = `
    with p as (
      ${rows}
    ), agg as (
      select cid, bit_or(mask) as mask, ${perCustomer.join(", ")} from p group by cid
    ), c as (
      select agg.*, k."acquiredAt", k."firstPurchaseAt", k."churnedAt"
      from agg join "KpiCustomer" k on k."customerId" = agg.cid
      where k."teamId" = $1 and ${seg}
    )
    select ${outPurchases.join(",\n      ")} from c`;

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
    from (select ${perCase.replaceAll('p."at"', 's."at"')} as per, s."kind", s."score", s."customerId" from "SurveyResponse" s
      where s."teamId" = $1 and s."at" >= ${T(0)} and s."at" < ${T(K)} and s."kind" in ('csat', 'nps')) s
    left join "KpiCustomer" k on k."customerId" = s."customerId"
    where $2::text is null or k."segment" = $2::text
    group by per, s."kind"`;

  const [purchaseRows, customerRows, surveyRows] = await Promise.all([
    kpiQuery<Record<string, unknown>>(opts.db, purchaseSql, purchaseParams),
    kpiQuery<Record<string, unknown>>(opts.db, customerSql, params.slice(0, 3 + K)),
    kpiQuery<{ per: number; kind: string; n: number; satisfied: number; promoters: number; detractors: number }>(opts.db, surveySql, params.slice(0, 3 + K)),
  ]);
  const pr = purchaseRows[0]!;
  const cr = customerRows[0]!;
  const num = (v: unknown) => Number(v ?? 0);
  // Money is summed in whole cents so subtractions stay exact.
  const toCents = (v: unknown) => Math.round(Number(v ?? 0) * 100);

  // Revenue before t_K = all revenue − revenue from t_K on; before t_{i-1} = before t_i − revenue of period i.
  const out: PeriodCounts[] = [];
  let revenueBeforeCents = toCents(cr.totalRevenue) - toCents(cr.revenueAfter);
  for (let i = K; i >= 1; i--) {
    const survey = (kind: string) => surveyRows.find((r) => Number(r.per) === i && r.kind === kind);
    const cs = survey("csat");
    const np = survey("nps");
    const revenueCents = toCents(pr[`revenue${i}`]);
    out[i - 1] = {
      activeAtStart: num(pr[`activeAtStart${i}`]),
      activeAtEnd: num(pr[`activeAtEnd${i}`]),
      retained: num(pr[`retained${i}`]),
      newCustomers: num(cr[`new${i}`]),
      reactivatedCustomers: num(pr[`reactivated${i}`]),
      purchasingCustomers: num(pr[`purchasing${i}`]),
      repeatCustomers: num(pr[`repeat${i}`]),
      purchases: num(pr[`purchases${i}`]),
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

/**
 * Whether KpiSpell can answer the activity bits of these boundaries exactly: the team's spells are built for
 * this window and time zone, and for every boundary day X (each t_j and each window start) the SQL boundary
 * day (kpi_local_day, monotone in time) changes to X exactly at the instant the calendar module says X starts.
 * Then "kpi_local_day(at) in [D − window, D − 1]" is "at in [windowStart, boundary)" for every purchase.
 */
export async function spellsUsable(opts: { db: Db; teamId: string } & PeriodBoundaries): Promise<boolean> {
  const l = opts.local;
  if (!l || l.days.length !== opts.boundaries.length) return false;
  const days = [...l.days, ...l.days.map((d) => addDays(d, -l.window))];
  const instants = [...opts.boundaries, ...opts.windowStarts].map((d) => d.toISOString());
  const rows = await opts.db.$queryRawUnsafe<Array<{ ok: boolean | null }>>(
    `select (c."windowDays" = $2::int and c."timeZone" = $3::text and (
        select bool_and(kpi_local_day(u.s, $3::text) >= u.d and kpi_local_day(u.s - interval '1 millisecond', $3::text) < u.d)
        from unnest($4::date[], $5::timestamptz[]) as u(d, s))) as ok
     from "KpiSpellConfig" c where c."teamId" = $1`,
    opts.teamId, l.window, l.timeZone, days, instants,
  );
  return rows[0]?.ok === true;
}
