/**
 * The KPIs a target can be set for (issue #17), how their values are typed and which way is better. Pure.
 * Values are stored as the KPI itself is computed: rates as fractions (0.85), NPS as −1..1, counts and money as is.
 */
import type { KpiPeriod } from "../kpi/report.js";

export const TARGET_KPIS = ["retentionRate", "churnRate", "repeatPurchaseRate", "csat", "nps", "newCustomers", "revenue"] as const;
export type TargetKpi = (typeof TARGET_KPIS)[number];

/** How a target's value is typed and shown: rates in %, NPS in points −100..100, counts whole, money with cents. */
export type TargetUnit = "rate" | "nps" | "count" | "money";

export const TARGET_UNIT: Record<TargetKpi, TargetUnit> = {
  retentionRate: "rate",
  churnRate: "rate",
  repeatPurchaseRate: "rate",
  csat: "rate",
  nps: "nps",
  newCustomers: "count",
  revenue: "money",
};

/** Churn is the one KPI where lower is better. */
export const lowerIsBetter = (kpi: TargetKpi) => kpi === "churnRate";

/** The words people type for each KPI (lower case, spaces as hyphens); the catalogs' labels are matched as well. */
const ALIASES: Record<TargetKpi, readonly string[]> = {
  retentionRate: ["retention", "retention-rate"],
  churnRate: ["churn", "churn-rate"],
  repeatPurchaseRate: ["repeat", "repeat-purchase", "repeat-purchase-rate", "repeat-rate", "repeat-purchases"],
  csat: ["csat"],
  nps: ["nps"],
  newCustomers: ["new", "new-customers", "acquisition"],
  revenue: ["revenue", "sales"],
};

const normalize = (s: string) =>
  s
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");

/**
 * The KPI named by `name` (e.g. "retention", "repeat purchase rate", "CSAT", or a label in either language passed
 * in `labels`); undefined when none matches.
 */
export function findTargetKpi(name: string, labels: ReadonlyArray<{ kpi: TargetKpi; label: string }> = []): TargetKpi | undefined {
  const word = normalize(name);
  if (word === "") return undefined;
  const byAlias = TARGET_KPIS.find((k) => ALIASES[k].includes(word) || normalize(k) === word);
  return byAlias ?? labels.find((l) => normalize(l.label) === word)?.kpi;
}

/** Whether a word is shaped like a target value (a number, maybe signed, with % or thousands separators). */
export const looksLikeTargetValue = (word: string) => /^[+-−]?[\d,.]+%?$/.test(word.normalize("NFKC")) && /\d/.test(word);

/**
 * A typed target value as stored, or undefined when it is not a value for this KPI: rates `85%` or `85` (0..100),
 * NPS −100..100 (`-10`), new customers a whole number ≥ 0 (`1,200`), revenue an amount ≥ 0 (`25000.50`).
 */
export function parseTargetValue(kpi: TargetKpi, word: string): number | undefined {
  const text = word.normalize("NFKC").replace(/−/g, "-");
  const m = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(%?)$/.exec(text);
  if (!m) return undefined;
  const n = Number(`${m[1]}${m[2]!.replace(/,/g, "")}`);
  if (!Number.isFinite(n)) return undefined;
  const unit = TARGET_UNIT[kpi];
  const percent = m[3] === "%";
  if (unit === "rate") return n >= 0 && n <= 100 ? n / 100 : undefined;
  if (percent) return undefined;
  if (unit === "nps") return n >= -100 && n <= 100 ? n / 100 : undefined;
  if (unit === "count") return Number.isInteger(n) && n >= 0 ? n : undefined;
  return n >= 0 ? Math.round(n * 100) / 100 : undefined;
}

/** What `/kpi target ...` asked for. */
export type TargetCommand =
  | { kind: "set"; kpi: TargetKpi; value: number; segment: string }
  | { kind: "off"; kpi: TargetKpi; segment: string }
  | { kind: "unknownKpi"; name: string }
  | { kind: "badValue"; kpi: TargetKpi; value: string }
  | { kind: "usage" };

/**
 * Reads the words after `/kpi target`: `<kpi> <value> [segment]` or `<kpi> off [segment]`. The KPI may be several
 * words ("repeat purchase rate"): everything before the first value-shaped word or "off"; the segment is the rest.
 */
export function parseTargetCommand(words: readonly string[], labels: ReadonlyArray<{ kpi: TargetKpi; label: string }> = []): TargetCommand {
  const at = words.findIndex((w, i) => i > 0 && (looksLikeTargetValue(w) || w.toLowerCase() === "off"));
  if (at < 0) return words.length > 0 && !findTargetKpi(words.join(" "), labels) ? { kind: "unknownKpi", name: words.join(" ") } : { kind: "usage" };
  const name = words.slice(0, at).join(" ");
  const kpi = findTargetKpi(name, labels);
  if (!kpi) return { kind: "unknownKpi", name };
  const segment = words
    .slice(at + 1)
    .join(" ")
    .trim();
  const word = words[at]!;
  if (word.toLowerCase() === "off") return { kind: "off", kpi, segment };
  const value = parseTargetValue(kpi, word);
  return value === undefined ? { kind: "badValue", kpi, value: word } : { kind: "set", kpi, value, segment };
}

/** A KPI against its target: on or off track, and by how much (positive `gap` = better than the target). */
export interface TargetStanding {
  kpi: TargetKpi;
  target: number;
  /** The KPI's value in the period; null when it has none (no data). */
  value: number | null;
  /** on: meets or beats the target; off: misses it; noData: the KPI has no value in the period. */
  status: "on" | "off" | "noData";
  /** How far the value is on the good side of the target (negative: short of it), in the KPI's own scale. */
  gap: number | null;
}

/** Compares one KPI of a period with its target. A value equal to the target is on track. */
export function standingAgainst(kpi: TargetKpi, value: number | null, target: number): TargetStanding {
  if (value === null) return { kpi, target, value, status: "noData", gap: null };
  // Rounded to a billionth so 0.85 computed as 17/20 equals a 0.85 target.
  const gap = Math.round((lowerIsBetter(kpi) ? target - value : value - target) * 1e9) / 1e9;
  return { kpi, target, value, status: gap >= 0 ? "on" : "off", gap };
}

/** Every target of one segment against a period's KPIs, in TARGET_KPIS order. */
export function standingsOf(period: Pick<KpiPeriod, TargetKpi>, targets: ReadonlyArray<{ kpi: string; value: number }>): TargetStanding[] {
  return TARGET_KPIS.flatMap((kpi) => {
    const target = targets.find((x) => x.kpi === kpi);
    return target ? [standingAgainst(kpi, period[kpi], target.value)] : [];
  });
}

/** The targets the retention/churn trend chart draws as lines. */
export function trendTargetsOf(targets: ReadonlyArray<{ kpi: string; value: number }>): { retentionRate?: number; churnRate?: number } {
  const of = (kpi: TargetKpi) => targets.find((x) => x.kpi === kpi)?.value;
  const retentionRate = of("retentionRate");
  const churnRate = of("churnRate");
  return { ...(retentionRate === undefined ? {} : { retentionRate }), ...(churnRate === undefined ? {} : { churnRate }) };
}
