import type { KnownBlock } from "@slack/types";
import type { Locale } from "../../config.js";
import type { LoopMetric } from "../../domain/work/loop-metrics.js";
import type { Translate } from "../../i18n/index.js";
import { escapeMrkdwn, section } from "../blocks.js";

/** One line per team: loop-closure rate (closed of all), median days to close, share of customers told. Pure. */
export function loopMetricLines(t: Translate, locale: Locale, metrics: readonly LoopMetric[]): string[] {
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const days = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const label = t as unknown as (k: string) => string;
  return metrics.map((m) =>
    t("work.loop.line", {
      team: escapeMrkdwn(["product", "support", "sales", "marketing"].includes(m.team) ? label(`team.${m.team}`) : m.team),
      rate: percent.format(m.rate),
      closed: m.closed,
      total: m.total,
      median: m.medianDaysToDone === null ? t("work.loop.none") : t("work.loop.days", { days: days.format(m.medianDaysToDone) }),
      told: m.toldRate === null ? t("work.loop.none") : percent.format(m.toldRate),
    }),
  );
}

/** The loop-closure figures as one section under `title` (App Home and the digest). */
export function loopMetricsBlocks(t: Translate, locale: Locale, v: { title: string; metrics: readonly LoopMetric[] }): KnownBlock[] {
  const lines = loopMetricLines(t, locale, v.metrics);
  return [section([`*${v.title}*`, ...(lines.length ? lines : [t("work.loop.empty")])].join("\n"))];
}
