/** Instants as people read them in a subscription's time zone: "Mon, Nov 30, 2026, 09:00". */
export function formatInstant(at: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", {
    timeZone,
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
}

/** A local "YYYY-MM-DD" day as "Nov 16" / "11月16日" for digest headers. */
export function formatDay(isoDay: string, locale: string): string {
  const [y, m, d] = isoDay.split("-").map(Number);
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { timeZone: "UTC", month: "short", day: "numeric" }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}
