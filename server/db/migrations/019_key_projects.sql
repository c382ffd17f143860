-- Key projects: complex or economically significant projects get a key customer manager
-- (Business Services) and a team of named responsible persons in the departments holding
-- their cases (server/key-projects/).

-- The key customer manager is a staff role of its own; a Business Services lead (a manager with
-- key_account_lead) sees every key project. Handlers may be their department's responsible person.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('admin', 'publisher', 'editor', 'handler', 'applicant', 'key_account_manager'));
ALTER TABLE users
  ADD COLUMN responsible_person boolean NOT NULL DEFAULT false,
  ADD COLUMN key_account_lead boolean NOT NULL DEFAULT false;

-- Where a key customer manager escalates a stuck case of the department (a role address); when
-- unset, the department's catalogue contact address.
ALTER TABLE departments ADD COLUMN lead_email text;

-- The thresholds admins set: crossing any one makes a project a key project. One row.
CREATE TABLE key_project_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  min_building_right_kem2 numeric NOT NULL DEFAULT 10000 CHECK (min_building_right_kem2 > 0),
  min_area_m2 numeric NOT NULL DEFAULT 20000 CHECK (min_area_m2 > 0),
  min_investment_eur numeric NOT NULL DEFAULT 10000000 CHECK (min_investment_eur > 0),
  min_jobs integer NOT NULL DEFAULT 50 CHECK (min_jobs > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO key_project_settings DEFAULT VALUES;

-- A project's key-project facts and status. The applicant gives investment and jobs and may ask
-- for a manager; Business Services may flag a project. reasons: why it is a key project now.
CREATE TABLE key_projects (
  project_id bigint PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  investment_eur numeric CHECK (investment_eur IS NULL OR investment_eur >= 0),
  jobs integer CHECK (jobs IS NULL OR jobs >= 0),
  requested_manager boolean NOT NULL DEFAULT false,
  flagged boolean NOT NULL DEFAULT false,
  is_key boolean NOT NULL DEFAULT false,
  reasons text[] NOT NULL DEFAULT '{}',
  manager_user_id bigint REFERENCES users (id) ON DELETE SET NULL,
  became_key_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX key_projects_manager_idx ON key_projects (manager_user_id) WHERE is_key;

-- The responsible person of each department holding one of the project's cases.
CREATE TABLE key_project_team (
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  department_id text NOT NULL REFERENCES departments (id),
  user_id bigint REFERENCES users (id) ON DELETE SET NULL,
  -- Set by the manager: automatic assignment leaves the row alone from then on.
  chosen_by_manager boolean NOT NULL DEFAULT false,
  PRIMARY KEY (project_id, department_id)
);
CREATE INDEX key_project_team_user_idx ON key_project_team (user_id);

-- Internal notes: the manager and the team only, never the applicant.
CREATE TABLE key_project_notes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  author_id bigint REFERENCES users (id) ON DELETE SET NULL,
  author_label text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX key_project_notes_project_idx ON key_project_notes (project_id, created_at);

-- Messages between the manager and the applicant, both ways.
CREATE TABLE key_project_messages (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  author_id bigint REFERENCES users (id) ON DELETE SET NULL,
  from_applicant boolean NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX key_project_messages_project_idx ON key_project_messages (project_id, created_at);

-- Joint meetings the manager proposes to the applicant and invited team members.
CREATE TABLE key_project_meetings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  proposed_by bigint REFERENCES users (id) ON DELETE SET NULL,
  starts_at timestamptz NOT NULL,
  place text NOT NULL DEFAULT '',
  video_url text NOT NULL DEFAULT '',
  agenda text NOT NULL DEFAULT '',
  applicant_response text NOT NULL DEFAULT 'pending'
    CHECK (applicant_response IN ('pending', 'accepted', 'declined')),
  responded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK (place <> '' OR video_url <> '')
);
CREATE INDEX key_project_meetings_project_idx ON key_project_meetings (project_id, starts_at);
CREATE TABLE key_project_meeting_invitees (
  meeting_id bigint NOT NULL REFERENCES key_project_meetings (id) ON DELETE CASCADE,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (meeting_id, user_id)
);

-- Bring-forward reminders of the manager, optionally about one case.
CREATE TABLE key_project_reminders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  case_id bigint REFERENCES cases (id) ON DELETE CASCADE,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  due_on date NOT NULL,
  note text NOT NULL DEFAULT '',
  done_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX key_project_reminders_user_idx ON key_project_reminders (user_id, due_on) WHERE done_at IS NULL;
