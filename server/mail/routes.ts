import express, { type Request, type Router } from 'express';
import { can, requirePermission, requireSession } from '../auth/guard.ts';
import { sessionOf } from '../auth/sessions.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { OUTBOX_LANGS, renderOutbox, renderOutboxRefusal, type OutboxLang } from './outbox-page.ts';
import { listMail, type OutboxRow } from './sql.ts';

/**
 * The development outbox: /outbox (HTML) and /api/outbox (JSON), newest first, at most 200
 * messages; `?to=` narrows to one recipient, `?kind=` to one cause. Mounted only when
 * MAIL_OUTBOX_PAGE is on (never by default in production); when off, both paths fall through
 * to the usual 404. Even then only signed-in admins read it: the messages hold applicants'
 * addresses and case messages, and the confirm and unsubscribe links of saved searches.
 */
export function mailRoutes(db: Db, config: Pick<Config, 'mailOutboxPage'>): Router {
  const r = express.Router();
  if (!config.mailOutboxPage) return r;

  const read = async (req: Request) => {
    const to = typeof req.query.to === 'string' && req.query.to ? req.query.to : undefined;
    const kind = typeof req.query.kind === 'string' && req.query.kind ? req.query.kind : undefined;
    const s = listMail({ limit: 200, to, kind });
    return db.query<OutboxRow>(s.text, s.values);
  };

  r.get('/api/outbox', requireSession(db), requirePermission('mail.read'), async (req, res) => {
    const rows = await read(req);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      messages: rows.map((m) => ({
        id: m.id,
        to: m.to_address,
        subject: m.subject,
        text: m.text_body,
        html: m.html_body,
        kind: m.kind,
        createdAt: new Date(m.created_at).toISOString(),
        sentAt: m.sent_at ? new Date(m.sent_at).toISOString() : null,
        error: m.error,
        attempts: m.attempts,
      })),
    });
  });

  r.get('/outbox', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const s = await sessionOf(db, req);
    if (!s || !can(s.role, 'mail.read')) {
      res
        .status(s ? 403 : 401)
        .type('html')
        .send(renderOutboxRefusal(s ? 'forbidden' : 'sign_in', pickLang(req)));
      return;
    }
    const rows = await read(req);
    res.type('html').send(renderOutbox(rows, pickLang(req)));
  });
  return r;
}

/** ?lang= first, then Accept-Language, then Finnish. */
function pickLang(req: Request): OutboxLang {
  const q = String(req.query.lang ?? '');
  if ((OUTBOX_LANGS as readonly string[]).includes(q)) return q as OutboxLang;
  const a = req.acceptsLanguages(...OUTBOX_LANGS);
  return (a || 'fi') as OutboxLang;
}
