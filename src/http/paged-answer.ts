import { stringify } from "csv-stringify/sync";
import type { ApiResponse } from "./api.js";

/**
 * One page of a list route: `{ items, next }` as JSON, or CSV when the client accepts `text/csv` (a header row of
 * `columns`, one row per item from `csvRow`, the next cursor in the x-next-cursor header).
 */
export function pagedAnswer<T, C extends string>(
  page: { items: readonly T[]; next: string | null },
  accept: string | undefined,
  answer: { columns: readonly C[]; csvRow: (item: T) => string[]; asItem: (item: T) => unknown },
): ApiResponse {
  if (/\btext\/csv\b/i.test(accept ?? "")) {
    const rows = page.items.map(answer.csvRow);
    const headers: Record<string, string> = page.next ? { "x-next-cursor": page.next } : {};
    return {
      status: 200,
      contentType: "text/csv; charset=utf-8",
      headers,
      stream: (async function* () {
        yield stringify([[...answer.columns], ...rows]);
      })(),
    };
  }
  return { status: 200, body: { items: page.items.map(answer.asItem), next: page.next } };
}
