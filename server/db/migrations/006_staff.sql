-- Staff accounts, sessions, login throttling, the audit log and import bookkeeping.

CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  display_name text NOT NULL DEFAULT '',
  -- Plot staff: admin > publisher > editor. 'handler' (authority staff of one department) and
  -- 'applicant' (a company's user) belong to the permits and applications features.
  role text NOT NULL CHECK (role IN ('admin', 'publisher', 'editor', 'handler', 'applicant')),
  department_id text REFERENCES departments (id),
  organisation text,
  password_hash text NOT NULL,            -- argon2id PHC string
  disabled boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,               -- per-account lockout, shared by every instance
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz,
  CHECK (role <> 'handler' OR department_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));

-- The cookie holds a random token; only its SHA-256 is stored, so a read of this table does not
-- hand out live sessions.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE login_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  ip text,
  success boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_email_idx ON login_attempts (lower(email), at);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id bigint REFERENCES users (id) ON DELETE SET NULL,
  actor text NOT NULL,                    -- e-mail at the time (kept when the user is removed)
  action text NOT NULL,                   -- e.g. 'login', 'plot.update', 'import.commit'
  target_type text,
  target_id text,
  ip text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC);

-- Attribute mappings staff saved for reuse: { target field: source attribute }.
CREATE TABLE import_mappings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  mapping jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- An upload parsed and validated, waiting for the staff member to confirm it. Rows are kept
-- here (not in memory) so any instance can show or commit a preview made by another, and a
-- 100 000-feature file never has to fit in memory.
CREATE TABLE import_jobs (
  id uuid PRIMARY KEY,
  created_by bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  file_name text NOT NULL,
  format text,
  status text NOT NULL DEFAULT 'parsing'
    CHECK (status IN ('parsing', 'preview', 'committed', 'discarded', 'failed')),
  progress jsonb NOT NULL DEFAULT '{}',   -- { bytes, total_bytes, features } while parsing
  summary jsonb NOT NULL DEFAULT '{}',    -- what the file holds: layer, attributes, CRS facts
  settings jsonb NOT NULL DEFAULT '{}',   -- CRS, axis order, mapping chosen by the user
  validation jsonb NOT NULL DEFAULT '{}', -- counts of actions and problems
  committed_at timestamptz
);

CREATE TABLE import_rows (
  job_id uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
  n integer NOT NULL,                     -- 1-based feature number in the file
  source jsonb NOT NULL,                  -- original attributes
  src_geom geometry,                      -- coordinates as in the file, no CRS yet
  geom geometry(MultiPolygon, 3879),      -- after CRS, axis order and repair
  mapped jsonb,                           -- plot fields after mapping, overrides and validation
  overrides jsonb NOT NULL DEFAULT '{}',  -- values the user fixed in the preview
  problems jsonb NOT NULL DEFAULT '[]',   -- [{ field, code, severity, value }]
  action text,                            -- 'new', 'update' or null (cannot be imported)
  plot_id bigint,                         -- the existing plot an 'update' row changes
  excluded boolean NOT NULL DEFAULT false,
  PRIMARY KEY (job_id, n)
);
