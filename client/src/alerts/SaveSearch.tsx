// "Save this search": a button by the filters opening a small dialog (e-mail address and how
// often), which saves the current filter as an e-mail alert. The server mails a confirmation
// link first (double opt-in); its answer is shown in the dialog. Texts: messages.ts.
import { useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { filterToParams, type PlotFilter } from '../../../shared/filter.ts';
import { msg, type Lang } from './messages.ts';
import './alerts.css';

export interface SaveSearchProps {
  filter: PlotFilter;
  lang: Lang;
  /** The current result count as text ("42 plots"), shown as a reminder of the filter. */
  countText: string;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'sent'; email: string }
  | { kind: 'failed'; message: string };

/** Posts the search; resolves to an error message in `lang`, or null when the mail was sent. */
async function saveSearch(body: Record<string, unknown>, lang: Lang): Promise<string | null> {
  let res: Response;
  try {
    res = await fetch('/api/saved-searches', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return msg(lang, 'network');
  }
  if (res.ok) return null;
  // The server words its errors in the language sent with the request.
  const err = (await res.json().catch(() => ({}))) as { error?: { message?: string; code?: string } };
  return err.error?.message ?? `HTTP ${res.status}`;
}

export function SaveSearch({ filter, lang, countText }: SaveSearchProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [email, setEmail] = useState('');
  const [frequency, setFrequency] = useState<'immediate' | 'daily'>('immediate');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const submit = async () => {
    setStatus({ kind: 'sending' });
    // A selection of plots (ids) never matches a new plot: the alert is about the rest of the filter.
    const { ids: _ids, ...rest } = filter;
    const problem = await saveSearch(
      { email, language: lang, frequency, filter: Object.fromEntries(filterToParams(rest)) },
      lang,
    );
    setStatus(problem ? { kind: 'failed', message: problem } : { kind: 'sent', email });
  };
  const sending = status.kind === 'sending';

  return (
    <>
      <button
        type="button"
        className="save-search-open"
        onClick={() => {
          if (status.kind !== 'sending') setStatus({ kind: 'idle' });
          dialog.current?.showModal();
        }}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path
            d="M12 22a2.5 2.5 0 0 0 2.5-2.5h-5A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
            fill="currentColor"
          />
        </svg>
        {msg(lang, 'open')}
      </button>
      {/* A portal: the button sits in the filter form, and forms cannot nest. */}
      {createPortal(
        <dialog ref={dialog} className="save-search-dialog" aria-labelledby={`${id}-title`}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!sending) void submit();
            }}
          >
            <h2 id={`${id}-title`}>{msg(lang, 'title')}</h2>
            <p className="save-search-intro">{msg(lang, 'intro')}</p>
            <p className="save-search-intro">{msg(lang, 'filterNow', { count: countText })}</p>

            <label className="save-search-email" htmlFor={`${id}-email`}>
              {msg(lang, 'email')}
            </label>
            <input
              id={`${id}-email`}
              type="email"
              required
              autoComplete="email"
              maxLength={254}
              value={email}
              disabled={sending}
              onChange={(e) => setEmail(e.target.value)}
            />

            <fieldset disabled={sending}>
              <legend>{msg(lang, 'frequency')}</legend>
              {(['immediate', 'daily'] as const).map((f) => (
                <label key={f}>
                  <input
                    type="radio"
                    name={`${id}-frequency`}
                    value={f}
                    checked={frequency === f}
                    onChange={() => setFrequency(f)}
                  />
                  {msg(lang, f)}
                </label>
              ))}
            </fieldset>
            <p className="save-search-note">{msg(lang, 'privacy')}</p>

            <div className="save-search-status" role="status" aria-live="polite">
              {status.kind === 'sending' && msg(lang, 'sending')}
              {status.kind === 'sent' && (
                <span className="save-search-sent">{msg(lang, 'sent', { email: status.email })}</span>
              )}
              {status.kind === 'failed' && (
                <span className="save-search-error">{msg(lang, 'failed', { message: status.message })}</span>
              )}
            </div>

            <div className="save-search-actions">
              <button type="button" onClick={() => dialog.current?.close()}>
                {msg(lang, 'close')}
              </button>
              <button type="submit" className="save-search-primary" disabled={sending}>
                {msg(lang, 'submit')}
              </button>
            </div>
          </form>
        </dialog>,
        document.body,
      )}
    </>
  );
}
