// The plot card's "What will I need here?": pick an activity and a few facts, see the permit
// path (authorities, contacts, expected times, what runs in parallel and what waits), and the
// plot's contacts. Texts: messages.ts; data: /api/permits/activities, /api/plots/{id}/permit-path,
// /api/plots/{id}/contacts.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { permitsApi, PermitsApiError } from './api.ts';
import { formatDayRange, timelineBar } from './format.ts';
import { msg, type MessageKey } from './messages.ts';
import type {
  Activities,
  ActivityOption,
  FactDefinition,
  FactValue,
  Lang,
  PathPermit,
  PermitContact,
  PermitPath,
} from './types.ts';
import './permits.css';

export interface PermitsSectionProps {
  plotId: number;
  lang: Lang;
}

const isAbort = (err: unknown) => (err as Error)?.name === 'AbortError';

/** A failure as a sentence; the code stays visible for support. */
function errorMessage(err: unknown, lang: Lang): string {
  const code = err instanceof PermitsApiError ? err.code : 'client';
  const byCode: Record<string, MessageKey> = {
    network: 'errorNetwork',
    plot_not_found: 'errorNotFound',
    unknown_activity: 'errorActivity',
    invalid_fact: 'errorFacts',
    invalid_facts: 'errorFacts',
    unknown_fact: 'errorFacts',
    fact_not_applicable: 'errorFacts',
  };
  const key = byCode[code];
  return key ? msg(lang, key) : msg(lang, 'errorOther', { code });
}

/** The facts the activity asks, at their default values (false, the first option, the minimum). */
function initialFacts(
  activity: ActivityOption,
  defs: Map<string, FactDefinition>,
): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  for (const key of activity.facts) {
    const def = defs.get(key);
    if (!def) continue;
    const given = activity.defaults[key];
    if (given !== undefined) out[key] = given;
    else out[key] = def.type === 'boolean' ? false : def.type === 'choice' ? def.options[0]!.value : def.min;
  }
  return out;
}

export function PermitsSection({ plotId, lang }: PermitsSectionProps) {
  const id = useId();
  const [catalogue, setCatalogue] = useState<Activities | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [activityCode, setActivityCode] = useState('');
  const [facts, setFacts] = useState<Record<string, FactValue>>({});
  const [path, setPath] = useState<PermitPath | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The submit button is disabled while the path loads, which drops keyboard focus to the page
  // body: once the answer (or the error) is shown, focus moves to it.
  const answer = useRef<HTMLDivElement>(null);
  const focusAnswer = useRef(false);
  useEffect(() => {
    if (busy || !focusAnswer.current) return;
    focusAnswer.current = false;
    answer.current?.querySelector<HTMLElement>('.permits-result h4, .error')?.focus();
  }, [busy, path, error]);

  useEffect(() => {
    const ac = new AbortController();
    permitsApi
      .activities(ac.signal)
      .then(setCatalogue)
      .catch((e) => !isAbort(e) && setLoadError(e));
    return () => ac.abort();
  }, []);

  // Another plot: the previous answer no longer applies.
  useEffect(() => {
    setPath(null);
    setError(null);
  }, [plotId]);

  const defs = useMemo(() => new Map((catalogue?.facts ?? []).map((d) => [d.key, d])), [catalogue]);
  const activity = catalogue?.activities.find((a) => a.code === activityCode) ?? null;

  const chooseActivity = (code: string) => {
    setActivityCode(code);
    setPath(null);
    setError(null);
    const a = catalogue?.activities.find((x) => x.code === code);
    setFacts(a ? initialFacts(a, defs) : {});
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!activity) {
      setError(msg(lang, 'chooseActivity'));
      return;
    }
    setBusy(true);
    setError(null);
    focusAnswer.current = true;
    try {
      setPath(await permitsApi.path(plotId, activity.code, facts));
    } catch (err) {
      setPath(null);
      setError(errorMessage(err, lang));
    } finally {
      setBusy(false);
    }
  };

  const business = catalogue?.activities.filter((a) => a.kind === 'business') ?? [];
  const events = catalogue?.activities.filter((a) => a.kind === 'event') ?? [];

  return (
    <div className="permits-section">
      <h3 id={`${id}-h`}>{msg(lang, 'heading')}</h3>
      <p className="hint">{msg(lang, 'intro')}</p>
      {loadError != null && (
        <p className="error" role="alert">
          {errorMessage(loadError, lang)}
        </p>
      )}
      {!catalogue && loadError == null && <p className="hint">{msg(lang, 'loadingActivities')}</p>}
      {catalogue && (
        <form
          className="permits-form"
          onSubmit={(e) => void submit(e)}
          aria-labelledby={`${id}-h`}
          noValidate
        >
          <fieldset>
            <legend>{msg(lang, 'activityLegend')}</legend>
            <label htmlFor={`${id}-activity`}>{msg(lang, 'activityLabel')}</label>
            <select
              id={`${id}-activity`}
              value={activityCode}
              onChange={(e) => chooseActivity(e.target.value)}
            >
              <option value="">{msg(lang, 'activityPlaceholder')}</option>
              <optgroup label={msg(lang, 'groupBusiness')}>
                {business.map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.names[lang]}
                  </option>
                ))}
              </optgroup>
              <optgroup label={msg(lang, 'groupEvent')}>
                {events.map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.names[lang]}
                  </option>
                ))}
              </optgroup>
            </select>
          </fieldset>
          {activity && (
            <fieldset className="permits-facts">
              <legend>{msg(lang, 'factsLegend')}</legend>
              {activity.facts.length === 0 && <p className="hint">{msg(lang, 'noFacts')}</p>}
              {activity.facts.map((key) => {
                const def = defs.get(key);
                return def ? (
                  <FactControl
                    key={key}
                    idPrefix={id}
                    def={def}
                    lang={lang}
                    value={facts[key]}
                    onChange={(v) => setFacts((f) => ({ ...f, [key]: v }))}
                  />
                ) : null;
              })}
            </fieldset>
          )}
          <button type="submit" className="btn primary" disabled={busy}>
            {msg(lang, 'submit')}
          </button>
        </form>
      )}
      <div aria-live="polite" aria-busy={busy} ref={answer}>
        {busy && <p className="hint">{msg(lang, 'loading')}</p>}
        {error && (
          <p className="error" role="alert" tabIndex={-1}>
            {error}
          </p>
        )}
        {path && !busy && <PathResult path={path} lang={lang} />}
      </div>
      <PlotContactsList plotId={plotId} lang={lang} />
    </div>
  );
}

function FactControl(props: {
  idPrefix: string;
  def: FactDefinition;
  lang: Lang;
  value: FactValue | undefined;
  onChange(v: FactValue): void;
}) {
  const { idPrefix, def, lang, value, onChange } = props;
  const fid = `${idPrefix}-fact-${def.key}`;
  switch (def.type) {
    case 'boolean':
      return (
        <div className="fact fact-boolean">
          <input
            id={fid}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          <label htmlFor={fid}>{def.label[lang]}</label>
        </div>
      );
    case 'choice':
      return (
        <fieldset className="fact fact-choice">
          <legend>{def.label[lang]}</legend>
          {def.options.map((o) => (
            <div key={o.value}>
              <input
                id={`${fid}-${o.value}`}
                type="radio"
                name={fid}
                value={o.value}
                checked={value === o.value}
                onChange={() => onChange(o.value)}
              />
              <label htmlFor={`${fid}-${o.value}`}>{o.label[lang]}</label>
            </div>
          ))}
        </fieldset>
      );
    case 'integer':
      return (
        <div className="fact fact-integer">
          <label htmlFor={fid}>{def.label[lang]}</label>
          <input
            id={fid}
            type="number"
            inputMode="numeric"
            min={def.min}
            max={def.max}
            step={1}
            value={typeof value === 'number' && Number.isFinite(value) ? value : ''}
            // An empty or partial entry is sent as is; the server says what is wrong with it.
            onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
          />
        </div>
      );
  }
}

function PathResult({ path, lang }: { path: PermitPath; lang: Lang }) {
  const names = new Map(path.permits.map((p) => [p.code, p.names[lang]]));
  const total = path.total_days_estimate;
  return (
    <div className="permits-result">
      <h4 tabIndex={-1}>{msg(lang, 'resultHeading', { activity: path.activity.names[lang] })}</h4>
      {path.is_demo && <p className="permits-demo">{msg(lang, 'demo')}</p>}
      {path.notes?.map((n, i) => (
        <p key={i} className="permits-note" role="note">
          {n[lang]}
        </p>
      ))}
      {path.permits.length === 0 ? (
        <p>{msg(lang, 'noPermits')}</p>
      ) : (
        <>
          <p className="permits-estimate">
            <strong>{msg(lang, 'estimate', { range: formatDayRange(total, lang) })}</strong>
          </p>
          <p className="hint">
            {msg(lang, 'estimateHelp')} <a href={`/statistics.html?lang=${lang}`}>{msg(lang, 'stats')}</a>
          </p>
          {path.critical_path.length > 0 && (
            <p>
              {msg(lang, 'criticalPath', {
                chain: path.critical_path.map((c) => names.get(c) ?? c).join(' → '),
              })}
            </p>
          )}
          <ol className="permit-path">
            {path.permits.map((p) => (
              <PermitItem key={p.code} p={p} lang={lang} names={names} totalMax={total.max} />
            ))}
          </ol>
          <p className="permits-apply">
            <a className="permits-apply-link" href={applyHref(path, lang)}>
              {msg(lang, 'apply')}
            </a>{' '}
            <span className="hint">{msg(lang, 'applyHint')}</span>
          </p>
        </>
      )}
      <p className="permits-guidance" role="note">
        {path.guidance_note[lang]}
      </p>
    </div>
  );
}

/** The applications page, starting a project for this plot, activity and facts. */
function applyHref(path: PermitPath, lang: Lang): string {
  const q = new URLSearchParams({
    plot: String(path.plot.id),
    activity: path.activity.code,
    facts: JSON.stringify(path.facts),
    lang,
  });
  return `/apply.html?${q}`;
}

function PermitItem(props: { p: PathPermit; lang: Lang; names: Map<string, string>; totalMax: number }) {
  const { p, lang, names, totalMax } = props;
  const range = formatDayRange(p.expected.days, lang);
  const bar = timelineBar(p, totalMax);
  return (
    <li className={p.on_critical_path ? 'permit critical' : 'permit'}>
      <h5>
        {p.names[lang]}
        {p.on_critical_path && <span className="badge permits-critical">{msg(lang, 'onCriticalPath')}</span>}
      </h5>
      <div className="permit-bar" aria-hidden="true" title={msg(lang, 'timelineLabel')}>
        <span style={{ left: `${bar.left}%`, width: `${bar.width}%` }}>
          <span style={{ width: `${bar.solid}%` }} />
        </span>
      </div>
      <dl>
        <dt>{msg(lang, 'authority')}</dt>
        <dd>
          {p.authority.url ? (
            <a href={p.authority.url} target="_blank" rel="noreferrer">
              {p.authority.names[lang]}
            </a>
          ) : (
            p.authority.names[lang]
          )}
        </dd>
        {p.contact && (
          <>
            <dt>{msg(lang, 'contact')}</dt>
            <dd>
              {p.contact.title[lang]} · <a href={`mailto:${p.contact.email}`}>{p.contact.email}</a>
              {p.contact.is_demo && <span className="permits-example"> ({msg(lang, 'demoContact')})</span>}
            </dd>
          </>
        )}
        <dt>{msg(lang, 'expected')}</dt>
        <dd>
          {msg(lang, p.timing === 'notice' ? 'noticeTime' : 'processingTime', { range })}
          <br />
          <span className="hint permits-source">
            {p.expected.source === 'measured'
              ? msg(lang, 'sourceMeasured', { n: p.expected.cases, months: p.expected.period_months })
              : msg(lang, 'sourceCatalogue')}
            {p.expected.source === 'measured' && p.expected.includes_demo && (
              <span className="permits-example"> ({msg(lang, 'sourceDemo')})</span>
            )}
          </span>
        </dd>
        <dt>{msg(lang, 'start')}</dt>
        <dd>
          {p.depends_on.length === 0
            ? msg(lang, 'startNow')
            : msg(lang, 'waitsFor', {
                list: p.depends_on.map((c) => names.get(c) ?? c).join(', '),
                days: formatDayRange({ min: p.starts_after_days, max: p.starts_after_days }, lang),
              })}
        </dd>
      </dl>
      <p className="permits-why">{msg(lang, 'why')}:</p>
      <ul className="permits-reasons">
        {p.reasons.map((r, i) => (
          <li key={i}>{r[lang]}</li>
        ))}
      </ul>
      {p.attachments.length > 0 && (
        <details>
          <summary>{msg(lang, 'attachments', { n: p.attachments.length })}</summary>
          <ul>
            {p.attachments.map((a, i) => (
              <li key={i}>{a[lang]}</li>
            ))}
          </ul>
        </details>
      )}
      {p.url && (
        <p>
          <a href={p.url} target="_blank" rel="noreferrer">
            {msg(lang, 'officialPage')}
          </a>
        </p>
      )}
    </li>
  );
}

/** The plot's contacts: key customer manager first, then each department's responsible role. */
export function PlotContactsList({ plotId, lang }: PermitsSectionProps) {
  const [contacts, setContacts] = useState<PermitContact[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ac = new AbortController();
    setContacts(null);
    setError(null);
    permitsApi
      .contacts(plotId, ac.signal)
      .then((r) => setContacts(r.contacts))
      .catch((e) => !isAbort(e) && setError(e));
    return () => ac.abort();
  }, [plotId]);
  const source: Record<PermitContact['source'], MessageKey> = {
    plot: 'sourcePlot',
    area: 'sourceArea',
    department: 'sourceDepartment',
  };
  return (
    <div className="permits-contacts">
      <h4>{msg(lang, 'contactsHeading')}</h4>
      {error != null && <p className="error">{errorMessage(error, lang)}</p>}
      {contacts && contacts.length === 0 && <p className="hint">{msg(lang, 'contactsNone')}</p>}
      {contacts && contacts.length > 0 && (
        <ul>
          {contacts.map((c) => (
            <li key={c.id}>
              <span className="permits-contact-title">{c.title[lang]}</span>{' '}
              <span className="hint">({msg(lang, source[c.source])})</span>
              <br />
              <a href={`mailto:${c.email}`}>{c.email}</a>
              {c.phone && <> · {c.phone}</>}
              {c.is_demo && <span className="permits-example"> ({msg(lang, 'demoContact')})</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
