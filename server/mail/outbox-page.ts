import { formatDateTime } from '../../shared/dates.ts';
import type { OutboxRow } from './sql.ts';

/** The outbox page's own texts, in Finnish, Swedish and English. */
export const OUTBOX_LANGS = ['fi', 'sv', 'en'] as const;
export type OutboxLang = (typeof OUTBOX_LANGS)[number];

const T = {
  title: { fi: 'Lähtevä posti (kehitys)', sv: 'Utkorg (utveckling)', en: 'Outbox (development)' },
  intro: {
    fi: 'Kaikki palvelun lähettämät sähköpostit, uusin ensin. Sivu on vain kehityskäyttöön (MAIL_OUTBOX_PAGE).',
    sv: 'All e-post som tjänsten skickat, nyaste först. Sidan är endast för utveckling (MAIL_OUTBOX_PAGE).',
    en: 'Every e-mail the service has sent, newest first. This page is for development only (MAIL_OUTBOX_PAGE).',
  },
  empty: { fi: 'Ei viestejä.', sv: 'Inga meddelanden.', en: 'No messages.' },
  to: { fi: 'Vastaanottaja', sv: 'Mottagare', en: 'To' },
  kind: { fi: 'Laji', sv: 'Typ', en: 'Kind' },
  created: { fi: 'Luotu', sv: 'Skapad', en: 'Created' },
  status: { fi: 'Tila', sv: 'Status', en: 'Status' },
  sent: { fi: 'lähetetty', sv: 'skickad', en: 'sent' },
  stored: {
    fi: 'tallennettu (SMTP ei käytössä tai odottaa)',
    sv: 'sparad (SMTP inte i bruk eller väntar)',
    en: 'stored (no SMTP configured, or waiting)',
  },
  failed: { fi: 'epäonnistui', sv: 'misslyckades', en: 'failed' },
  attempts: { fi: 'yrityksiä', sv: 'försök', en: 'attempts' },
  sign_in: {
    fi: 'Sivu näkyy vain ylläpitäjille. Kirjaudu ensin henkilöstön sovellukseen.',
    sv: 'Sidan visas endast för administratörer. Logga först in i personalens app.',
    en: 'This page is for admins only. Sign in to the staff app first.',
  },
  forbidden: {
    fi: 'Sivu näkyy vain ylläpitäjille; roolisi ei riitä.',
    sv: 'Sidan visas endast för administratörer; din roll räcker inte.',
    en: 'This page is for admins only; your role does not allow it.',
  },
  staff_app: { fi: 'Henkilöstön sovellus', sv: 'Personalens app', en: 'Staff app' },
} satisfies Record<string, Record<OutboxLang, string>>;

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Why the outbox is not shown: nobody signed in (401), or not an admin (403). */
export function renderOutboxRefusal(why: 'sign_in' | 'forbidden', lang: OutboxLang): string {
  const t = (k: keyof typeof T) => esc(T[k][lang]);
  return page(lang, `<p>${t(why)}</p>\n<p><a href="/staff.html">${t('staff_app')}</a></p>`);
}

/** The outbox as a self-contained HTML page (no scripts, so the strict CSP holds). */
export function renderOutbox(rows: OutboxRow[], lang: OutboxLang): string {
  const t = (k: keyof typeof T) => esc(T[k][lang]);
  const when = (v: Date | string) => formatDateTime(v, lang);
  const status = (r: OutboxRow) =>
    r.sent_at
      ? `${t('sent')} ${esc(when(r.sent_at))}`
      : r.error
        ? `${t('failed')} (${r.attempts} ${t('attempts')}): ${esc(r.error)}`
        : t('stored');
  const items = rows
    .map(
      (r) => `<article class="mail" aria-labelledby="m${esc(r.id)}">
<h2 id="m${esc(r.id)}">${esc(r.subject)}</h2>
<dl>
<dt>${t('to')}</dt><dd>${esc(r.to_address)}</dd>
<dt>${t('kind')}</dt><dd>${esc(r.kind)}</dd>
<dt>${t('created')}</dt><dd><time datetime="${new Date(r.created_at).toISOString()}">${esc(when(r.created_at))}</time></dd>
<dt>${t('status')}</dt><dd>${status(r)}</dd>
</dl>
<pre>${esc(r.text_body)}</pre>
</article>`,
    )
    .join('\n');
  return page(lang, `<p>${t('intro')}</p>\n${items || `<p>${t('empty')}</p>`}`);
}

function page(lang: OutboxLang, body: string): string {
  const t = (k: keyof typeof T) => esc(T[k][lang]);
  const langs = OUTBOX_LANGS.map((l) =>
    l === lang ? `<strong>${l}</strong>` : `<a href="?lang=${l}" hreflang="${l}">${l}</a>`,
  ).join(' | ');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('title')} - Tonttiluukku</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}
.mail{border:1px solid #8a8a8a;border-radius:4px;padding:.5rem 1rem;margin:1rem 0}
.mail h2{font-size:1.1rem;margin:.3rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.3rem 0}
dt{font-weight:600}dd{margin:0}
pre{white-space:pre-wrap;background:#f3f3f3;padding:.5rem;border-radius:3px}
a{color:#0b4f9c}
</style>
</head>
<body>
<header><nav aria-label="${lang === 'fi' ? 'Kieli' : lang === 'sv' ? 'Språk' : 'Language'}">${langs}</nav></header>
<main>
<h1>${t('title')}</h1>
${body}
</main>
</body>
</html>`;
}
