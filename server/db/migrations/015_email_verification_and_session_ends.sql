-- Self-registered applicants prove their address before anything they do reaches the city.
-- Accounts made by an admin or from the command line are vouched for by whoever made them, and
-- accounts older than this migration were in use before the check: both count as verified.
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
UPDATE users SET email_verified_at = created_at;

-- The link in the verification mail carries a random token; only its SHA-256 is kept, so a read
-- of this table verifies nobody. A token works once and until expires_at.
CREATE TABLE email_verifications (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX email_verifications_user_idx ON email_verifications (user_id, created_at);

-- Open live streams (SSE) end with their session. Every way a session row goes (logout,
-- password change, disabling, erasure of the user by cascade, a script) tells every instance
-- which user lost one; each then re-checks the sessions of that user's open streams. NOTIFY
-- folds equal payloads of one transaction into one, so a bulk delete sends one per user.
CREATE FUNCTION sessions_ended_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sessions_ended', OLD.user_id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER sessions_ended AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION sessions_ended_notify();
