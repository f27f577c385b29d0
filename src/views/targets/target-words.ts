/**
 * KPI targets in words: a target's value, a KPI against its target (on or off track and by how much), and the
 * list `/kpi targets` and App Home show. Pure; the text is mrkdwn with user text (segments) escaped.
 */
import type { Locale } from "../../config.js";
import { TARGET_UNIT, type TargetKpi, type TargetStanding } from "../../domain/targets/target-kpis.js";
import type { Translate } from "../../i18n/index.js";
import { escapeMrkdwn } from "../blocks.js";
import { kpiFormatters } from "../kpi/kpi-report.js";

/** The KPI's name as `/kpi` labels it. */
export const targetKpiLabel = (t: Translate, kpi: TargetKpi) => t(`kpi.label.${kpi}`);

/** A target or KPI value as `/kpi` shows it: 85.0%, NPS +30, 120, 25,000.00. */
export function targetValueText(locale: Locale, kpi: TargetKpi, value: number): string {
  return kpiFormatters(locale).value(TARGET_UNIT[kpi], value);
}

/** The size of a gap: rates and NPS in points (2.5 pt), counts and money as amounts; never signed. */
export function gapText(t: Translate, locale: Locale, kpi: TargetKpi, gap: number): string {
  const unit = TARGET_UNIT[kpi];
  const abs = Math.abs(gap);
  if (unit === "rate" || unit === "nps") return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(abs * 100)} ${t("kpi.pt")}`;
  return kpiFormatters(locale).value(unit, abs);
}

/** One line per KPI with a target: value, target, on or off track and by how much (or no data). */
export function standingLines(t: Translate, locale: Locale, standings: readonly TargetStanding[]): string[] {
  return standings.map((s) => {
    const kpi = targetKpiLabel(t, s.kpi);
    const target = targetValueText(locale, s.kpi, s.target);
    if (s.status === "noData" || s.value === null || s.gap === null) return t("targets.standing.noData", { kpi, target });
    const value = targetValueText(locale, s.kpi, s.value);
    if (s.gap === 0) return t("targets.standing.onExact", { kpi, value, target });
    const gap = gapText(t, locale, s.kpi, s.gap);
    return t(s.status === "on" ? "targets.standing.on" : "targets.standing.off", { kpi, value, target, gap });
  });
}

/** The segment a target is for, as people read it ('' = all customers), escaped. */
export const targetSegmentText = (t: Translate, segment: string) => (segment === "" ? t("targets.allCustomers") : escapeMrkdwn(segment));

/** `/kpi targets` and the App Home admin section: targets grouped by segment (all customers first). */
export function targetsListLines(t: Translate, locale: Locale, rows: ReadonlyArray<{ kpi: TargetKpi; segment: string; value: number }>): string[] {
  if (rows.length === 0) return [t("targets.list.empty")];
  const lines: string[] = [];
  let segment: string | undefined;
  for (const r of rows) {
    if (r.segment !== segment) {
      segment = r.segment;
      lines.push(t("targets.list.segment", { segment: targetSegmentText(t, r.segment) }));
    }
    lines.push(t("targets.list.line", { kpi: targetKpiLabel(t, r.kpi), value: targetValueText(locale, r.kpi, r.value) }));
  }
  return lines;
}
