import type { Db } from "../../db/client.js";

/** A customer whose name resembles the typed text, with its word_similarity to it. */
export interface SimilarName {
  id: bigint;
  externalId: string;
  name: string | null;
  segment: string | null;
  score: number;
}

/** The queries a search runs, inside its transaction. */
export type SearchTx = Pick<Db, "$queryRawUnsafe">;

/** The lowest word_similarity the picker offers: low enough for a typo or two in a short name. */
export const CUSTOMER_SIMILARITY_THRESHOLD = 0.4;
/**
 * The similar names ranked per search. A common word ("corp") can resemble a hundred thousand names; ranking them all
 * is what made the picker slow. At most this many are read per step and ranked, so the work per search is bounded
 * whatever the data.
 */
export const SIMILAR_CANDIDATES = 200;
/** Corrections kept per typed word, closest first: a typo's word and its near neighbours ("crp": corp, crop…). */
const CORRECTIONS_PER_WORD = 5;
/** Typed words corrected; further words still count in the ranking (word_similarity of the whole text). */
const WORDS_MAX = 4;
/** Reads of the names' word index per search: the closest readings, then subsets of the typed words, up to this. */
const MAX_WORD_SEARCHES = 8;
/**
 * The dictionary's trigram thresholds (SET LOCAL): plain similarity is low for a short word with a typo ("crp" and
 * "corp": 0.29) or for a word inside two run together ("corp" in "acmecorp": 0.27); word_similarity catches a word
 * typed inside a longer one ("さくら" in "株式会社さくら": 0.5).
 */
const DICTIONARY_SIMILARITY = "0.25";
const DICTIONARY_WORD_SIMILARITY = "0.4";
/** word_similarity thresholds of the trigram fallback, tried in turn, closest first. */
const TRIGRAM_STEPS = [0.6, CUSTOMER_SIMILARITY_THRESHOLD];

const isNumber = (w: string) => /^[0-9]+$/.test(w);

interface Correction {
  ord: number;
  typed: string;
  word: string | null;
  score: number | null;
}

/**
 * Names that resemble `q` (lower-cased), at least CUSTOMER_SIMILARITY_THRESHOLD, unranked, at most SIMILAR_CANDIDATES
 * per index read; `enough` says when to stop reading.
 *
 * Through the word dictionary (migration 20261204100000_customer_name_words): each typed word is corrected against the
 * workspace's distinct name words (a few thousand rows, trigram-indexed, not a million names); then the names holding
 * the closest correction of every typed word (a typed number as written) are read from the GIN index on the names'
 * words; when those leave room, names holding any correction of every typed word, then of fewer typed words. Only when
 * the dictionary has no reading for some typed word and what it read finds nothing (a Japanese word typed with a typo
 * inside a name written without spaces, say) is the trigram index on lower(name) searched, as before the dictionary.
 */
export async function findSimilarNames(tx: SearchTx, teamId: string, q: string, enough: (found: SimilarName[]) => boolean): Promise<SimilarName[]> {
  await tx.$queryRawUnsafe(
    `select set_config('pg_trgm.similarity_threshold', $1, true), set_config('pg_trgm.word_similarity_threshold', $2, true)`,
    DICTIONARY_SIMILARITY,
    DICTIONARY_WORD_SIMILARITY,
  );
  const rows = await tx.$queryRawUnsafe<Correction[]>(
    `select t.ord::int as "ord", t.w as "typed", d.word, d.score::float8 as "score"
       from unnest(customer_name_words($2)) with ordinality t(w, ord)
       left join lateral (
         select "word", greatest(similarity("word", t.w), word_similarity(t.w, "word"), word_similarity("word", t.w)) as score
           from "CustomerNameWord"
          where "teamId" = $1 and ("word" % t.w or t.w <% "word")
          order by score desc, "word"
          limit $3
       ) d on true
      where t.ord <= $4
      order by t.ord, d.score desc, d.word`,
    teamId,
    q,
    CORRECTIONS_PER_WORD,
    WORDS_MAX,
  );
  // Per typed word, its corrections closest first; a typed number is its own only correction (a typo in a number is
  // another customer, and numbers are not in the dictionary).
  const perWord = new Map<number, { best: number; words: string[] }>();
  let uncorrected = false;
  for (const r of rows) {
    const word = isNumber(r.typed) ? r.typed : r.word;
    if (word === null) uncorrected = true;
    else if (!perWord.get(r.ord)?.words.includes(word)) {
      const w = perWord.get(r.ord) ?? { best: r.score ?? 1, words: [] };
      perWord.set(r.ord, { ...w, words: [...w.words, word] });
    }
  }
  const corrected = [...perWord.values()];
  const pool = new Map<bigint, SimilarName>();
  const add = (names: SimilarName[]) => {
    for (const n of names) if (n.score >= CUSTOMER_SIMILARITY_THRESHOLD) pool.set(n.id, n);
  };
  const done = () => enough([...pool.values()]);
  if (corrected.length > 0) {
    // The closest reading of every typed word first: when fewer than SIMILAR_CANDIDATES names hold it, all of them are
    // ranked, so a crowd of names holding looser corrections cannot push the intended one out.
    add(await namesHolding(tx, teamId, q, [corrected.map((c) => c.words[0]!)], "@>"));
    // Then any correction of every typed word, then of fewer of them (the name has no such word, or it was misread),
    // the closest subsets first, within a bounded number of index reads.
    let reads = 1;
    for (const subset of subsets(corrected)) {
      if (done() || reads >= MAX_WORD_SEARCHES) break;
      if (subset.length === corrected.length && corrected.every((c) => c.words.length === 1)) continue;
      add(
        await namesHolding(
          tx,
          teamId,
          q,
          subset.map((c) => c.words),
          "&&",
        ),
      );
      reads++;
    }
  }
  // The dictionary had no reading for some typed word (a Japanese word typed with a typo inside a name written
  // without spaces, say) and nothing it read resembles the text: the trigram index searches the names themselves.
  return pool.size === 0 && uncorrected ? similarByTrigrams(tx, teamId, q, enough) : [...pool.values()];
}

/** Non-empty subsets of the corrected words, largest first, then the closest (sum of best corrections) first. */
function subsets<T extends { best: number }>(items: T[]): T[][] {
  const all: T[][] = [];
  for (let mask = (1 << items.length) - 1; mask > 0; mask--) all.push(items.filter((_, i) => mask & (1 << i)));
  const sum = (xs: T[]) => xs.reduce((a, x) => a + x.best, 0);
  return all.sort((a, b) => b.length - a.length || sum(b) - sum(a));
}

/** Names holding every word of each set (`@>`) or some word of each set (`&&`), read from the names' word index. */
async function namesHolding(tx: SearchTx, teamId: string, q: string, sets: string[][], op: "@>" | "&&"): Promise<SimilarName[]> {
  const conditions = sets.map((_, i) => `customer_name_words("name") ${op} $${i + 4}::text[]`).join(" and ");
  return tx.$queryRawUnsafe<SimilarName[]>(
    `select "id", "externalId", "name", "segment", word_similarity($2, lower("name"))::float8 as "score"
       from "Customer"
      where "teamId" = $1 and ${conditions}
      limit $3`,
    teamId,
    q,
    SIMILAR_CANDIDATES,
    ...sets,
  );
}

/** The trigram index on lower(name): the first SIMILAR_CANDIDATES names at each word_similarity step. */
async function similarByTrigrams(tx: SearchTx, teamId: string, q: string, enough: (found: SimilarName[]) => boolean): Promise<SimilarName[]> {
  const pool = new Map<bigint, SimilarName>();
  for (const threshold of TRIGRAM_STEPS) {
    // The threshold of `<%`, which the trigram index honours; set_config(…, true) is SET LOCAL.
    await tx.$queryRawUnsafe(`select set_config('pg_trgm.word_similarity_threshold', $1, true)`, String(threshold));
    const rows = await tx.$queryRawUnsafe<SimilarName[]>(
      `with candidates as (
           select "id", "externalId", "name", "segment" from "Customer"
            where "teamId" = $1 and $2 <% lower("name")
            limit $3
         )
       select "id", "externalId", "name", "segment", word_similarity($2, lower("name"))::float8 as "score"
         from candidates`,
      teamId,
      q,
      SIMILAR_CANDIDATES,
    );
    for (const r of rows) pool.set(r.id, r);
    if (enough([...pool.values()])) break;
  }
  return [...pool.values()];
}
