-- A repair that changes a plot's area needs the publisher's word: the repaired area they
-- accepted is kept on the row, so a new CRS or file (another repair) asks again.
ALTER TABLE import_rows ADD COLUMN repair_accepted_m2 numeric;

-- A change to a published plot that waits for publication: the public keeps reading `plots`
-- (the published version) until someone publishes this, which writes it as the next version.
-- Only the fields that differ are kept, so publishing never undoes an edit made meanwhile
-- to a field the change does not touch. One pending change per plot: a later one replaces it.
CREATE TABLE plot_drafts (
  plot_id bigint PRIMARY KEY REFERENCES plots (id) ON DELETE CASCADE,
  base_version integer NOT NULL,          -- the plot's version the change was made against
  changes jsonb NOT NULL DEFAULT '{}',    -- { field: new value } of the fields that differ
  geom geometry(MultiPolygon, 3879),      -- the new geometry, null when it does not change
  note text,
  import_job uuid,                        -- the import that staged it (jobs are purged later)
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
