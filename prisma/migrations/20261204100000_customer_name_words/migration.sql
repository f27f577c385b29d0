-- The customer picker (#16) corrects typos word by word. The trigram index on lower(name) made every typo read the
-- posting lists of its trigrams across a million names and recheck tens of thousands of rows. Here a typed word is
-- corrected against the workspace's distinct name words (CustomerNameWord: a few thousand rows, trigram-indexed), and
-- the names holding the corrected words come from a GIN index on the names' words.
-- Function bodies are E'' strings with \073 for semicolons: the migration runner splits the file at every semicolon.

-- A name's words, lower-cased: split at white space and ASCII, CJK and full-width punctuation (the characters listed,
-- not a locale's classes, so PGlite and a server split alike). A Japanese name without spaces is one word.
CREATE FUNCTION customer_name_words(name TEXT) RETURNS TEXT[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
'SELECT array_remove(regexp_split_to_array(lower(name), ''[\s!-/:-@\[-`{-~\u3000-\u303f\u30fb\uff01-\uff0f\uff1a-\uff20]+''), '''')';

-- Distinct name words per workspace and how many customers' names hold each (a word held twice by one name counts
-- twice, in and out alike). Numbers are left out: a typo in a number is another customer.
CREATE TABLE "CustomerNameWord" (
    "teamId" TEXT NOT NULL,
    "word" TEXT NOT NULL,
    "customers" INTEGER NOT NULL,
    CONSTRAINT "CustomerNameWord_pkey" PRIMARY KEY ("teamId", "word")
);

-- Backfill, set-based, before the triggers below exist (so no trigger runs per existing row).
INSERT INTO "CustomerNameWord" ("teamId", "word", "customers")
SELECT c."teamId", w.word, count(*)::int
FROM "Customer" c CROSS JOIN LATERAL unnest(customer_name_words(c."name")) AS w(word)
WHERE w.word !~ '^[0-9]+$'
GROUP BY 1, 2;

CREATE INDEX "CustomerNameWord_word_trgm_idx" ON "CustomerNameWord" USING GIN ("word" gin_trgm_ops);
CREATE INDEX "Customer_name_words_idx" ON "Customer" USING GIN (customer_name_words("name"));

-- Adds `deltas` to the words' counts and removes the words no name holds any more (so a deleted or renamed customer's
-- words are not kept). Rows in (teamId, word) order, one per word: concurrent writers lock the words in one order.
CREATE FUNCTION customer_name_words_apply(teams TEXT[], words TEXT[], deltas INTEGER[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  IF teams IS NULL THEN
    RETURN\073
  END IF\073
  INSERT INTO "CustomerNameWord" AS d ("teamId", "word", "customers")
  SELECT x.t, x.w, x.n FROM unnest(teams, words, deltas) AS x(t, w, n) ORDER BY x.t, x.w
  ON CONFLICT ("teamId", "word") DO UPDATE SET "customers" = d."customers" + EXCLUDED."customers"\073
  DELETE FROM "CustomerNameWord" d USING unnest(teams, words, deltas) AS x(t, w, n)
  WHERE x.n < 0 AND d."teamId" = x.t AND d."word" = x.w AND d."customers" <= 0\073
END ';

-- Statement-level, with transition tables: an import of many customers updates each word once.
CREATE FUNCTION customer_name_words_insert() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM customer_name_words_apply(array_agg(t ORDER BY t, w), array_agg(w ORDER BY t, w), array_agg(n ORDER BY t, w))
  FROM (
    SELECT r."teamId" AS t, x.word AS w, count(*)::int AS n
    FROM new_rows r CROSS JOIN LATERAL unnest(customer_name_words(r."name")) AS x(word)
    WHERE x.word !~ ''^[0-9]+$''
    GROUP BY 1, 2
  ) a\073
  RETURN NULL\073
END ';

CREATE FUNCTION customer_name_words_delete() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM customer_name_words_apply(array_agg(t ORDER BY t, w), array_agg(w ORDER BY t, w), array_agg(n ORDER BY t, w))
  FROM (
    SELECT r."teamId" AS t, x.word AS w, -count(*)::int AS n
    FROM old_rows r CROSS JOIN LATERAL unnest(customer_name_words(r."name")) AS x(word)
    WHERE x.word !~ ''^[0-9]+$''
    GROUP BY 1, 2
  ) a\073
  RETURN NULL\073
END ';

-- Only rows whose name (or workspace) changed count: most updates (segment, dates, the importer locking its rows)
-- change none, and then nothing is written. EXCEPT pairs the rows by hashing (a join of the transition tables, which
-- have no statistics, was planned as a nested loop: quadratic in the rows updated).
CREATE FUNCTION customer_name_words_update() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM customer_name_words_apply(array_agg(t ORDER BY t, w), array_agg(w ORDER BY t, w), array_agg(n ORDER BY t, w))
  FROM (
    SELECT c.t, x.word AS w, sum(c.n)::int AS n
    FROM (
      SELECT a."teamId" AS t, a."name", 1 AS n
      FROM (SELECT id, "teamId", "name" FROM new_rows EXCEPT ALL SELECT id, "teamId", "name" FROM old_rows) a
      UNION ALL
      SELECT b."teamId", b."name", -1
      FROM (SELECT id, "teamId", "name" FROM old_rows EXCEPT ALL SELECT id, "teamId", "name" FROM new_rows) b
    ) c CROSS JOIN LATERAL unnest(customer_name_words(c."name")) AS x(word)
    WHERE x.word !~ ''^[0-9]+$''
    GROUP BY 1, 2
    HAVING sum(c.n) <> 0
  ) a\073
  RETURN NULL\073
END ';

CREATE TRIGGER customer_name_words_insert AFTER INSERT ON "Customer"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_name_words_insert();
CREATE TRIGGER customer_name_words_update AFTER UPDATE ON "Customer"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_name_words_update();
CREATE TRIGGER customer_name_words_delete AFTER DELETE ON "Customer"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_name_words_delete();
