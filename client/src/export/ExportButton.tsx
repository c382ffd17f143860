// The result list's export: a button opening a small dialog (format, CRS, CSV delimiter and
// geometry, columns behind one disclosure so Download is a few Tabs away), then the download with
// progress and cancel. The dialog opens on the chosen format, keeps Tab and Shift+Tab inside,
// closes on Escape and gives focus back to its button. Texts: messages.ts; the
// request and streaming: download.ts; column titles come from /api/export/options.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import {
  crsChoices,
  exportUrl,
  fetchExport,
  formatBytes,
  FORMATS,
  saveBlob,
  type Crs,
  type ExportChoice,
  type Format,
  type Progress,
} from './download.ts';
import { ApiError } from '../api/client.ts';
import { failureText, msg, type Lang } from './messages.ts';
import './export.css';

export interface ExportButtonProps {
  /** The current filter as query parameters (shared/filter.ts filterToParams). */
  filterParams: URLSearchParams;
  lang: Lang;
  /** The result list's sort: the file's rows come in the order the list shows. */
  sort?: string;
}

interface ColumnOption {
  key: string;
  title: string;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; progress: Progress | null }
  | { kind: 'done'; file: string; demo: boolean }
  | { kind: 'cancelled' }
  | { kind: 'failed'; code: string };

const defaultCrs = (f: Format): Crs => (f === 'geojson' || f === 'kml' ? 'CRS84' : 'EPSG:3879');

/** What Tab may land on inside the dialog, in document order. */
const FOCUSABLE =
  'button:not(:disabled), input:not(:disabled), select:not(:disabled), summary, [tabindex]:not([tabindex="-1"])';

/** Keeps Tab and Shift+Tab inside `box`: past the last control comes the first, and back. */
function trapTab(e: KeyboardEvent, box: HTMLElement): void {
  if (e.key !== 'Tab') return;
  const all = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    // A radio group is one Tab stop: only its checked radio takes focus.
    (el) =>
      el.getClientRects().length > 0 &&
      !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked),
  );
  const first = all[0];
  const last = all[all.length - 1];
  if (!first || !last) return;
  const at = document.activeElement;
  if (e.shiftKey && (at === first || !box.contains(at))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (at === last || !box.contains(at))) {
    e.preventDefault();
    first.focus();
  }
}

export function ExportButton({ filterParams, lang, sort }: ExportButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const abort = useRef<AbortController | null>(null);
  const id = useId();
  const [format, setFormat] = useState<Format>('xlsx');
  const [crs, setCrs] = useState<Crs>('EPSG:3879');
  const [delimiter, setDelimiter] = useState<'comma' | 'semicolon'>(lang === 'en' ? 'comma' : 'semicolon');
  const [wkt, setWkt] = useState(false);
  const [columns, setColumns] = useState<ColumnOption[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  // Column titles in the user's language; every column is chosen at first.
  useEffect(() => {
    const ctrl = new AbortController();
    fetch(`/api/export/options?lang=${lang}`, { signal: ctrl.signal })
      .then((r) => r.json() as Promise<{ columns: ColumnOption[] }>)
      .then((o) => {
        setColumns(o.columns);
        setChosen((prev) => (prev.size ? prev : new Set(o.columns.map((c) => c.key))));
      })
      .catch(() => {});
    return () => ctrl.abort();
  }, [lang]);

  // An export still running when the component goes away is cancelled, not left to finish.
  useEffect(() => () => abort.current?.abort(), []);

  // Each format starts in the CRS it is made for (GeoJSON: RFC 7946 longitude/latitude, as the
  // API defaults); a CRS chosen afterwards is kept until the format changes again.
  const pickFormat = (f: Format) => {
    setFormat(f);
    setCrs(defaultCrs(f));
  };

  const open = () => {
    const d = dialog.current;
    if (!d) return;
    d.showModal();
    // The browser would focus the first radio (CSV) although another format is chosen.
    d.querySelector<HTMLInputElement>('input[name="format"]:checked')?.focus();
  };

  const start = async () => {
    const choice: ExportChoice = {
      format,
      sort,
      crs,
      delimiter,
      wkt,
      columns: columns.filter((c) => chosen.has(c.key)).map((c) => c.key),
      allColumns: chosen.size === columns.length,
    };
    const ctrl = new AbortController();
    abort.current = ctrl;
    setStatus({ kind: 'running', progress: null });
    try {
      const { blob, fileName, demo } = await fetchExport(
        exportUrl(filterParams, choice, lang),
        ctrl.signal,
        (p) => setStatus({ kind: 'running', progress: p }),
      );
      saveBlob(blob, fileName);
      setStatus({ kind: 'done', file: fileName, demo });
    } catch (err) {
      setStatus(
        ctrl.signal.aborted
          ? { kind: 'cancelled' }
          : { kind: 'failed', code: err instanceof ApiError ? err.code : 'network' },
      );
    } finally {
      abort.current = null;
    }
  };

  const running = status.kind === 'running';
  const showCrs = format !== 'xlsx' && (format !== 'csv' || wkt);
  const noColumns = chosen.size === 0;

  return (
    <>
      <button type="button" className="export-open" ref={opener} onClick={open}>
        {msg(lang, 'open')}
      </button>
      <dialog
        ref={dialog}
        className="export-dialog"
        aria-labelledby={`${id}-title`}
        onKeyDown={(e) => dialog.current && trapTab(e, dialog.current)}
        onClose={() => {
          abort.current?.abort();
          opener.current?.focus();
        }}
      >
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            if (!running && !noColumns) void start();
          }}
        >
          <h2 id={`${id}-title`}>{msg(lang, 'title')}</h2>
          <p className="export-intro">{msg(lang, 'intro')}</p>

          <fieldset disabled={running}>
            <legend>{msg(lang, 'format')}</legend>
            <div className="export-formats">
              {FORMATS.map((f) => (
                <label key={f}>
                  <input
                    type="radio"
                    name="format"
                    value={f}
                    checked={format === f}
                    onChange={() => pickFormat(f)}
                  />
                  {msg(lang, f)}
                </label>
              ))}
            </div>
          </fieldset>

          {format === 'csv' && (
            <fieldset disabled={running}>
              <legend>{msg(lang, 'delimiter')}</legend>
              {(['semicolon', 'comma'] as const).map((d) => (
                <label key={d}>
                  <input
                    type="radio"
                    name="delimiter"
                    value={d}
                    checked={delimiter === d}
                    onChange={() => setDelimiter(d)}
                  />
                  {msg(lang, d)}
                </label>
              ))}
              <label>
                <input type="checkbox" checked={wkt} onChange={(e) => setWkt(e.target.checked)} />
                {msg(lang, 'wkt')}
              </label>
            </fieldset>
          )}

          {showCrs && (
            <div className="export-crs">
              <label htmlFor={`${id}-crs`}>{msg(lang, 'crs')}</label>
              <select
                id={`${id}-crs`}
                value={crs}
                disabled={running || format === 'kml'}
                onChange={(e) => setCrs(e.target.value as Crs)}
                aria-describedby={format === 'kml' ? `${id}-crs-note` : undefined}
              >
                {crsChoices(format).map((c) => (
                  <option key={c} value={c}>
                    {msg(lang, c)}
                  </option>
                ))}
              </select>
              {format === 'kml' && (
                <p id={`${id}-crs-note`} className="export-note">
                  {msg(lang, 'crsKml')}
                </p>
              )}
            </div>
          )}

          <details className="export-columns">
            <summary>{msg(lang, 'columnsChosen', { chosen: chosen.size, total: columns.length })}</summary>
            <fieldset disabled={running}>
              <legend className="sr-only">{msg(lang, 'columns')}</legend>
              <div className="export-column-actions">
                <button type="button" onClick={() => setChosen(new Set(columns.map((c) => c.key)))}>
                  {msg(lang, 'all')}
                </button>
                <button type="button" onClick={() => setChosen(new Set())}>
                  {msg(lang, 'none')}
                </button>
              </div>
              <div className="export-column-list">
                {columns.map((c) => (
                  <label key={c.key}>
                    <input
                      type="checkbox"
                      checked={chosen.has(c.key)}
                      onChange={(e) => {
                        const next = new Set(chosen);
                        if (e.target.checked) next.add(c.key);
                        else next.delete(c.key);
                        setChosen(next);
                      }}
                    />
                    {c.title}
                  </label>
                ))}
              </div>
            </fieldset>
          </details>
          {noColumns && <p className="export-error">{msg(lang, 'noColumns')}</p>}

          <div className="export-status" role="status" aria-live="polite">
            {status.kind === 'running' && (
              <>
                <progress aria-label={msg(lang, 'preparing')} />
                <span>
                  {status.progress
                    ? msg(lang, 'progress', {
                        received: formatBytes(status.progress.received, lang),
                        count: status.progress.count ?? '?',
                      })
                    : msg(lang, 'preparing')}
                </span>
              </>
            )}
            {status.kind === 'done' && (
              <span>
                {msg(lang, 'done', { file: status.file })}
                {status.demo && <> {msg(lang, 'demo')}</>}
              </span>
            )}
            {status.kind === 'cancelled' && <span>{msg(lang, 'cancelled')}</span>}
            {status.kind === 'failed' && (
              <span className="export-error">{failureText(lang, status.code)}</span>
            )}
          </div>

          <div className="export-actions">
            {running ? (
              <button type="button" onClick={() => abort.current?.abort()}>
                {msg(lang, 'cancel')}
              </button>
            ) : (
              <>
                <button type="button" onClick={() => dialog.current?.close()}>
                  {msg(lang, 'close')}
                </button>
                <button type="submit" className="export-primary" disabled={noColumns}>
                  {msg(lang, 'download')}
                </button>
              </>
            )}
          </div>
        </form>
      </dialog>
    </>
  );
}
