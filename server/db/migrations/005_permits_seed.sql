-- Permit catalogue, part 2: activities, ordering and timing of permit types, stable codes for
-- contacts, and a mark on every catalogue row an admin has edited. The catalogue ships as JSON
-- in data/permits and is upserted at start; rows an admin has edited (admin_edited_at set) are
-- left as the admin wrote them.

ALTER TABLE departments
  ADD COLUMN kind text NOT NULL DEFAULT 'city' CHECK (kind IN ('city', 'state', 'utility')),
  ADD COLUMN sort_order integer NOT NULL DEFAULT 0,
  ADD COLUMN admin_edited_at timestamptz,
  ADD COLUMN admin_edited_by text;

ALTER TABLE permit_types
  -- 'processing': the authority decides within typical_days; 'notice': notify at least
  -- typical_days before starting.
  ADD COLUMN timing text NOT NULL DEFAULT 'processing' CHECK (timing IN ('processing', 'notice')),
  ADD COLUMN sort_order integer NOT NULL DEFAULT 0,
  ADD COLUMN admin_edited_at timestamptz,
  ADD COLUMN admin_edited_by text;

CREATE INDEX permit_types_department_idx ON permit_types (department_id);

-- What a business (or an event organiser) plans to do on a plot; the permit-needs rules read
-- the traits, the plot card asks the listed facts.
CREATE TABLE permit_activities (
  code text PRIMARY KEY,                  -- e.g. 'surface-treatment'
  kind text NOT NULL CHECK (kind IN ('business', 'event')),
  name_fi text NOT NULL,
  name_sv text NOT NULL,
  name_en text NOT NULL,
  fits_use_codes text[] NOT NULL,         -- zoning codes the activity fits without a deviation
  environmental text NOT NULL CHECK (environmental IN ('none', 'notification', 'permit')),
  health_protection boolean NOT NULL DEFAULT false,
  defaults jsonb NOT NULL DEFAULT '{}',   -- fact values assumed when the user gives none
  facts text[] NOT NULL,                  -- fact keys the activity asks
  sort_order integer NOT NULL DEFAULT 0,
  admin_edited_at timestamptz,
  admin_edited_by text
);

ALTER TABLE contacts
  ADD COLUMN code text,                   -- stable key of catalogue contacts; null for staff-made ones
  ADD COLUMN sort_order integer NOT NULL DEFAULT 0,
  ADD COLUMN admin_edited_at timestamptz,
  ADD COLUMN admin_edited_by text;

CREATE UNIQUE INDEX contacts_code_key ON contacts (code);
CREATE INDEX contacts_area_idx ON contacts (sub_district_number) WHERE kind = 'key_account';
CREATE INDEX contacts_department_idx ON contacts (department_id) WHERE kind = 'department';
CREATE INDEX plot_contacts_contact_idx ON plot_contacts (contact_id);
