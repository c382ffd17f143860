-- Mails about a subscription carry List-Unsubscribe (RFC 2369) and one-click unsubscribe
-- (RFC 8058) headers: mail clients then offer their own unsubscribe button. The address is kept
-- with the message so that a retried delivery sends the same headers.
ALTER TABLE mail_outbox ADD COLUMN list_unsubscribe text;
