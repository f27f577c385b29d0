// Hand-written baselines for bench/kpi.ts (the leading underscore keeps bench/run.ts from running this file): single
// SQL statements over the raw tables only (Customer, Purchase; no rollup, no per-purchase KPI columns).

/**
 * KPIs of one period and the one before it for all customers or one segment ($8, null for all). Parameters: $1 team,
 * $2..$4 boundaries t0..t2, $5..$7 their window starts.
 */
export function baselineSql(): string {
  return `
  with b as (select $2::timestamptz t0, $3::timestamptz t1, $4::timestamptz t2, $5::timestamptz w0, $6::timestamptz w1, $7::timestamptz w2),
  cust as (
    select c.id, coalesce(c."signedUpAt", f.first_at) as acquired, f.first_at, c."churnedAt"
    from "Customer" c left join (select "customerId", min(at) first_at from "Purchase" where "teamId" = $1 group by 1) f on f."customerId" = c.id
    where c."teamId" = $1 and ($8::text is null or c."segment" = $8::text)
  ),
  win as (
    select p."customerId" cid,
      bool_or(p.at >= b.w0 and p.at < b.t0) a0, bool_or(p.at >= b.w1 and p.at < b.t1) a1, bool_or(p.at >= b.w2 and p.at < b.t2) a2,
      count(*) filter (where p.at >= b.t0 and p.at < b.t1) n1, sum(p.amount) filter (where p.at >= b.t0 and p.at < b.t1) r1,
      count(*) filter (where p.at >= b.t1) n2, sum(p.amount) filter (where p.at >= b.t1) r2
    from "Purchase" p, b where p."teamId" = $1 and p.at >= least(b.w0, b.t0) and p.at < b.t2 group by 1
  ),
  j as (
    select w.*, c.acquired, c.first_at,
      w.a0 and (c."churnedAt" is null or c."churnedAt" > b.t0) s0,
      w.a1 and (c."churnedAt" is null or c."churnedAt" > b.t1) s1,
      w.a2 and (c."churnedAt" is null or c."churnedAt" > b.t2) s2
    from win w join cust c on c.id = w.cid, b
  )
  select
    (select count(*) filter (where s1) from j) as active1, (select count(*) filter (where s2) from j) as active2,
    (select count(*) filter (where s1 and s2) from j) as retained, (select count(*) filter (where s0 and s1) from j) as retained_prev,
    (select count(*) filter (where acquired < b.t1 and not s1 and s2) from j) as reactivated,
    (select count(*) filter (where n2 > 0) from j) as purchasing, (select count(*) filter (where n2 > 0 and first_at < b.t1) from j) as repeat,
    (select sum(n2) from j) as purchases, (select sum(r2) from j) as revenue,
    (select count(*) filter (where n1 > 0) from j) as purchasing_prev, (select sum(r1) from j) as revenue_prev,
    (select count(*) filter (where acquired >= b.t1 and acquired < b.t2) from cust) as new_customers,
    (select count(*) filter (where acquired >= b.t0 and acquired < b.t1) from cust) as new_prev,
    (select count(*) filter (where acquired < b.t2) from cust) as acquired_before
  from b`;
}

/**
 * Active customers at each of K+1 boundaries, and per period the retained, purchasing customers and purchases: one
 * grouping of the purchases by customer. Parameters: $1 team, $2..$(K+2) boundaries, then their window starts.
 */
export function baselineTrendSql(K: number): string {
  const js = Array.from({ length: K + 1 }, (_, j) => j);
  const t = (j: number) => `$${2 + j}::timestamptz`;
  const w = (j: number) => `$${2 + K + 1 + j}::timestamptz`;
  return `
  with win as (
    select p."customerId" cid, ${js.map((j) => `bool_or(p.at >= ${w(j)} and p.at < ${t(j)}) a${j}`).join(", ")},
      ${js
        .slice(1)
        .map((i) => `count(*) filter (where p.at >= ${t(i - 1)} and p.at < ${t(i)}) n${i}`)
        .join(", ")}
    from "Purchase" p where p."teamId" = $1 and p.at >= least(${w(0)}, ${t(0)}) and p.at < ${t(K)} group by 1
  ),
  s as (
    select w.*, ${js.map((j) => `w.a${j} and (c."churnedAt" is null or c."churnedAt" > ${t(j)}) s${j}`).join(", ")}
    from win w join "Customer" c on c.id = w.cid
  )
  select ${js.map((j) => `count(*) filter (where s${j}) as active${j}`).join(", ")},
    ${js
      .slice(1)
      .map((i) => `count(*) filter (where s${i - 1} and s${i}) as retained${i}, count(*) filter (where n${i} > 0) as purchasing${i}, sum(n${i}) as purchases${i}`)
      .join(", ")}
  from s`;
}
