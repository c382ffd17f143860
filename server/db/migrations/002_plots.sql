-- Business plots, their full version history and the data version that keys every cache.

CREATE TABLE plots (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,     -- stable numeric id (MapLibre promoteId)
  property_id text NOT NULL UNIQUE
    CHECK (property_id ~ '^091-[0-9]{3}-[0-9]{4}-[0-9]{4}$' AND substring(property_id, 9, 2) <> '99'),
  district_number smallint GENERATED ALWAYS AS (substring(property_id, 5, 3)::smallint) STORED,
  -- Helsinki's block/plot form: 091-045-0012-0003 -> 45012/3
  block_plot text GENERATED ALWAYS AS (
    substring(property_id, 5, 3)::int::text || lpad(substring(property_id, 9, 4)::int::text, 3, '0')
    || '/' || substring(property_id, 14, 4)::int::text) STORED,
  sub_district_number smallint,           -- filled from the geometry when not given
  address text,
  postal_code text,
  use_code text NOT NULL
    CHECK (use_code IN ('K', 'KL', 'KM', 'KT', 'KTY', 'T', 'TT', 'TV', 'TY', 'T/kem', 'C', 'P', 'LTA')),
  use_class text GENERATED ALWAYS AS (
    CASE WHEN use_code IN ('K', 'KL', 'KM', 'C') THEN 'commercial'
         WHEN use_code IN ('KT', 'KTY', 'P') THEN 'office'
         ELSE 'industrial' END) STORED,
  area_m2 numeric GENERATED ALWAYS AS (round(ST_Area(geom)::numeric, 0)) STORED,
  building_right_kem2 numeric CHECK (building_right_kem2 >= 0 AND building_right_kem2 < 1000000),
  -- e = floor area / plot area
  efficiency numeric GENERATED ALWAYS AS (
    CASE WHEN ST_Area(geom) > 0 THEN round(building_right_kem2 / ST_Area(geom)::numeric, 2) END) STORED,
  plan_number text CHECK (plan_number ~ '^[0-9]{3,6}$'),
  plan_state text NOT NULL DEFAULT 'valid' CHECK (plan_state IN ('valid', 'pending')),
  registered boolean NOT NULL DEFAULT true,  -- false: indicative plot, needs plot division first
  availability text NOT NULL DEFAULT 'available'
    CHECK (availability IN ('available', 'draw', 'reserved', 'leased', 'coming')),
  draw_ends_on date,
  allocation_method text CHECK (allocation_method IN ('lease', 'sale', 'draw', 'competition', 'direct')),
  tenure text NOT NULL DEFAULT 'lease' CHECK (tenure IN ('lease', 'sale')),
  sale_price_eur numeric CHECK (sale_price_eur >= 0),
  lease_basis_eur_kem2 numeric CHECK (lease_basis_eur_kem2 >= 0),  -- EUR/k-m2 at cost-of-living index point 100 (10/1951 = 100)
  -- Comparable price, EUR per k-m2 of building right in today's money: the sale price over the
  -- building right, or the lease basis raised to index point 1944 (April 2018, the last point
  -- the city has published in the sources we hold). Filters and tiles use this one number.
  price_eur_kem2 numeric GENERATED ALWAYS AS (
    CASE WHEN sale_price_eur IS NOT NULL AND building_right_kem2 > 0 THEN round(sale_price_eur / building_right_kem2, 0)
         WHEN lease_basis_eur_kem2 IS NOT NULL THEN round(lease_basis_eur_kem2 * 19.44, 0) END) STORED,
  build_obligation_years smallint CHECK (build_obligation_years BETWEEN 0 AND 50),
  earliest_construction_on date,
  building_prohibition boolean NOT NULL DEFAULT false,
  transit_zone text,                      -- filled from transit_zones when not given
  plan_regulations_url text,
  notes text,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'withdrawn')),
  publish_at timestamptz,                 -- scheduled publication
  version integer NOT NULL DEFAULT 1,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL DEFAULT 'system',
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL DEFAULT 'system',
  geom geometry(MultiPolygon, 3879) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  -- A point always inside the plot: labels and the light low-zoom tile representation.
  point_3857 geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(ST_PointOnSurface(geom), 3857)) STORED,
  -- What the free-text filter and the search match against, lower-cased.
  search_text text GENERATED ALWAYS AS (
    lower(property_id || ' ' || replace(property_id, '-', '') || ' ' || coalesce(address, '') || ' ' || coalesce(plan_number, ''))) STORED
);

CREATE INDEX plots_geom_idx ON plots USING gist (geom);
CREATE INDEX plots_geom_3857_idx ON plots USING gist (geom_3857);
-- Public reads only ever see published plots: partial indexes keep tiles proportional to the answer.
CREATE INDEX plots_pub_geom_3857_idx ON plots USING gist (geom_3857) WHERE status = 'published';
CREATE INDEX plots_pub_point_3857_idx ON plots USING gist (point_3857) WHERE status = 'published';
CREATE INDEX plots_status_idx ON plots (status, id);
CREATE INDEX plots_sub_district_idx ON plots (sub_district_number);
CREATE INDEX plots_block_plot_idx ON plots (block_plot);
CREATE INDEX plots_plan_number_idx ON plots (plan_number);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX plots_search_trgm_idx ON plots USING gin (search_text gin_trgm_ops);
  END IF;
END $$;

-- Sub-district and transit zone follow the geometry unless given explicitly.
CREATE FUNCTION plots_fill_location() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.sub_district_number IS NULL OR (TG_OP = 'UPDATE' AND NOT ST_Equals(NEW.geom, OLD.geom)
      AND NEW.sub_district_number IS NOT DISTINCT FROM OLD.sub_district_number) THEN
    NEW.sub_district_number := (SELECT s.number FROM sub_districts s
      WHERE ST_Intersects(s.geom, ST_PointOnSurface(NEW.geom)) ORDER BY s.number LIMIT 1);
  END IF;
  IF NEW.transit_zone IS NULL OR (TG_OP = 'UPDATE' AND NOT ST_Equals(NEW.geom, OLD.geom)
      AND NEW.transit_zone IS NOT DISTINCT FROM OLD.transit_zone) THEN
    NEW.transit_zone := (SELECT z.zone_name_fi FROM transit_zones z
      WHERE ST_Intersects(z.geom, ST_PointOnSurface(NEW.geom)) ORDER BY z.id LIMIT 1);
  END IF;
  IF TG_OP = 'UPDATE' THEN
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER plots_fill_location BEFORE INSERT OR UPDATE ON plots
  FOR EACH ROW EXECUTE FUNCTION plots_fill_location();

-- Full history: one row per version of a plot, written by the database itself so that no code
-- path can change a plot without leaving its trace.
CREATE TABLE plot_versions (
  plot_id bigint NOT NULL REFERENCES plots (id) ON DELETE CASCADE,
  version integer NOT NULL,
  status text NOT NULL,
  changed_at timestamptz NOT NULL,
  changed_by text NOT NULL,
  change_note text,
  data jsonb NOT NULL,                    -- every stored field; geom as GeoJSON in EPSG:3879
  PRIMARY KEY (plot_id, version)
);

CREATE FUNCTION plots_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO plot_versions (plot_id, version, status, changed_at, changed_by, change_note, data)
  VALUES (NEW.id, NEW.version, NEW.status, NEW.updated_at, NEW.updated_by,
          nullif(current_setting('tonttiluukku.change_note', true), ''),
          (to_jsonb(NEW) - 'geom_3857' - 'point_3857' - 'search_text' - 'geom')
            || jsonb_build_object('geom', ST_AsGeoJSON(NEW.geom, 3)::jsonb));
  RETURN NULL;
END $$;
CREATE TRIGGER plots_record_version AFTER INSERT OR UPDATE ON plots
  FOR EACH ROW EXECUTE FUNCTION plots_record_version();

-- Monotonic version of the public plot data: tile caches, ETags and search results key on it.
CREATE TABLE data_versions (
  name text PRIMARY KEY,
  version bigint NOT NULL DEFAULT 1,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO data_versions (name) VALUES ('plots');

-- Once per statement (a 100 000-row import bumps it once); every instance hears the NOTIFY.
CREATE FUNCTION plots_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v bigint;
BEGIN
  UPDATE data_versions SET version = version + 1, changed_at = now() WHERE name = 'plots' RETURNING version INTO v;
  PERFORM pg_notify('data_version', 'plots:' || v);
  RETURN NULL;
END $$;
CREATE TRIGGER plots_bump_data_version AFTER INSERT OR UPDATE OR DELETE ON plots
  FOR EACH STATEMENT EXECUTE FUNCTION plots_bump_data_version();
