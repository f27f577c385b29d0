-- The customer picker (#16) on a million customers: exact and prefix matches come from btree indexes (lower() with
-- text_pattern_ops, so `like 'acme%'` is a range scan whatever the database collation), typo-tolerant matches from a
-- trigram index on the name alone. The trigram index on searchName (name and external id) matched every customer
-- for any typed word starting with the id's letters ("  c" of "C-0001"), and a near-miss id is another customer,
-- so ids are matched exactly or by prefix only, and the searchName column has no reader left.
DROP INDEX "Customer_searchName_trgm_idx";
ALTER TABLE "Customer" DROP COLUMN "searchName";

CREATE INDEX "Customer_teamId_lower_externalId_idx" ON "Customer" ("teamId", lower("externalId") text_pattern_ops);
CREATE INDEX "Customer_teamId_lower_name_idx" ON "Customer" ("teamId", lower("name") text_pattern_ops);
CREATE INDEX "Customer_lower_name_trgm_idx" ON "Customer" USING GIN (lower("name") gin_trgm_ops);
