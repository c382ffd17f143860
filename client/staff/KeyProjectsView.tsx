import { useEffect, useState, type FormEvent } from 'react';
import { api, isApiError } from './api.ts';
import { useStaff } from './context.ts';
import { viewTexts, type Lang } from './i18n.ts';
import { KEY_PROJECT_TEXTS } from './key-projects-texts.ts';

const FIELDS = ['min_building_right_kem2', 'min_area_m2', 'min_investment_eur', 'min_jobs'] as const;
type Field = (typeof FIELDS)[number];
type Thresholds = Record<Field, number>;

interface Person {
  id: string;
  email: string;
  displayName: string;
  role: 'key_account_manager' | 'handler';
  departmentId: string | null;
  responsiblePerson: boolean;
  lead: boolean;
}
interface Department {
  id: string;
  names: Record<Lang, string>;
  leadEmail: string | null;
}
interface Settings {
  thresholds: Thresholds;
  people: Person[];
  departments: Department[];
}

const texts = viewTexts(KEY_PROJECT_TEXTS);
/** The tab's name in the staff app. */
export const keyProjectsTab = texts.tab;
type Tx = ReturnType<typeof texts.tx>;

/** An API error in words: this view's own codes first, then the staff app's. */
function useErrorText(): (e: unknown) => string {
  const { lang, errorText } = useStaff();
  return (e) => {
    const own = isApiError(e) ? KEY_PROJECT_TEXTS[lang][`err.${e.code}`] : undefined;
    return own ?? errorText(e);
  };
}

/**
 * Admins: the key-project thresholds, the key customer managers' lead flag and the handlers'
 * responsible-person flag, and each department's escalation address.
 */
export function KeyProjectsView() {
  const { lang } = useStaff();
  const tx = texts.tx(lang);
  const errorText = useErrorText();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState('');
  const load = async () => {
    try {
      setSettings(await api<Settings>('GET', '/api/key-projects/admin/settings'));
    } catch (e) {
      setLoadError(errorText(e));
    }
  };
  useEffect(() => {
    void load();
    // Loaded once; each section reloads after its own change.
  }, []);

  return (
    <section className="key-admin" aria-labelledby="key-admin-title">
      <h2 id="key-admin-title">{tx('tab')}</h2>
      <p>{tx('intro')}</p>
      {loadError && (
        <p role="alert" className="error">
          {loadError}
        </p>
      )}
      {!settings && !loadError && <p>{tx('loading')}</p>}
      {settings && (
        <>
          <ThresholdsForm tx={tx} initial={settings.thresholds} />
          <People tx={tx} lang={lang} settings={settings} reload={load} />
          <Departments tx={tx} lang={lang} departments={settings.departments} reload={load} />
        </>
      )}
    </section>
  );
}

function ThresholdsForm({ tx, initial }: { tx: Tx; initial: Thresholds }) {
  const errorText = useErrorText();
  const asText = (t: Thresholds) =>
    Object.fromEntries(FIELDS.map((f) => [f, String(t[f])])) as Record<Field, string>;
  const [values, setValues] = useState(() => asText(initial));
  const [status, setStatus] = useState('');
  const [error, setError] = useState<{ field: Field | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setStatus('');
    setError(null);
    // Empty or unreadable fields go as null, so the server names them (invalid_threshold).
    const body = Object.fromEntries(
      FIELDS.map((f) => {
        const n = values[f].trim() === '' ? NaN : Number(values[f].replace(',', '.'));
        return [f, Number.isFinite(n) ? n : null];
      }),
    );
    try {
      const r = await api<{ thresholds: Thresholds }>('PUT', '/api/key-projects/admin/thresholds', body);
      setValues(asText(r.thresholds));
      setStatus(tx('thresholdsSaved'));
    } catch (err) {
      setError({ field: fieldOf(err, body), text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="key-thresholds-title">
      <h3 id="key-thresholds-title">{tx('thresholds')}</h3>
      <p id="key-thresholds-hint">{tx('thresholdsHint')}</p>
      <div className="form-grid">
        {FIELDS.map((f) => (
          <label key={f}>
            {tx(f)}
            <input
              type="number"
              inputMode={f === 'min_jobs' ? 'numeric' : 'decimal'}
              step="any"
              name={f}
              value={values[f]}
              onChange={(e) => setValues({ ...values, [f]: e.target.value })}
              aria-invalid={error?.field === f || undefined}
              aria-describedby={error?.field === f ? 'key-thresholds-error' : 'key-thresholds-hint'}
            />
          </label>
        ))}
      </div>
      <div className="toolbar key-admin-actions">
        <button type="submit" className="primary" disabled={busy}>
          {tx('saveThresholds')}
        </button>
        <span role="status" className="ok">
          {status}
        </span>
      </div>
      {error && (
        <p role="alert" id="key-thresholds-error" className="error">
          {error.field ? `${tx(error.field)}: ${error.text}` : error.text}
        </p>
      )}
    </form>
  );
}

/** The field an invalid_threshold answer is about: named by the server, or the value it quotes. */
function fieldOf(err: unknown, body: Record<string, unknown>): Field | null {
  if (!isApiError(err)) return null;
  const named = err.details.field;
  if (typeof named === 'string' && (FIELDS as readonly string[]).includes(named)) return named as Field;
  return FIELDS.find((f) => body[f] === err.details.value) ?? null;
}

function People({
  tx,
  lang,
  settings,
  reload,
}: {
  tx: Tx;
  lang: Lang;
  settings: Settings;
  reload: () => Promise<void>;
}) {
  const errorText = useErrorText();
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  // The ticked state until the server answers, so the box follows the click at once.
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const deptName = (id: string | null) =>
    settings.departments.find((d) => d.id === id)?.names[lang] ?? id ?? '–';

  const toggle = async (p: Person, on: boolean) => {
    setStatus('');
    setError('');
    const manager = p.role === 'key_account_manager';
    setPending((x) => ({ ...x, [p.id]: on }));
    try {
      await api(
        'PUT',
        `/api/key-projects/admin/users/${p.id}`,
        manager ? { lead: on } : { responsiblePerson: on },
      );
      await reload();
      const who = p.displayName || p.email;
      setStatus(tx(manager ? (on ? 'leadOn' : 'leadOff') : on ? 'responsibleOn' : 'responsibleOff', { who }));
    } catch (e) {
      setError(errorText(e));
    }
    setPending(({ [p.id]: _, ...rest }) => rest);
  };

  return (
    <div className="panel">
      <h3 id="key-people-title">{tx('people')}</h3>
      <p>{tx('peopleHint')}</p>
      {settings.people.length === 0 ? (
        <p>{tx('noPeople')}</p>
      ) : (
        <table aria-labelledby="key-people-title">
          <thead>
            <tr>
              <th scope="col">{tx('name')}</th>
              <th scope="col">{tx('email')}</th>
              <th scope="col">{tx('role')}</th>
              <th scope="col">{tx('department')}</th>
              <th scope="col">{tx('flag')}</th>
            </tr>
          </thead>
          <tbody>
            {settings.people.map((p) => {
              const manager = p.role === 'key_account_manager';
              return (
                <tr key={p.id}>
                  <td>{p.displayName || '–'}</td>
                  <td>{p.email}</td>
                  <td>{tx(`role.${p.role}`)}</td>
                  <td>{manager ? '–' : deptName(p.departmentId)}</td>
                  <td>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={pending[p.id] ?? (manager ? p.lead : p.responsiblePerson)}
                        onChange={(e) => toggle(p, e.target.checked)}
                      />
                      {tx(manager ? 'lead' : 'responsible')}
                      <span className="visually-hidden">: {p.displayName || p.email}</span>
                    </label>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p role="status" className="ok">
        {status}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}

function Departments({
  tx,
  lang,
  departments,
  reload,
}: {
  tx: Tx;
  lang: Lang;
  departments: Department[];
  reload: () => Promise<void>;
}) {
  const [status, setStatus] = useState('');
  return (
    <div className="panel">
      <h3>{tx('departments')}</h3>
      <p>{tx('departmentsHint')}</p>
      <div className="key-admin-departments">
        {departments.map((d) => (
          <DepartmentLead
            key={d.id}
            tx={tx}
            name={d.names[lang]}
            dept={d}
            onSaved={async (email) => {
              await reload();
              setStatus(
                email
                  ? tx('addressSaved', { dept: d.names[lang], email })
                  : tx('addressCleared', { dept: d.names[lang] }),
              );
            }}
            onStart={() => setStatus('')}
          />
        ))}
      </div>
      <p role="status" className="ok">
        {status}
      </p>
    </div>
  );
}

function DepartmentLead({
  tx,
  name,
  dept,
  onSaved,
  onStart,
}: {
  tx: Tx;
  name: string;
  dept: Department;
  onSaved: (email: string | null) => Promise<void>;
  onStart: () => void;
}) {
  const errorText = useErrorText();
  const [value, setValue] = useState(dept.leadEmail ?? '');
  const [error, setError] = useState('');
  const errorId = `key-dept-error-${dept.id}`;
  return (
    <form
      aria-label={name}
      className="key-admin-department"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        onStart();
        setError('');
        const email = value.trim() === '' ? null : value.trim();
        try {
          await api('PUT', `/api/key-projects/admin/departments/${encodeURIComponent(dept.id)}`, {
            leadEmail: email,
          });
          await onSaved(email);
        } catch (err) {
          setError(errorText(err));
        }
      }}
    >
      <label>
        {tx('leadEmail', { dept: name })}
        <input
          type="email"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={!!error || undefined}
          aria-describedby={error ? errorId : undefined}
        />
      </label>
      <button type="submit">{tx('saveAddress')}</button>
      {error && (
        <p role="alert" id={errorId} className="error">
          {error}
        </p>
      )}
    </form>
  );
}
