/**
 * Search with suggestions (ARIA combobox): typing asks /api/search after a short pause; arrow
 * keys move through the suggestions, Enter chooses, Escape closes. Choosing hands the result to
 * the app, which flies the map there and opens the plot card when the result is a plot.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { api, isAbort } from '../api/client.ts';
import type { SearchResult } from '../api/types.ts';
import { errorText } from '../app/errors.ts';
import { useDebounced } from '../app/hooks.ts';
import { useI18n } from '../i18n/context.ts';

export function SearchBox({ onChoose }: { onChoose(r: SearchResult): void }) {
  const t = useI18n();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<SearchResult[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<unknown>(null);
  const [searched, setSearched] = useState('');
  const debounced = useDebounced(q.trim(), 180);
  const listId = useId();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (debounced.length < 2) {
      setResults([]);
      setSearched('');
      return;
    }
    const ac = new AbortController();
    api
      .search(debounced, 8, t.lang, ac.signal)
      .then((r) => {
        setResults(r.results);
        setSearched(debounced);
        setError(null);
        setActive(r.results.length ? 0 : -1);
      })
      .catch((e) => !isAbort(e) && setError(e));
    return () => ac.abort();
  }, [debounced, t.lang]);

  const choose = (r: SearchResult) => {
    setOpen(false);
    setQ(r.label);
    onChoose(r);
  };
  const showList =
    open && q.trim().length >= 2 && (results.length > 0 || searched === q.trim() || error != null);

  return (
    <div className="search" role="search">
      <label htmlFor={inputId} className="sr-only">
        {t.t('searchLabel')}
      </label>
      <input
        ref={input}
        id={inputId}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder={t.t('searchPlaceholder')}
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        value={q}
        maxLength={200}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, results.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            const r = results[active] ?? results[0];
            if (r && searched === q.trim()) {
              e.preventDefault();
              choose(r);
            }
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      <ul
        id={listId}
        role="listbox"
        className="suggestions"
        hidden={!showList}
        aria-label={t.t('searchLabel')}
      >
        {error != null && (
          <li role="option" aria-selected={false} aria-disabled="true" className="muted">
            {errorText(error, t)}
          </li>
        )}
        {!error && results.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="muted">
            {t.t('searchNoResults')}
          </li>
        )}
        {results.map((r, i) => (
          <li
            key={`${r.kind}-${r.id ?? r.plot_id ?? i}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : ''}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(r)}
          >
            <span className="sugg-label">{r.label}</span>
            <span className="sugg-meta">
              {/* Areas, plans and points name their kind in their own label or sublabel. */}
              {[r.kind === 'plot' || r.kind === 'address' ? t.tk(`searchKind_${r.kind}`) : '', r.sublabel]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
