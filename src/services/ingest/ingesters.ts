import { customerIngester } from "./ingest-customers.js";
import type { Ingester } from "./ingest-result.js";
import { purchaseIngester } from "./ingest-purchases.js";
import { surveyResponseIngester } from "./ingest-survey-responses.js";

/** The kinds of records we take in, as named on the command line and in the API paths. */
export const INGEST_KINDS = ["customers", "purchases", "survey-responses"] as const;
export type IngestKind = (typeof INGEST_KINDS)[number];

export const ingesters: Record<IngestKind, Ingester<unknown>> = {
  customers: customerIngester as Ingester<unknown>,
  purchases: purchaseIngester as Ingester<unknown>,
  "survey-responses": surveyResponseIngester as Ingester<unknown>,
};
