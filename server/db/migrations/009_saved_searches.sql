-- Saved searches ("hakuvahti"): a map filter and an address that is mailed when a newly
-- published plot matches it, at once or in a daily digest.

CREATE TABLE saved_searches (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  -- A PlotFilter (shared/filter.ts), validated by the shared filter model before it is stored.
  filter jsonb NOT NULL,
  -- filterKey(filter): searches with equal filters are matched against new plots once.
  filter_key text NOT NULL,
  language text NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
  frequency text NOT NULL CHECK (frequency IN ('immediate', 'daily')),
  -- Double opt-in: anyone can type any address, so nothing but the confirmation request is
  -- mailed until the link in it has been followed.
  confirmed boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  last_notified_at timestamptz            -- last alert or digest mailed
);
CREATE INDEX saved_searches_email_idx ON saved_searches (lower(email), created_at);
CREATE INDEX saved_searches_confirmed_idx ON saved_searches (filter_key) WHERE confirmed;

-- Links in mails carry random tokens; only their SHA-256 is stored, so a read of this table
-- cannot confirm or end anyone's search. Every mail gets a fresh unsubscribe token, so a link
-- keeps working for as long as its mail is kept. When a search is deleted its tokens stay with
-- search_id null, so following an old link again says "already unsubscribed" (idempotent)
-- without keeping the address.
CREATE TABLE saved_search_tokens (
  token_hash text PRIMARY KEY,
  search_id bigint REFERENCES saved_searches (id) ON DELETE SET NULL,
  purpose text NOT NULL CHECK (purpose IN ('confirm', 'unsubscribe')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saved_search_tokens_search_idx ON saved_search_tokens (search_id);

-- Which plots each search was told about (or is about to be): the primary key makes a plot
-- reach one search once, even when it is withdrawn and published again. notified_at is set
-- by the claim that precedes the mail, so two server instances never mail the same row.
CREATE TABLE saved_search_matches (
  search_id bigint NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
  plot_id bigint NOT NULL REFERENCES plots (id) ON DELETE CASCADE,
  matched_at timestamptz NOT NULL DEFAULT now(),
  notified_at timestamptz,
  PRIMARY KEY (search_id, plot_id)
);
CREATE INDEX saved_search_matches_pending_idx ON saved_search_matches (search_id)
  WHERE notified_at IS NULL;
CREATE INDEX saved_search_matches_plot_idx ON saved_search_matches (plot_id);

-- Plots that became published and are waiting to be matched against the saved searches. Filled
-- by the database itself, so every way of publishing (a staff action, bulk, the scheduler, an
-- import, a script) is seen; emptied by whichever server instance claims the rows first.
CREATE TABLE plot_publications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plot_id bigint NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now()
);

-- Statement-level with transition tables: a 100 000-row import costs one INSERT ... SELECT, and
-- nothing at all while no search is confirmed (demo seeding, benchmarks).
CREATE FUNCTION plots_queue_inserted_publications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM saved_searches WHERE confirmed) THEN
    INSERT INTO plot_publications (plot_id) SELECT id FROM new_rows WHERE status = 'published';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER plots_queue_inserted_publications AFTER INSERT ON plots
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION plots_queue_inserted_publications();

CREATE FUNCTION plots_queue_updated_publications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM saved_searches WHERE confirmed) THEN
    INSERT INTO plot_publications (plot_id)
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.status = 'published' AND o.status <> 'published';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER plots_queue_updated_publications AFTER UPDATE ON plots
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION plots_queue_updated_publications();
