-- Applications: a company's project on one or more plots holds one case per permit it needs;
-- each case belongs to the department that decides it. Every change is an event, kept.

-- Applicants register themselves; the Finnish business ID (Y-tunnus) identifies the company.
ALTER TABLE users
  ADD COLUMN business_id text CHECK (business_id IS NULL OR business_id ~ '^[0-9]{7}-[0-9]$'),
  -- Language of the e-mails the user gets.
  ADD COLUMN preferred_lang text NOT NULL DEFAULT 'fi' CHECK (preferred_lang IN ('fi', 'sv', 'en'));

CREATE TABLE projects (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  applicant_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  activity_code text NOT NULL REFERENCES permit_activities (code),
  facts jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz                -- null while the project is a draft
);
CREATE INDEX projects_applicant_idx ON projects (applicant_id, created_at DESC);

-- A plot may later be withdrawn or removed; the project keeps its identifier as applied for.
CREATE TABLE project_plots (
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  plot_id bigint REFERENCES plots (id) ON DELETE SET NULL,
  property_id text NOT NULL,
  position smallint NOT NULL,
  PRIMARY KEY (project_id, position)
);

CREATE TABLE cases (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  permit_type_code text NOT NULL REFERENCES permit_types (code),
  department_id text NOT NULL REFERENCES departments (id),
  stage text NOT NULL DEFAULT 'draft' CHECK (stage IN ('draft', 'submitted', 'received',
    'in_processing', 'supplement_requested', 'decision_given', 'final', 'appealed', 'cancelled', 'lapsed')),
  reasons jsonb NOT NULL DEFAULT '[]',    -- why the rules suggested it: [{ fi, sv, en }]
  depends_on text[] NOT NULL DEFAULT '{}',
  -- The schedule estimate when the project was made, in days from submission.
  starts_after_days integer NOT NULL DEFAULT 0,
  finishes_after_days_min integer NOT NULL,
  finishes_after_days_max integer NOT NULL,
  stage_changed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, permit_type_code)
);
CREATE INDEX cases_department_idx ON cases (department_id, stage, stage_changed_at DESC);

CREATE TABLE case_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id bigint REFERENCES users (id) ON DELETE SET NULL,
  actor_role text NOT NULL,               -- 'applicant', 'handler', 'system'
  actor_label text NOT NULL,              -- organisation or department name at the time
  kind text NOT NULL CHECK (kind IN ('created', 'stage', 'supplement_reply')),
  from_stage text,
  to_stage text,
  message text NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case_idx ON case_events (case_id, at, id);

-- Files are kept in the database (see server/applications/attachments.ts for why).
CREATE TABLE attachments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  case_id bigint REFERENCES cases (id) ON DELETE CASCADE,    -- null: for every case of the project
  event_id bigint REFERENCES case_events (id) ON DELETE SET NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_project_idx ON attachments (project_id, created_at);
