-- Departments, permit types and contacts: the catalogue the permit path and the plot card use.
-- Applications (projects and cases) arrive in a later migration and reference plots(id),
-- permit_types(code) and departments(id).

CREATE TABLE departments (
  id text PRIMARY KEY,                    -- stable slug, e.g. 'building-control'
  name_fi text NOT NULL,
  name_sv text NOT NULL,
  name_en text NOT NULL,
  url text
);

CREATE TABLE permit_types (
  code text PRIMARY KEY,                  -- e.g. 'building-permit'
  department_id text NOT NULL REFERENCES departments (id),
  name_fi text NOT NULL,
  name_sv text NOT NULL,
  name_en text NOT NULL,
  when_fi text NOT NULL,
  when_sv text NOT NULL,
  when_en text NOT NULL,
  typical_days_min integer NOT NULL CHECK (typical_days_min >= 0),
  typical_days_max integer NOT NULL CHECK (typical_days_max >= typical_days_min),
  url text,
  attachments jsonb NOT NULL DEFAULT '[]'  -- [{ fi, sv, en }]
);

-- Contacts are roles (key customer manager for an area, responsible person of a department),
-- never invented people: demo contacts carry role names and example addresses only.
CREATE TABLE contacts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('key_account', 'department')),
  department_id text REFERENCES departments (id),
  title_fi text NOT NULL,
  title_sv text NOT NULL,
  title_en text NOT NULL,
  email text NOT NULL,
  phone text,
  sub_district_number smallint,           -- area served by a key customer manager
  is_demo boolean NOT NULL DEFAULT false
);

CREATE TABLE plot_contacts (
  plot_id bigint NOT NULL REFERENCES plots (id) ON DELETE CASCADE,
  contact_id bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  role text NOT NULL DEFAULT 'key_account',
  PRIMARY KEY (plot_id, contact_id)
);
