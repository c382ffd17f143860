import { useEffect, useState } from 'react';
import { api } from './api.ts';
import { useStaff } from './context.ts';
import { viewTexts, type Lang } from './i18n.ts';

interface Applicant {
  id: string;
  email: string;
  organisation: string | null;
  businessId: string | null;
  projects: number;
}

// The view's own texts: it is the only place that shows them.
const TEXTS: Record<Lang, Record<string, string>> = {
  fi: {
    tab: 'Hakijat',
    intro:
      'Hakijayritysten tilit. Henkilötietopyynnöstä voit ladata kaiken hakijasta tallennetun JSON-tiedostona tai poistaa hakijan tiedot kokonaan.',
    search: 'Suodata sähköpostilla, yrityksellä tai Y-tunnuksella',
    none: 'Ei hakijoita.',
    email: 'Sähköposti',
    organisation: 'Yritys',
    businessId: 'Y-tunnus',
    projects: 'Hankkeita',
    actions: 'Toiminnot',
    export: 'Lataa tiedot',
    delete: 'Poista',
    confirmDelete:
      'Poistetaanko hakija {email} ja kaikki sen hankkeet, hakemukset, liitteet ja viestit? Tätä ei voi perua.',
    exported: 'Hakijan {email} tiedot ladattiin tiedostoon {file}.',
    deleted: 'Hakija {email} tietoineen poistettiin.',
  },
  sv: {
    tab: 'Sökande',
    intro:
      'Sökande företags konton. Vid en begäran om personuppgifter kan du ladda ned allt som lagrats om den sökande som en JSON-fil eller radera uppgifterna helt.',
    search: 'Filtrera på e-post, företag eller FO-nummer',
    none: 'Inga sökande.',
    email: 'E-post',
    organisation: 'Företag',
    businessId: 'FO-nummer',
    projects: 'Projekt',
    actions: 'Åtgärder',
    export: 'Ladda ned uppgifterna',
    delete: 'Radera',
    confirmDelete:
      'Radera den sökande {email} och alla dess projekt, ansökningar, bilagor och meddelanden? Det går inte att ångra.',
    exported: 'Uppgifterna om {email} laddades ned till filen {file}.',
    deleted: 'Den sökande {email} raderades med sina uppgifter.',
  },
  en: {
    tab: 'Applicants',
    intro:
      'Accounts of applicant companies. On a personal-data request you can download everything stored about an applicant as a JSON file, or erase it entirely.',
    search: 'Filter by e-mail, company or business ID',
    none: 'No applicants.',
    email: 'E-mail',
    organisation: 'Company',
    businessId: 'Business ID',
    projects: 'Projects',
    actions: 'Actions',
    export: 'Download data',
    delete: 'Erase',
    confirmDelete:
      'Erase applicant {email} with all their projects, applications, attachments and messages? This cannot be undone.',
    exported: 'The data of {email} was downloaded as {file}.',
    deleted: 'Applicant {email} and their data were erased.',
  },
};

const texts = viewTexts(TEXTS);
/** The tab's name in the staff app. */
export const applicantsTab = texts.tab;

/** Admins: applicant accounts, with export and erasure of one applicant's data (GDPR requests). */
export function ApplicantsView() {
  const { lang, errorText } = useStaff();
  const tx = texts.tx(lang);
  const [items, setItems] = useState<Applicant[] | null>(null);
  const [query, setQuery] = useState('');
  // Kept as what happened, worded at render time, so it follows a language switch.
  const [note, setNote] = useState<{ key: string; vars: Record<string, string> } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const load = () =>
    api<{ applicants: Applicant[] }>('GET', '/api/applications/admin/applicants').then(
      (r) => setItems(r.applicants),
      (e: unknown) => setFailure(e),
    );
  useEffect(() => void load(), []);

  const download = async (a: Applicant) => {
    setNote(null);
    setFailure(null);
    try {
      const data = await api<unknown>('GET', `/api/applications/admin/applicants/${a.id}/export`);
      const file = `applicant-${a.id}.json`;
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
      );
      const link = document.createElement('a');
      link.href = url;
      link.download = file;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setNote({ key: 'exported', vars: { email: a.email, file } });
    } catch (e) {
      setFailure(e);
    }
  };
  const erase = async (a: Applicant) => {
    if (!window.confirm(tx('confirmDelete', { email: a.email }))) return;
    setNote(null);
    setFailure(null);
    try {
      await api('DELETE', `/api/applications/admin/applicants/${a.id}`);
      // Gone at once, with the message; the reload then brings what others changed meanwhile.
      setItems((list) => list?.filter((x) => x.id !== a.id) ?? null);
      setNote({ key: 'deleted', vars: { email: a.email } });
      await load();
    } catch (e) {
      setFailure(e);
    }
  };

  const q = query.trim().toLowerCase();
  const shown = (items ?? []).filter((a) =>
    [a.email, a.organisation ?? '', a.businessId ?? ''].some((v) => v.toLowerCase().includes(q)),
  );
  return (
    <section>
      <p>{tx('intro')}</p>
      <div className="toolbar">
        <label>
          {tx('search')}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
      </div>
      <p role="status">{note ? tx(note.key, note.vars) : ''}</p>
      {failure != null && (
        <p role="alert" className="error">
          {errorText(failure)}
        </p>
      )}
      {items && shown.length === 0 && <p>{tx('none')}</p>}
      {shown.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{tx('email')}</th>
              <th scope="col">{tx('organisation')}</th>
              <th scope="col">{tx('businessId')}</th>
              <th scope="col">{tx('projects')}</th>
              <th scope="col">{tx('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a.id}>
                <td>{a.email}</td>
                <td>{a.organisation ?? '–'}</td>
                <td>{a.businessId ?? '–'}</td>
                <td>{a.projects}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => void download(a)}
                    aria-label={`${tx('export')}: ${a.email}`}
                  >
                    {tx('export')}
                  </button>{' '}
                  <button
                    type="button"
                    className="danger"
                    onClick={() => void erase(a)}
                    aria-label={`${tx('delete')}: ${a.email}`}
                  >
                    {tx('delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
