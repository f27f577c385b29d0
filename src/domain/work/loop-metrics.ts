/**
 * How one team closes the loop on the voices logged in a period (services/work/compute-loop-metrics.ts computes it;
 * the digest and App Home show it).
 */
export interface LoopMetric {
  /** The team the voices were routed for (product, support, ...). */
  team: string;
  /** Voices logged in the period. */
  total: number;
  /** Of them, done or won't do by the time asked. */
  closed: number;
  /** Of them, done. */
  done: number;
  /** Loop-closure rate: closed / total. */
  rate: number;
  /** Median days from logging to done, over the done ones; null when none is done. */
  medianDaysToDone: number | null;
  /** Done voices whose DM's "I told the customer" was pressed. */
  told: number;
  /** told / done; null when none is done. */
  toldRate: number | null;
}
