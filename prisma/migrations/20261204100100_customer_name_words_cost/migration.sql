-- The picker's word search on PGlite (100,000 customers) was planned as a walk of the (teamId, segment) index that
-- split every name it met (46 us per row in WASM, 2.5 s for one common word) instead of reading the GIN index on the
-- names' words: the planner costs an inlined SQL function as its cheap parts. The same function in PL/pgSQL is not
-- inlined, so its declared cost holds, and per-row evaluation is costed as what it is. Same words, same index.
CREATE OR REPLACE FUNCTION customer_name_words(name TEXT) RETURNS TEXT[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS E'
BEGIN
  RETURN array_remove(regexp_split_to_array(lower(name), ''[\\s!-/:-@\\[-`{-~\u3000-\u303f\u30fb\uff01-\uff0f\uff1a-\uff20]+''), '''')\073
END ';

-- GIN indexes by default queue new entries in a pending list that every search reads whole until a vacuum merges it:
-- after an import (or on PGlite, which has no autovacuum) one common word read 280 pages of it (120 ms). The picker
-- reads these two on every typo, so new entries go straight into them, and what is queued now is merged here.
ALTER INDEX "Customer_name_words_idx" SET (fastupdate = off);
ALTER INDEX "CustomerNameWord_word_trgm_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list('"Customer_name_words_idx"'::regclass);
SELECT gin_clean_pending_list('"CustomerNameWord_word_trgm_idx"'::regclass);
