/** The small self-contained HTML pages opened from mail links (no script, no sign-in). */
import { esc } from './mails.ts';
import { text, type Lang, type TextKey } from './texts.ts';

export interface PageSpec {
  lang: Lang;
  title: TextKey;
  /** Paragraphs already in the page's language. */
  paragraphs: string[];
  /** A button posting to `action` (unsubscribe confirmation). */
  form?: { action: string; button: TextKey };
  mapUrl: string;
  /** The map showing the search's filter, when there is a search to show. */
  searchUrl?: string;
  /** Shown for an error page, so support can match it with the API's code. */
  code?: string;
}

export function renderPage(p: PageSpec): string {
  const title = text(p.lang, p.title);
  const form = p.form
    ? `<form method="post" action="${esc(p.form.action)}"><button type="submit">${esc(text(p.lang, p.form.button))}</button></form>`
    : '';
  return `<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)} – Tonttiluukku</title>
<style>
body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
h1{font-size:1.5rem}
button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:.3rem;background:#0000bf;color:#fff;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
a{color:#0000bf}
.code{color:#555;font-size:.875rem}
</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
${p.paragraphs.map((x) => `<p>${esc(x)}</p>`).join('\n')}
${form}
${p.code ? `<p class="code">${esc(p.code)}</p>` : ''}
<p><a href="${esc(p.searchUrl ?? p.mapUrl)}">${esc(text(p.lang, p.searchUrl ? 'openSearch' : 'openMap'))}</a></p>
</main>
</body>
</html>`;
}
