import { z } from "zod";
import { HttpError, type ApiRequest, type ApiResponse, type ApiRoute } from "../api.js";
import type { ApiDeps } from "./api-deps.js";
import { ingestCustomers } from "../../services/ingest/ingest-customers.js";
import { MAX_RECORDS_PER_REQUEST, type IngestOptions, type IngestResult } from "../../services/ingest/ingest-result.js";
import { ingestPurchases } from "../../services/ingest/ingest-purchases.js";
import { ingestSurveyResponses } from "../../services/ingest/ingest-survey-responses.js";

const ZIngestBody = z.object({ records: z.array(z.unknown()) });

type Ingest = (opts: IngestOptions) => Promise<IngestResult>;

/**
 * POST handler for one kind: `{ "records": [...] }` (1..10,000) in, `{ accepted, duplicates, errors }` out.
 * 400 when no record is valid, 413 when there are too many records, 503 with Retry-After when the records' customers
 * stayed locked by other writers through every retry (nothing written).
 */
function ingestHandler(deps: ApiDeps, ingest: Ingest, kind: "customers" | "purchases" | "survey-responses") {
  return async (req: ApiRequest): Promise<ApiResponse> => {
    const { records } = ZIngestBody.parse(req.body);
    if (records.length > MAX_RECORDS_PER_REQUEST) {
      throw new HttpError(413, `too many records: ${records.length}; send at most ${MAX_RECORDS_PER_REQUEST} per request`);
    }
    if (records.length === 0) throw new HttpError(400, "records is empty; send 1 to 10000 records");
    const result = await ingest({ db: deps.db, teamId: req.teamId, records, lockWaitMs: deps.config.INGEST_LOCK_WAIT_MS });
    deps.log.info({ teamId: req.teamId, received: records.length, accepted: result.accepted, duplicates: result.duplicates, invalid: result.errors.length }, "api ingest");
    if (result.accepted > 0) deps.alerts?.after(req.teamId, { kind: "ingest", records: kind, customers: result.customers ?? [] });
    const body = { accepted: result.accepted, duplicates: result.duplicates, errors: result.errors };
    if (result.errors.length === records.length) return { status: 400, body: { error: "no valid records", ...body } };
    return { status: 200, body };
  };
}

/** The ingestion API: one POST route per kind of record, all sharing the services the CSV import uses. */
export function ingestRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    { method: "POST", path: "/api/v1/customers", handler: ingestHandler(deps, ingestCustomers, "customers") },
    { method: "POST", path: "/api/v1/purchases", handler: ingestHandler(deps, ingestPurchases, "purchases") },
    { method: "POST", path: "/api/v1/survey-responses", handler: ingestHandler(deps, ingestSurveyResponses, "survey-responses") },
  ];
}
