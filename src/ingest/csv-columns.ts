import type { IngestKind } from "../services/ingest/ingesters.js";

/** One documented CSV column: its header name, the record field it fills, whether it must be there. */
export interface CsvColumn {
  header: string;
  field: string;
  required: boolean;
}

const col = (header: string, field: string, required = false): CsvColumn => ({ header, field, required });

/** The documented header names per kind (docs/import.md, "Columns"); `--map header=fileHeader` renames them. */
export const CSV_COLUMNS: Record<IngestKind, CsvColumn[]> = {
  customers: [col("customer_id", "id", true), col("name", "name"), col("segment", "segment"), col("signed_up_at", "signedUpAt"), col("churned_at", "churnedAt")],
  purchases: [col("purchase_id", "id"), col("customer_id", "customerId", true), col("purchased_at", "at", true), col("amount", "amount", true), col("currency", "currency")],
  "survey-responses": [
    col("response_id", "id"),
    col("customer_id", "customerId"),
    col("kind", "kind", true),
    col("score", "score", true),
    col("responded_at", "at", true),
    col("comment", "comment"),
  ],
};

/** Header-less file layouts we know by name. Positions name a documented column, or null to skip it. */
export const CSV_PRESETS = {
  /** CDNOW sample (Fader, Hardie & Lee): `customer_id sample_id YYYYMMDD cds amount`, whitespace separated. */
  cdnow: { kind: "purchases" as IngestKind, whitespace: true, positions: ["customer_id", null, "purchased_at", null, "amount"] },
} as const;
export type CsvPreset = keyof typeof CSV_PRESETS;

export class CsvLayoutError extends Error {}

/** Where each record field comes from in a file row: column position and the header shown in errors. */
export interface RowLayout {
  sources: { field: string; index: number; header: string }[];
  width: number;
  ignoredHeaders: string[];
}

/**
 * Matches a header row to the documented columns (case-insensitive, `--map` first).
 * Throws CsvLayoutError naming missing columns or unknown `--map` names before anything is written.
 */
export function layoutFromHeader(kind: IngestKind, headerRow: readonly string[], map: Record<string, string> = {}): RowLayout {
  const columns = CSV_COLUMNS[kind];
  for (const canonical of Object.keys(map)) {
    if (!columns.some((c) => c.header === canonical)) {
      throw new CsvLayoutError(`--map ${canonical}=...: ${kind} have no column "${canonical}" (columns: ${columns.map((c) => c.header).join(", ")})`);
    }
  }
  const normalised = headerRow.map((h) => h.trim().toLowerCase());
  const sources: RowLayout["sources"] = [];
  const used = new Set<number>();
  const missing: string[] = [];
  for (const c of columns) {
    const wanted = (map[c.header] ?? c.header).trim().toLowerCase();
    const index = normalised.indexOf(wanted);
    if (index < 0) {
      if (map[c.header] !== undefined) throw new CsvLayoutError(`--map ${c.header}=${map[c.header]}: the file has no column "${map[c.header]}"`);
      if (c.required) missing.push(c.header);
      continue;
    }
    used.add(index);
    sources.push({ field: c.field, index, header: headerRow[index]!.trim() });
  }
  if (missing.length) {
    throw new CsvLayoutError(`missing column(s) ${missing.join(", ")}; the file has ${headerRow.map((h) => h.trim()).join(", ")} (rename with --map ${missing[0]}=<your header>)`);
  }
  return { sources, width: headerRow.length, ignoredHeaders: headerRow.filter((_, i) => !used.has(i)).map((h) => h.trim()) };
}

/** The layout of a header-less preset file. */
export function layoutFromPreset(kind: IngestKind, preset: CsvPreset): RowLayout {
  const p = CSV_PRESETS[preset];
  if (p.kind !== kind) throw new CsvLayoutError(`--format ${preset} is a ${p.kind} file, not ${kind}`);
  const byHeader = new Map(CSV_COLUMNS[kind].map((c) => [c.header, c.field]));
  const sources = p.positions.flatMap((h, index) => (h ? [{ field: byHeader.get(h)!, index, header: h }] : []));
  return { sources, width: p.positions.length, ignoredHeaders: [] };
}

const NULL_CELL = /^null$/i;

/**
 * Turns one file row into a record for the shared validation: an empty cell is "not given",
 * a cell saying `null` is an explicit null (clears a customer's field), anything else is the text.
 */
export function recordFromRow(layout: RowLayout, row: readonly string[]): Record<string, string | null> {
  const record: Record<string, string | null> = {};
  for (const s of layout.sources) {
    const cell = row[s.index];
    if (cell === undefined) continue;
    const v = cell.trim();
    if (v === "") continue;
    record[s.field] = NULL_CELL.test(v) ? null : v;
  }
  return record;
}
