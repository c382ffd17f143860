-- Reference geography loaded from the real open data in data/ (see data/SOURCES.md).
-- Geometry is kept in EPSG:3879 (metric, the city's own CRS) with a maintained EPSG:3857 copy
-- for tiles; both GiST-indexed so tile and bbox queries compare the stored column directly.

CREATE TABLE districts (
  number smallint PRIMARY KEY,            -- kaupunginosa number, e.g. 45; the 045 of 091-045-...
  name_fi text NOT NULL,
  name_sv text,
  geom geometry(MultiPolygon, 3879) NOT NULL,
  geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED
);
CREATE INDEX districts_geom_idx ON districts USING gist (geom);
CREATE INDEX districts_geom_3857_idx ON districts USING gist (geom_3857);

CREATE TABLE sub_districts (
  number smallint PRIMARY KEY,            -- osa-alue number, e.g. 465; district = number / 10
  district_number smallint NOT NULL REFERENCES districts (number),
  name_fi text NOT NULL,
  name_sv text,
  is_business_area boolean NOT NULL DEFAULT false,
  geom geometry(MultiPolygon, 3879) NOT NULL,
  geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED
);
CREATE INDEX sub_districts_geom_idx ON sub_districts USING gist (geom);
CREATE INDEX sub_districts_geom_3857_idx ON sub_districts USING gist (geom_3857);

-- SYKE urban-structure zones (YKR 2021) clipped to Helsinki: the plot card's "transit zone".
CREATE TABLE transit_zones (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  zone_code text NOT NULL,                -- vyoh
  zone_name_fi text NOT NULL,             -- vyohselite, as published
  geom geometry(MultiPolygon, 3879) NOT NULL,
  geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED
);
CREATE INDEX transit_zones_geom_idx ON transit_zones USING gist (geom);
CREATE INDEX transit_zones_geom_3857_idx ON transit_zones USING gist (geom_3857);

-- Helsinki's outline (municipality boundary, sea included): "inside Helsinki" checks.
CREATE TABLE city_boundary (
  name text PRIMARY KEY,
  geom geometry(MultiPolygon, 3879) NOT NULL
);
