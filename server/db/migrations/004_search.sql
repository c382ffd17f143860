-- Search: one folding of text for the stored side and the query, so 'Sörnäinen', 'SÖRNÄINEN'
-- and 'sornainen' meet. Written with translate() rather than unaccent(), which is not immutable
-- and so cannot back an index; the letters are those of Finnish and Swedish names and a few
-- common loan letters. Upper-case letters are mapped directly because lower() leaves non-ASCII
-- letters alone under the C locale. The server folds query text with the same table
-- (server/search/fold.ts).
CREATE FUNCTION tl_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(translate($1,
    'ÅÄÖÉÈÜÆØÕÀÁÍÓÚŠŽåäöéèüæøõàáíóúšž',
    'aaoeeuaooaaiouszaaoeeuaooaaiousz')) $$;

-- An address split into its folded street name and its house number:
-- 'Teollisuuskatu 33 B' -> 'teollisuuskatu', 33. No number gives NULL. The folding is repeated
-- rather than calling tl_fold(): index builds run with a search_path that holds only
-- pg_catalog (PostgreSQL 17 and later), where an unqualified tl_fold() is not found.
CREATE FUNCTION tl_street(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(translate(btrim(regexp_replace($1, '\s+[0-9].*$', '')),
    'ÅÄÖÉÈÜÆØÕÀÁÍÓÚŠŽåäöéèüæøõàáíóúšž',
    'aaoeeuaooaaiouszaaoeeuaooaaiousz')) $$;
CREATE FUNCTION tl_house(text) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT substring($1 from '\s([0-9]{1,6})')::integer $$;

-- Published plots of a street in house-number order: an address search reads only the plots it
-- shows, however many share the street.
CREATE INDEX plots_street_house_idx ON plots (tl_street(address), tl_house(address), id)
  WHERE status = 'published';

-- The distinct street names, so that typo-tolerant matching compares the query with a few
-- thousand names instead of every plot. Rows are only added (a street left without plots
-- simply finds none); statement-level triggers keep a bulk import cheap.
CREATE TABLE search_streets (
  folded text COLLATE "C" PRIMARY KEY       -- tl_street(address); "C" lets the key serve LIKE 'prefix%'
);
INSERT INTO search_streets (folded)
  SELECT DISTINCT tl_street(address) FROM plots WHERE address IS NOT NULL AND tl_street(address) <> ''
  ON CONFLICT DO NOTHING;

CREATE FUNCTION search_streets_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_streets (folded)
    SELECT DISTINCT tl_street(address) FROM new_rows WHERE address IS NOT NULL AND tl_street(address) <> ''
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER plots_search_streets_insert AFTER INSERT ON plots
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_streets_add();
CREATE TRIGGER plots_search_streets_update AFTER UPDATE ON plots
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_streets_add();

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    -- Typo-tolerant street matching (word similarity).
    CREATE INDEX search_streets_trgm_idx ON search_streets USING gin (folded gin_trgm_ops);
  END IF;
END $$;

-- The plot list's sorts (GET /api/plots?sort=): a page of published plots is read in index order,
-- forwards or backwards, instead of sorting every plot that matches.
CREATE INDEX plots_pub_area_idx ON plots (area_m2, id) WHERE status = 'published';
CREATE INDEX plots_pub_building_right_idx ON plots (building_right_kem2, id) WHERE status = 'published';
CREATE INDEX plots_pub_price_idx ON plots (price_eur_kem2, id) WHERE status = 'published';
