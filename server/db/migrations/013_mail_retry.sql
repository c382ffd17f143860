-- Deliveries are retried from the table rather than from one process's memory: a restart or a
-- crash between storing a message and delivering it no longer loses it, and instances sharing
-- the database never send one twice. next_attempt_at is when the message is due (again): a
-- claim moves it ahead by a lease, a delivery clears it, a failure sets the next retry, giving
-- up clears it. NULL for messages that are only stored (no SMTP server configured).
ALTER TABLE mail_outbox ADD COLUMN next_attempt_at timestamptz;
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at)
  WHERE sent_at IS NULL AND next_attempt_at IS NOT NULL;
