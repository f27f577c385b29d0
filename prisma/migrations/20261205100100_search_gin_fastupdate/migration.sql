-- The two other trigram indexes a search reads (the picker's fallback for a typo inside a name written without
-- spaces, and the duplicate-voice search) queued new entries in a pending list too, read whole by every search until
-- a vacuum merges it (PGlite has no autovacuum, see 20261204100100). New entries now go straight in, and what is queued is
-- merged here.
ALTER INDEX "Customer_lower_name_trgm_idx" SET (fastupdate = off);
ALTER INDEX "Insight_searchText_trgm_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list('"Customer_lower_name_trgm_idx"'::regclass);
SELECT gin_clean_pending_list('"Insight_searchText_trgm_idx"'::regclass);
