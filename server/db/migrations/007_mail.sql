-- Every e-mail the service sends, kept as sent: the development outbox page reads it, delivery
-- failures are recorded beside the message, and retries pick the row up again.
CREATE TABLE mail_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  to_address text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text,
  kind text NOT NULL,                     -- what caused it, e.g. 'application.stage', 'alert.match'
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,                    -- null: not delivered (yet, or no SMTP configured)
  error text,                             -- last delivery failure, cleared on success
  attempts integer NOT NULL DEFAULT 0
);
CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at DESC, id DESC);
CREATE INDEX mail_outbox_to_idx ON mail_outbox (lower(to_address));
