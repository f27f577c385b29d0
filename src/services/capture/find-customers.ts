import type { Db } from "../../db/client.js";
import type { TeamScope } from "../types.js";

/** An imported customer as the picker and the name resolution show it. */
export interface CustomerMatch {
  id: bigint;
  externalId: string;
  name: string | null;
  segment: string | null;
  /** word_similarity of the typed text to the customer's name and id (1: contains it exactly). */
  score: number;
}

/** Past this the picker gives up and answers with what it has (Slack drops an options answer after 3 s). */
export const CUSTOMER_SEARCH_TIMEOUT_MS = 1500;
/** The lowest word_similarity the picker offers: low enough for a typo or two in a short name. */
export const CUSTOMER_SIMILARITY_THRESHOLD = 0.4;
/** Typed text beyond this is not searched (trigrams of a longer text match nothing better). */
export const CUSTOMER_QUERY_MAX = 100;

/** Escapes LIKE wildcards so a typed `%` or `_` is matched literally. */
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Imported customers of the workspace whose name or external id contains the typed text or resembles it
 * (trigram word similarity, so "acme crop" finds "Acme Corp"), best match first, at most `limit`. Both filters are
 * answered by the trigram index on Customer.searchName (migration 20261202110000_customer_links), and the query
 * runs under a statement timeout: on a million customers it answers in milliseconds, and never holds a picker past
 * Slack's deadline. Text shorter than 2 characters matches nothing (trigrams need it).
 */
export async function findCustomers({ db, teamId }: TeamScope, opts: { query: string; limit: number }): Promise<CustomerMatch[]> {
  const q = opts.query.trim().toLowerCase().slice(0, CUSTOMER_QUERY_MAX);
  if (q.length < 2) return [];
  return searchTransaction(db, (tx) =>
    tx.$queryRawUnsafe<CustomerMatch[]>(
      `select "id", "externalId", "name", "segment", word_similarity($2, "searchName")::float8 as score
         from "Customer"
        where "teamId" = $1 and ("searchName" like $3 or $2 <% "searchName")
        order by score desc, "name" asc nulls last, "externalId" asc
        limit $4`,
      teamId,
      q,
      likePattern(q),
      Math.max(1, Math.min(100, opts.limit)),
    ),
  );
}

/**
 * Runs one search with transaction-local settings (set_config(…, true) is SET LOCAL): the statement timeout and the
 * word-similarity threshold of the `<%` operator, which the trigram index honours.
 */
async function searchTransaction<T>(db: Db, work: (tx: Pick<Db, "$queryRawUnsafe">) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(
        `select set_config('statement_timeout', $1, true), set_config('pg_trgm.word_similarity_threshold', $2, true)`,
        `${CUSTOMER_SEARCH_TIMEOUT_MS}ms`,
        String(CUSTOMER_SIMILARITY_THRESHOLD),
      );
      return work(tx);
    },
    // The embedded store has one connection: wait for it as long as any query may; the statement timeout bounds the search.
    { timeout: 10_000, maxWait: 10_000 },
  );
}
