import type { Db } from "../../db/client.js";
import type { TeamScope } from "../types.js";
import { findSimilarNames, type SearchTx } from "./similar-customer-names.js";

/** An imported customer as the picker and the name resolution show it. */
export interface CustomerMatch {
  id: bigint;
  externalId: string;
  name: string | null;
  segment: string | null;
  /** How the typed text matched: the external id exactly, the name exactly, a prefix of either, or a similar name. */
  match: "externalId" | "name" | "prefix" | "similar";
  /** word_similarity of the typed text to the name (1: the name contains it as whole words); 1 for an exact id. */
  score: number;
}

/** Past this the picker gives up and answers with what it has (Slack drops an options answer after 3 s). */
export const CUSTOMER_SEARCH_TIMEOUT_MS = 1500;
/** Typed text beyond this is not searched (trigrams of a longer text match nothing better). */
export const CUSTOMER_QUERY_MAX = 100;

const MATCH_ORDER: Record<CustomerMatch["match"], number> = { externalId: 0, name: 1, prefix: 2, similar: 3 };

/** Escapes LIKE wildcards so a typed `%` or `_` is matched literally. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type Row = Omit<CustomerMatch, "score"> & { score: number | null };

/**
 * Imported customers of the workspace for what was typed, at most `limit`, exact first: the external id as typed,
 * then the name as typed (any case), then ids and names starting with it, then names that resemble it (only when the
 * exact and prefix matches leave room): typed words corrected against the workspace's name words, so "acme crop"
 * finds "Acme Corp", ranked by trigram word similarity (findSimilarNames). Ids match exactly or by prefix only: a
 * near-miss id is another customer. A single character matches by prefix only. Every step reads an index
 * (migrations 20261203120000_customer_picker_indexes and 20261204100000_customer_name_words), the similar names are
 * ranked among a bounded candidate set, and the searches run under a statement timeout: on a million customers the
 * picker answers well within Slack's options deadline.
 */
export async function findCustomers({ db, teamId }: TeamScope, opts: { query: string; limit: number }): Promise<CustomerMatch[]> {
  const q = opts.query.trim().replace(/\s+/g, " ").toLowerCase().slice(0, CUSTOMER_QUERY_MAX);
  if (q.length === 0) return [];
  const limit = Math.max(1, Math.min(100, opts.limit));
  return searchTransaction(db, async (tx) => {
    const exact = await tx.$queryRawUnsafe<Row[]>(
      `with hits as (
           (select "id" from "Customer" where "teamId" = $1 and lower("externalId") like $3 order by lower("externalId") using ~<~ limit $4)
           union
           (select "id" from "Customer" where "teamId" = $1 and lower("name") like $3 order by lower("name") using ~<~ limit $4)
         )
       select c."id", c."externalId", c."name", c."segment",
              case when lower(c."externalId") = $2 then 'externalId' when lower(c."name") = $2 then 'name' else 'prefix' end as "match",
              case when lower(c."externalId") = $2 then 1 else word_similarity($2, coalesce(lower(c."name"), '')) end::float8 as score
         from hits h join "Customer" c on c."id" = h."id"`,
      teamId,
      q,
      `${escapeLike(q)}%`,
      limit,
    );
    const found = rank(exact).slice(0, limit);
    if (found.length >= limit || q.length < 2) return found;
    const isFound = (id: bigint) => found.some((c) => c.id === id);
    const similar = (await findSimilarNames(tx, teamId, q, (names) => found.length + names.filter((n) => !isFound(n.id)).length >= limit))
      .filter((n) => !isFound(n.id))
      .map((n): Row => ({ ...n, match: "similar" }));
    return [...found, ...rank(similar)].slice(0, limit);
  });
}

/** Exact id, exact name, prefix, similar; then the closer name, then by name and id so the order is stable. */
function rank(rows: Row[]): CustomerMatch[] {
  return rows
    .map((r) => ({ ...r, score: r.score ?? 0 }))
    .sort(
      (a, b) =>
        MATCH_ORDER[a.match] - MATCH_ORDER[b.match] || b.score - a.score || (a.name ?? "\uffff").localeCompare(b.name ?? "\uffff") || a.externalId.localeCompare(b.externalId),
    );
}

/**
 * Runs the searches in one transaction under a transaction-local statement timeout (set_config(…, true) is SET LOCAL),
 * without parallel workers: each search reads a few hundred rows, and starting workers for a word index read (which the
 * planner costs high, customer_name_words being declared expensive) took longer than the read (50–100 ms at load 12).
 */
async function searchTransaction<T>(db: Db, work: (tx: SearchTx) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(`select set_config('statement_timeout', $1, true), set_config('max_parallel_workers_per_gather', '0', true)`, `${CUSTOMER_SEARCH_TIMEOUT_MS}ms`);
      return work(tx);
    },
    // The embedded store has one connection: wait for it as long as any query may; the statement timeout bounds the search.
    { timeout: 10_000, maxWait: 10_000 },
  );
}
