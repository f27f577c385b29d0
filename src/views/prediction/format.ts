import type { Translate } from "../../i18n/index.js";
import type { StoredFit } from "../../services/prediction/stored-fit.js";

/** Number formatting in the user's language; amounts carry no currency symbol (purchases may mix currencies). */
export function formatters(t: Translate) {
  const locale = t("prediction.numberLocale");
  const money = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const signed = (f: Intl.NumberFormat) => (v: number) => (v > 0 ? "+" : v < 0 ? "−" : "±") + f.format(Math.abs(v));
  return {
    money: (v: number) => money.format(v),
    count: (v: number) => count.format(v),
    decimal: (v: number) => decimal.format(v),
    percent: (v: number) => percent.format(v),
    signedCount: signed(count),
    signedMoney: signed(money),
    param: (v: number | null | undefined) => (v === null || v === undefined ? "–" : v.toPrecision(4)),
  };
}

export function unitLabel(t: Translate, unitDays: number): string {
  return unitDays === 1 ? t("prediction.unit.day") : unitDays === 7 ? t("prediction.unit.week") : t("prediction.unit.days", { n: unitDays });
}

export function statusLabel(t: Translate, fit: StoredFit): string {
  return t(`prediction.status.${fit.status}`);
}

/** The warning line shown when a refit newer than the fit in use failed. */
export function failedSinceLine(t: Translate, failed: StoredFit | null, inUse: { asOf: string }): string | undefined {
  return failed ? t("prediction.failedSince", { date: failed.asOf, reason: statusLabel(t, failed), asOf: inUse.asOf }) : undefined;
}
