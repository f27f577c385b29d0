export const PERIODS = ["week", "month", "quarter"] as const;
export type Period = (typeof PERIODS)[number];

const DAYS: Record<Period, number> = { week: 7, month: 30, quarter: 90 };

/** `week`/`month`/`quarter` (also Japanese 週/月/四半期); empty means a month. Undefined when unknown. */
export function parsePeriod(word: string | undefined): Period | undefined {
  const w = (word ?? "").trim().toLowerCase();
  if (w === "") return "month";
  if (w === "week" || w === "週" || w === "今週") return "week";
  if (w === "month" || w === "月" || w === "今月") return "month";
  if (w === "quarter" || w === "四半期") return "quarter";
  return undefined;
}

/**
 * Start of a rolling period ending at `now`: the last 7, 30 or 90 days. Rolling rather than calendar
 * periods, so Monday morning's leaderboard is not empty.
 */
export function periodStart(period: Period, now: Date): Date {
  return new Date(now.getTime() - DAYS[period] * 24 * 60 * 60 * 1000);
}
