import { SummaryBuilder, type CustomerSummaries } from "../../domain/clv/index.js";
import type { TeamScope } from "../types.js";
import { epochDayOf } from "../../domain/time/calendar.js";

export interface LoadSummariesOptions extends TeamScope {
  /** Last calendar day of the calibration period (YYYY-MM-DD), inclusive, in `timeZone`. */
  asOf: string;
  /** Model time unit in days; 7 (weeks) by default. */
  unitDays?: number;
  /** IANA zone whose calendar days count (the workspace's); UTC by default. */
  timeZone?: string;
  /** Only this customer (Customer.id); everyone by default. */
  customerId?: bigint;
  /** Only these customers (Customer.id), read through the (customerId, at) index: a chunk of everyone, a few known. */
  customerIds?: readonly bigint[];
  /** Only the workspace's customers with these external ids (a batch's), found through the (teamId, externalId) index. */
  externalIds?: readonly string[];
}

/**
 * Everyone who bought on or before asOf, with the CLV core's summaries and what the bot shows next to them.
 * Index i of every column is one customer (the same i as in `summaries`).
 */
export interface CustomerPopulation {
  asOf: string;
  unitDays: number;
  timeZone: string;
  summaries: CustomerSummaries;
  customerIds: bigint[];
  externalIds: string[];
  names: (string | null)[];
  segments: (string | null)[];
  /** Total spend on or before asOf (first day included): the customer's past value. */
  revenue: Float64Array;
  /** Local epoch day of the last purchase on or before asOf. */
  lastPurchaseDay: Int32Array;
}

interface Row {
  id: bigint;
  externalId: string;
  name: string | null;
  segment: string | null;
  /** "day:spend day:spend ...", ordered by day: one text column parses far faster than two arrays. */
  days: string;
}

/** Local epoch day and spend of every purchase day, "day:spend" ordered by day, of one customer's rows `p`. */
const purchaseDays = `string_agg(d.day::text || ':' || d.spend::text, ' ' order by d.day)`;
const localDay = `((p."at" at time zone $3)::date - date '1970-01-01')`;
/** Purchases before the local midnight that ends asOf ($2) in the time zone $3. */
const byAsOf = `p."at" < ((($2::date + 1)::timestamp) at time zone $3)`;

/** Everyone: one scan of the workspace's purchases, bounded by the (teamId, at) index, grouped by customer and day. */
function readEveryone(opts: LoadSummariesOptions, timeZone: string): Promise<Row[]> {
  return opts.db.$queryRawUnsafe<Row[]>(
    `with d as (
       select p."customerId" as cid, ${localDay} as day, sum(p."amount") as spend
         from "Purchase" p
        where p."teamId" = $1 and ${byAsOf}
        group by 1, 2
     )
     select c."id" as id, c."externalId" as "externalId", c."name" as name, c."segment" as segment, ${purchaseDays} as days
       from d
       join "Customer" c on c."id" = d.cid and c."teamId" = $1
      group by c."id"
      order by c."id"`,
    opts.teamId,
    opts.asOf,
    timeZone,
  );
}

/**
 * Some customers (a chunk, a batch's): each one looked up in its index (by id, or by external id in the workspace),
 * then its purchases through the (customerId, at) index, in a lateral subquery per customer. With filters
 * "customerId = any($4)" / "externalId = any($4)" the server's planner scanned all of a million customers and their
 * purchases for 5,000 of them (2 s instead of 0.2 s; bench/alerts.ts); `limit 1` keeps the customer's subquery from
 * being folded back into such a join.
 */
function readSome(opts: LoadSummariesOptions, only: { ids: readonly bigint[] } | { externalIds: readonly string[] }, timeZone: string): Promise<Row[]> {
  const [key, type, values] = "ids" in only ? ["id", "bigint", only.ids.map(String)] : ["externalId", "text", [...only.externalIds]];
  return opts.db.$queryRawUnsafe<Row[]>(
    `select c."id" as id, c."externalId" as "externalId", c."name" as name, c."segment" as segment, x.days
       from (select distinct unnest($4::${type}[]) as k) b
       cross join lateral (select * from "Customer" c where c."teamId" = $1 and c."${key}" = b.k limit 1) c
       cross join lateral (
         select ${purchaseDays} as days
           from (select ${localDay} as day, sum(p."amount") as spend
                   from "Purchase" p
                  where p."customerId" = c."id" and p."teamId" = $1 and ${byAsOf}
                  group by 1) d
       ) x
      where x.days is not null
      order by c."id"`,
    opts.teamId,
    opts.asOf,
    timeZone,
    values,
  );
}

/**
 * Reads the purchases on or before `asOf` and builds per-customer summaries. One SQL statement: purchases
 * are grouped by customer and local calendar day in the database (same-day purchases count once, a day's
 * spend is its total), then by customer, so one row per customer crosses the wire. The conventions of
 * x, t_x and T stay in the CLV core (SummaryBuilder), which receives one row per purchase day.
 */
export async function loadCustomerSummaries(opts: LoadSummariesOptions): Promise<CustomerPopulation> {
  const { asOf } = opts;
  const unitDays = opts.unitDays ?? 7;
  const timeZone = opts.timeZone ?? "UTC";
  const ids = opts.customerIds ?? (opts.customerId !== undefined ? [opts.customerId] : undefined);
  const only = ids ? { ids } : opts.externalIds ? { externalIds: opts.externalIds } : undefined;
  const rows = only ? await readSome(opts, only, timeZone) : await readEveryone(opts, timeZone);

  const builder = new SummaryBuilder({ asOf: epochDayOf(asOf), unitDays });
  const n = rows.length;
  const revenue = new Float64Array(n);
  const lastPurchaseDay = new Int32Array(n);
  const customerIds: bigint[] = new Array(n);
  const externalIds: string[] = new Array(n);
  const names: (string | null)[] = new Array(n);
  const segments: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i += 1) {
    const row = rows[i] as Row;
    customerIds[i] = BigInt(row.id);
    externalIds[i] = row.externalId;
    names[i] = row.name;
    segments[i] = row.segment;
    // Key the builder by position so its customer order is ours; external ids stay in our column.
    const key = String(i);
    let total = 0;
    let last = 0;
    for (const pair of row.days.split(" ")) {
      const colon = pair.indexOf(":");
      const day = Number(pair.slice(0, colon));
      const spend = Number(pair.slice(colon + 1));
      builder.add(key, day, spend);
      total += spend;
      last = day;
    }
    revenue[i] = total;
    lastPurchaseDay[i] = last;
  }
  return { asOf, unitDays, timeZone, summaries: builder.build(), customerIds, externalIds, names, segments, revenue, lastPurchaseDay };
}
