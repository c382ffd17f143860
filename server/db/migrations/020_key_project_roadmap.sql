-- The permit roadmap a key customer manager composes for a key project, and the mail of a
-- bring-forward reminder when it falls due (server/key-projects/roadmap.ts, reminders.ts).

-- The roadmap as the manager last saved it: the project's permits (its cases) in order, with the
-- expected dates (prefilled from the permit plan, changeable) and a note the applicant reads.
CREATE TABLE key_project_roadmap (
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  case_id bigint NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  position smallint NOT NULL CHECK (position > 0),
  starts_on date NOT NULL,
  decision_on date NOT NULL CHECK (decision_on >= starts_on),
  note text NOT NULL DEFAULT '',
  PRIMARY KEY (project_id, case_id),
  UNIQUE (project_id, position)
);
ALTER TABLE key_projects ADD COLUMN roadmap_saved_at timestamptz;

-- Each roadmap sent to the applicant, as sent: what the applicant's page and PDF show, and the
-- timeline's entry. items: [{ caseId, permitType, position, startsOn, decisionOn, note }].
CREATE TABLE key_project_roadmap_sends (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  sent_by bigint REFERENCES users (id) ON DELETE SET NULL,
  items jsonb NOT NULL,
  lang text NOT NULL CHECK (lang IN ('fi', 'sv', 'en')),
  sent_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX key_project_roadmap_sends_project_idx ON key_project_roadmap_sends (project_id, sent_at);

-- When the due reminder was mailed to its manager; an instance claims a reminder by setting it,
-- so two instances never both mail one.
ALTER TABLE key_project_reminders ADD COLUMN sent_at timestamptz;
CREATE INDEX key_project_reminders_unsent_idx ON key_project_reminders (due_on)
  WHERE sent_at IS NULL AND done_at IS NULL;
