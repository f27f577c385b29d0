import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { eraseCustomer } from "../../services/privacy/erase-customer.js";
import { EXPORT_KINDS, exportWorkspace, MAX_EXPORT_ROWS, type ExportPage } from "../../services/privacy/export-workspace.js";
import type { ApiRoute } from "../api.js";
import { csvCell } from "../csv-cell.js";
import type { ApiDeps } from "./api-deps.js";

const ZExportQuery = z.object({
  kind: z.enum(EXPORT_KINDS),
  after: z.string().min(1).max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_EXPORT_ROWS).optional(),
  format: z.enum(["json", "csv"]).optional(),
});

/** Bytes gathered before a piece is written: fewer, larger writes; memory stays bounded. */
const PIECE_BYTES = 64 * 1024;

async function* csvBody(page: ExportPage): AsyncGenerator<string> {
  let piece = stringify([page.columns]);
  for await (const row of page.rows) {
    piece += stringify([page.columns.map((c) => csvCell(row[c] ?? null))]);
    if (piece.length >= PIECE_BYTES) {
      yield piece;
      piece = "";
    }
  }
  if (piece) yield piece;
}

async function* jsonBody(page: ExportPage): AsyncGenerator<string> {
  let piece = `{"kind":${JSON.stringify(page.kind)},"next":${JSON.stringify(page.next)},"items":[`;
  let first = true;
  for await (const row of page.rows) {
    piece += (first ? "" : ",") + JSON.stringify(row);
    first = false;
    if (piece.length >= PIECE_BYTES) {
      yield piece;
      piece = "";
    }
  }
  yield `${piece}]}`;
}

/**
 * The data lifecycle API:
 *   DELETE /api/v1/customers/:externalId   erase one customer everywhere (privacy request); write scope
 *   GET    /api/v1/export?kind=voices|stories|votes|outreach|settings[&after=][&limit=]   JSON, or CSV with
 *          `Accept: text/csv` (or format=csv); at most MAX_EXPORT_ROWS rows per request, streamed; the next
 *          page's `after` is in the x-next-after header (and `next` in JSON); read scope
 */
export function privacyRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    {
      method: "DELETE",
      path: "/api/v1/customers/:externalId",
      scope: "write",
      handler: async ({ teamId, params }) => {
        const externalId = params.externalId ?? "";
        const erased = await eraseCustomer({ db: deps.db, teamId }, { externalId });
        // The customer id is customer data: the log says only that an erase happened and how much it removed.
        deps.log.info({ teamId, purchases: erased.purchases, surveyResponses: erased.surveyResponses, insights: erased.insights, stories: erased.stories }, "customer erased");
        return { status: 200, body: { erased: { customerId: externalId, ...erased } } };
      },
    },
    {
      method: "GET",
      path: "/api/v1/export",
      scope: "read",
      handler: async ({ teamId, query, accept }) => {
        const q = ZExportQuery.parse(Object.fromEntries(query));
        const csv = q.format === "csv" || (q.format === undefined && /\btext\/csv\b/i.test(accept ?? ""));
        const page = await exportWorkspace({ db: deps.db, teamId }, { kind: q.kind, after: q.after, limit: q.limit });
        const headers: Record<string, string> = page.next ? { "x-next-after": page.next } : {};
        if (csv) {
          headers["content-disposition"] = `attachment; filename="${q.kind}.csv"`;
          return { status: 200, contentType: "text/csv; charset=utf-8", headers, stream: csvBody(page) };
        }
        return { status: 200, contentType: "application/json; charset=utf-8", headers, stream: jsonBody(page) };
      },
    },
  ];
}
