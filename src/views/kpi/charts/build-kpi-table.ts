/**
 * KPIs with their change as a three-column table. Values and changes arrive formatted by the caller
 * (each KPI has its own unit), so this builder only lays them out.
 */
import { EMPTY_CELL, buildTable, type TableResult } from "./build-table.js";

/** One KPI row, e.g. { label: 'Retention', value: '82.5%', change: '+1.2pt' }. */
export interface KpiRow {
  label: string;
  value: string;
  /** Null when there is no earlier period to compare with. */
  change: string | null;
}

/** Translated column headers. */
export interface KpiTableLabels {
  metric: string;
  value: string;
  change: string;
}

/** Input of `buildKpiTable`. */
export interface KpiTableInput {
  kpis: KpiRow[];
  labels: KpiTableLabels;
  caption: string;
}

/** Build the KPI table; more than 99 KPIs are cut to the first 99 and reported in `truncated`. */
export function buildKpiTable(input: KpiTableInput): TableResult {
  return buildTable({
    columns: [
      { header: input.labels.metric, align: "left" },
      { header: input.labels.value, align: "right" },
      { header: input.labels.change, align: "right" },
    ],
    rows: input.kpis.map((k) => [k.label, k.value, k.change ?? EMPTY_CELL]),
    caption: input.caption,
  });
}
