/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab/CR) as a formula: such cells get a leading
 * apostrophe in CSV answers (OWASP's advice for CSV injection). JSON answers are never changed.
 */
export const defuseCsvCell = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

/** One value as a CSV cell: null empty, arrays as JSON, text defused. */
export const csvCell = (v: string | number | boolean | Date | null | readonly unknown[]): string =>
  v === null ? "" : Array.isArray(v) ? JSON.stringify(v) : v instanceof Date ? v.toISOString() : defuseCsvCell(String(v));
