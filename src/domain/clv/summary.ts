import { ClvError } from "./errors.js";

const MS_PER_DAY = 86_400_000;
// Epoch days beyond this (year ~29,000) are almost certainly millisecond timestamps passed by mistake.
const MAX_EPOCH_DAY = 10_000_000;

/** One purchase row. `at` is a Date or a UTC epoch day (days since 1970-01-01, an integer). */
export interface Purchase {
  readonly customerId: string;
  readonly at: Date | number;
  readonly amount: number;
}

export interface SummaryOptions {
  /** Calibration end, inclusive (its whole UTC day counts). Later purchases are ignored. */
  readonly asOf: Date | number;
  /** Length of the model's time unit in days; 7 (weeks) unless told otherwise. */
  readonly unitDays?: number;
}

/**
 * Per-customer RFM summary in columns (index i is one customer), the input of the BG/NBD and
 * Gamma-Gamma fits. Columns are typed arrays so 100,000 customers cost a few flat buffers.
 */
export interface CustomerSummaries {
  readonly size: number;
  readonly customerIds: readonly string[];
  /** x: distinct purchase days after the first. */
  readonly frequency: Float64Array;
  /** t_x: (last purchase day − first purchase day) / unitDays. */
  readonly recency: Float64Array;
  /** T: (asOf day − first purchase day) / unitDays. */
  readonly age: Float64Array;
  /** Mean over repeat purchase days of the day's total spend; NaN when x = 0. */
  readonly averageRepeatSpend: Float64Array;
  readonly firstPurchaseDay: Int32Array;
  readonly asOfDay: number;
  readonly unitDays: number;
}

/** UTC epoch day of a Date, or validates and returns an epoch-day number. Throws INVALID_INPUT. */
export function toEpochDay(at: Date | number): number {
  if (typeof at === "number") {
    if (!Number.isInteger(at) || Math.abs(at) > MAX_EPOCH_DAY) {
      throw new ClvError("INVALID_INPUT", `expected an integer epoch day, got ${at}`, { at });
    }
    return at;
  }
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new ClvError("INVALID_INPUT", "invalid Date");
  return Math.floor(ms / MS_PER_DAY);
}

/** UTC epoch day of a calendar date (month 1-12); for parsing YYYYMMDD without a Date per row. */
export function epochDayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/**
 * Accumulates purchases one at a time (a CSV stream, a DB cursor) into flat typed buffers, then
 * builds the summaries. Use it when rows arrive incrementally; `buildCustomerSummaries` wraps it.
 */
export class SummaryBuilder {
  private readonly asOfDay: number;
  private readonly unitDays: number;
  private readonly indexById = new Map<string, number>();
  private readonly ids: string[] = [];
  private customerOfRow = new Int32Array(1024);
  private dayOfRow = new Int32Array(1024);
  private amountOfRow = new Float64Array(1024);
  private rows = 0;

  /** Throws INVALID_INPUT for a non-positive unit or a bad asOf. */
  constructor(options: SummaryOptions) {
    this.asOfDay = toEpochDay(options.asOf);
    this.unitDays = options.unitDays ?? 7;
    if (!(this.unitDays > 0) || !Number.isFinite(this.unitDays)) {
      throw new ClvError("INVALID_INPUT", `unitDays must be a positive number, got ${this.unitDays}`);
    }
  }

  /** Adds one purchase; rows after asOf are dropped here. Throws INVALID_INPUT on bad day/amount. */
  add(customerId: string, at: Date | number, amount: number): void {
    const day = toEpochDay(at);
    if (day > this.asOfDay) return;
    if (!Number.isFinite(amount)) {
      throw new ClvError("INVALID_INPUT", `purchase amount must be finite (customer ${customerId})`, { amount });
    }
    let customer = this.indexById.get(customerId);
    if (customer === undefined) {
      customer = this.ids.length;
      this.indexById.set(customerId, customer);
      this.ids.push(customerId);
    }
    if (this.rows === this.dayOfRow.length) this.grow();
    this.customerOfRow[this.rows] = customer;
    this.dayOfRow[this.rows] = day;
    this.amountOfRow[this.rows] = amount;
    this.rows += 1;
  }

  /** Groups rows by customer (counting sort, O(rows)) and computes x, t_x, T and mean repeat spend. */
  build(): CustomerSummaries {
    const customers = this.ids.length;
    const rows = this.rows;
    // Offsets of each customer's slice in the grouped buffers.
    const start = new Int32Array(customers + 1);
    for (let i = 0; i < rows; i += 1) {
      const c = (this.customerOfRow[i] as number) + 1;
      start[c] = (start[c] as number) + 1;
    }
    for (let c = 0; c < customers; c += 1) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
    const fill = start.slice(0, customers);
    const days = new Int32Array(rows);
    const amounts = new Float64Array(rows);
    for (let i = 0; i < rows; i += 1) {
      const c = this.customerOfRow[i] as number;
      const slot = fill[c] as number;
      fill[c] = slot + 1;
      days[slot] = this.dayOfRow[i] as number;
      amounts[slot] = this.amountOfRow[i] as number;
    }

    const frequency = new Float64Array(customers);
    const recency = new Float64Array(customers);
    const age = new Float64Array(customers);
    const averageRepeatSpend = new Float64Array(customers);
    const firstPurchaseDay = new Int32Array(customers);
    for (let c = 0; c < customers; c += 1) {
      const from = start[c] as number;
      const to = start[c + 1] as number;
      let first = days[from] as number;
      let last = first;
      for (let i = from + 1; i < to; i += 1) {
        const d = days[i] as number;
        if (d < first) first = d;
        if (d > last) last = d;
      }
      // The spend of the first day never enters the mean; every other row belongs to a repeat day.
      let repeatSpend = 0;
      for (let i = from; i < to; i += 1) if (days[i] !== first) repeatSpend += amounts[i] as number;
      const x = countDistinctAfterSort(days, from, to) - 1;
      frequency[c] = x;
      recency[c] = (last - first) / this.unitDays;
      age[c] = (this.asOfDay - first) / this.unitDays;
      averageRepeatSpend[c] = x > 0 ? repeatSpend / x : Number.NaN;
      firstPurchaseDay[c] = first;
    }
    return {
      size: customers,
      customerIds: this.ids.slice(),
      frequency,
      recency,
      age,
      averageRepeatSpend,
      firstPurchaseDay,
      asOfDay: this.asOfDay,
      unitDays: this.unitDays,
    };
  }

  private grow(): void {
    const capacity = this.dayOfRow.length * 2;
    const customers = new Int32Array(capacity);
    customers.set(this.customerOfRow);
    this.customerOfRow = customers;
    const days = new Int32Array(capacity);
    days.set(this.dayOfRow);
    this.dayOfRow = days;
    const amounts = new Float64Array(capacity);
    amounts.set(this.amountOfRow);
    this.amountOfRow = amounts;
  }
}

/** Sorts days[from, to) in place and counts distinct values. Most customers have a handful of rows. */
function countDistinctAfterSort(days: Int32Array, from: number, to: number): number {
  if (to - from > 32) {
    days.subarray(from, to).sort();
  } else {
    for (let i = from + 1; i < to; i += 1) {
      const d = days[i] as number;
      let j = i - 1;
      while (j >= from && (days[j] as number) > d) {
        days[j + 1] = days[j] as number;
        j -= 1;
      }
      days[j + 1] = d;
    }
  }
  let distinct = 1;
  for (let i = from + 1; i < to; i += 1) if (days[i] !== days[i - 1]) distinct += 1;
  return distinct;
}

/**
 * Builds per-customer summaries from raw purchases (any order). Use for a one-shot array or a
 * generator; use `SummaryBuilder` directly to feed rows from a stream.
 * Customers whose first purchase is after `asOf` do not appear. Throws ClvError INVALID_INPUT.
 */
export function buildCustomerSummaries(purchases: Iterable<Purchase>, options: SummaryOptions): CustomerSummaries {
  const builder = new SummaryBuilder(options);
  for (const p of purchases) builder.add(p.customerId, p.at, p.amount);
  return builder.build();
}
