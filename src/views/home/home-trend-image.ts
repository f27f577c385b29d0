import type { Locale } from "../../config.js";
import type { KpiPeriod } from "../../domain/kpi/report.js";
import type { Translate } from "../../i18n/index.js";
import { renderTrendPng } from "../kpi/png/render-trend-png.js";
import { kpiTrendSeries, kpiTrendTitle } from "../kpi/kpi-trend-blocks.js";
import { summaryLabels } from "../kpi/labels.js";

/** Pixel size of the Home trend image (Slack scales it to the Home tab's width). */
export const HOME_TREND_SIZE = { width: 800, height: 360 } as const;

/**
 * The retention/churn trend as a PNG for App Home (which cannot show the chart block), with alt text
 * stating each series' latest value, change, min and max. Null when no period has a retention rate.
 */
export async function renderHomeTrendPng(t: Translate, locale: Locale, trend: readonly KpiPeriod[]): Promise<{ png: Buffer; altText: string; title: string } | null> {
  const series = kpiTrendSeries(t, locale, trend);
  if (series.length === 0) return null;
  const title = kpiTrendTitle(t, trend);
  const { png, altText } = await renderTrendPng({ title, series, valueFormat: "percent", locale, labels: summaryLabels(t), kind: "line", ...HOME_TREND_SIZE });
  return { png, altText, title };
}
