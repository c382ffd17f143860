-- OpenID Connect sign-in and acting for a company (server/auth/oidc/).

-- A person as an identity provider knows them: matched by (issuer, subject), never by e-mail.
CREATE TABLE user_identities (
  issuer text NOT NULL,
  subject text NOT NULL,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user_idx ON user_identities (user_id);

-- A sign-in under way: its PKCE verifier and nonce stay on the server, keyed by the state's hash;
-- the row is deleted when the provider's answer comes back, so a state works once.
CREATE TABLE oidc_flows (
  state_hash text PRIMARY KEY,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  return_to text NOT NULL DEFAULT '/apply',
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_flows_expires_idx ON oidc_flows (expires_at);

-- Which provider session a session came from (back-channel logout ends it), the companies the
-- mandates source offered at sign-in and the one the person chose to act for.
ALTER TABLE sessions
  ADD COLUMN oidc_issuer text,
  ADD COLUMN oidc_subject text,
  ADD COLUMN oidc_sid text,
  ADD COLUMN companies jsonb,
  ADD COLUMN company_business_id text,
  ADD COLUMN company_name text;
CREATE INDEX sessions_oidc_sid_idx ON sessions (oidc_issuer, oidc_sid) WHERE oidc_sid IS NOT NULL;
CREATE INDEX sessions_oidc_subject_idx ON sessions (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

-- A project made while acting for a company belongs to the company: anyone with a mandate for it
-- sees and continues it. Older projects (null) stay their applicant's own.
ALTER TABLE projects
  ADD COLUMN company_business_id text,
  ADD COLUMN company_name text;
CREATE INDEX projects_company_idx ON projects (company_business_id, created_at DESC)
  WHERE company_business_id IS NOT NULL;

-- Every action keeps the person (actor_id) and the company they acted for.
ALTER TABLE case_events ADD COLUMN actor_business_id text;
