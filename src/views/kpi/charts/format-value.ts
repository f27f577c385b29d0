/**
 * Locale-aware number formatting for charts and tables. All user-visible numbers go through here so
 * Block Kit text, fallback text and PNG labels agree.
 */

/** Locales the app ships catalogs for. */
export type ChartLocale = "en" | "ja";

/** How values are shown: `percent` takes fractions (0.125 is 12.5%). */
export type ValueFormat = "percent" | "number" | "currency";

/** What to format and how. */
export interface FormatSpec {
  valueFormat: ValueFormat;
  locale: ChartLocale;
  /** ISO 4217 code for `currency`; defaults to the locale's usual one (en: USD, ja: JPY). */
  currency?: string;
}

const DEFAULT_CURRENCY: Record<ChartLocale, string> = { en: "USD", ja: "JPY" };

/** The currency a spec resolves to. */
export function currencyOf(spec: FormatSpec): string {
  return spec.currency ?? DEFAULT_CURRENCY[spec.locale];
}

function numberFormatOptions(spec: FormatSpec, signed: boolean): Intl.NumberFormatOptions {
  const sign: Intl.NumberFormatOptions = signed ? { signDisplay: "exceptZero" } : {};
  if (spec.valueFormat === "percent") return { style: "percent", maximumFractionDigits: 1, ...sign };
  if (spec.valueFormat === "currency") return { style: "currency", currency: currencyOf(spec), ...sign };
  return { maximumFractionDigits: 2, ...sign };
}

/** Formatter for values, e.g. en percent 0.125 -> "12.5%", ja currency 1200 -> "￥1,200". */
export function valueFormatter(spec: FormatSpec): (value: number) => string {
  const format = new Intl.NumberFormat(spec.locale, numberFormatOptions(spec, false));
  return (value) => format.format(value);
}

/**
 * Formatter for a change between two values. Percent changes are percentage points (0.82 -> 0.85 is
 * "+3"), because a relative change of a rate misleads; the caller appends its translated unit.
 * Number and currency changes are signed absolute values.
 */
export function changeFormatter(spec: FormatSpec): (delta: number) => string {
  if (spec.valueFormat === "percent") {
    const points = new Intl.NumberFormat(spec.locale, { maximumFractionDigits: 1, signDisplay: "exceptZero" });
    return (delta) => points.format(delta * 100);
  }
  const format = new Intl.NumberFormat(spec.locale, numberFormatOptions(spec, true));
  return (delta) => format.format(delta);
}

/** Formatter for a relative change, e.g. "+5.2%"; used beside absolute number/currency changes. */
export function relativeChangeFormatter(locale: ChartLocale): (ratio: number) => string {
  const format = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" });
  return (ratio) => format.format(ratio);
}

/** Formatter for plain counts such as cohort sizes. */
export function countFormatter(locale: ChartLocale): (value: number) => string {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return (value) => format.format(value);
}
