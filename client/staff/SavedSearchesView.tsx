import { useState } from 'react';
import { formatDateTime } from '../../shared/dates.ts';
import { filterToParams, type PlotFilter } from '../../shared/filter.ts';
import { api } from './api.ts';
import { useStaff } from './context.ts';
import { viewTexts, type Lang } from './i18n.ts';

interface SavedSearch {
  id: string;
  email: string;
  filter: PlotFilter;
  language: string;
  frequency: 'immediate' | 'daily';
  confirmed: boolean;
  created_at: string;
  last_notified_at: string | null;
}

// The view's own texts: it is the only place that shows them.
const TEXTS: Record<Lang, Record<string, string>> = {
  fi: {
    tab: 'Hakuvahdit',
    intro: 'Hae sähköpostiosoitteen hakuvahdit (henkilötietopyyntö) ja poista ne tarvittaessa.',
    email: 'Sähköpostiosoite',
    find: 'Hae',
    none: 'Osoitteella ei ole hakuvahteja.',
    created: 'Tilattu',
    filter: 'Rajaus',
    frequency: 'Tiheys',
    state: 'Tila',
    lastSent: 'Viimeksi lähetetty',
    confirmed: 'vahvistettu',
    pending: 'odottaa vahvistusta',
    immediate: 'heti',
    daily: 'päivittäin',
    all: 'kaikki tontit',
    delete: 'Poista',
    confirmDelete: 'Poistetaanko hakuvahti {id} osoitteelta {email}?',
    deleted: 'Hakuvahti {id} poistettiin.',
  },
  sv: {
    tab: 'Bevakningar',
    intro: 'Sök en e-postadress bevakningar (begäran om personuppgifter) och ta bort dem vid behov.',
    email: 'E-postadress',
    find: 'Sök',
    none: 'Adressen har inga bevakningar.',
    created: 'Beställd',
    filter: 'Filter',
    frequency: 'Frekvens',
    state: 'Status',
    lastSent: 'Senast skickad',
    confirmed: 'bekräftad',
    pending: 'väntar på bekräftelse',
    immediate: 'genast',
    daily: 'dagligen',
    all: 'alla tomter',
    delete: 'Ta bort',
    confirmDelete: 'Ta bort bevakning {id} för {email}?',
    deleted: 'Bevakning {id} togs bort.',
  },
  en: {
    tab: 'Saved searches',
    intro: 'Find the saved searches of an e-mail address (a personal-data request) and delete them if asked.',
    email: 'E-mail address',
    find: 'Find',
    none: 'The address has no saved searches.',
    created: 'Saved',
    filter: 'Filter',
    frequency: 'Frequency',
    state: 'State',
    lastSent: 'Last mailed',
    confirmed: 'confirmed',
    pending: 'awaiting confirmation',
    immediate: 'at once',
    daily: 'daily',
    all: 'every plot',
    delete: 'Delete',
    confirmDelete: 'Delete saved search {id} of {email}?',
    deleted: 'Saved search {id} was deleted.',
  },
};

const texts = viewTexts(TEXTS);
/** The tab's name in the staff app. */
export const savedSearchesTab = texts.tab;

/** Admins: the saved searches of one address, and deleting one (personal data on request). */
export function SavedSearchesView() {
  const { lang, errorText } = useStaff();
  const tx = texts.tx(lang);
  const [email, setEmail] = useState('');
  const [items, setItems] = useState<SavedSearch[] | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');

  const find = async (address = email) => {
    try {
      const r = await api<{ items: SavedSearch[] }>(
        'GET',
        `/api/staff/saved-searches?email=${encodeURIComponent(address)}&lang=${lang}`,
      );
      setItems(r.items);
      setError('');
    } catch (e) {
      setError(errorText(e));
    }
  };
  const remove = async (s: SavedSearch) => {
    if (!window.confirm(tx('confirmDelete', { id: s.id, email: s.email }))) return;
    try {
      await api('DELETE', `/api/staff/saved-searches/${s.id}?lang=${lang}`);
      setNote(tx('deleted', { id: s.id }));
      await find();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const when = (v: string | null) => (v ? formatDateTime(v, lang) : '–');

  return (
    <section>
      <p>{tx('intro')}</p>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setNote('');
          void find();
        }}
      >
        <label>
          {tx('email')}
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <button type="submit">{tx('find')}</button>
      </form>
      <p role="status">{note}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p>{tx('none')}</p>}
      {items && items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{tx('created')}</th>
              <th>{tx('filter')}</th>
              <th>{tx('frequency')}</th>
              <th>{tx('state')}</th>
              <th>{tx('lastSent')}</th>
              <th aria-label={tx('delete')} />
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <td>
                  {when(s.created_at)}
                  <br />
                  <small>
                    #{s.id} · {s.language}
                  </small>
                </td>
                <td>
                  <code>{decodeURIComponent(filterToParams(s.filter).toString()) || tx('all')}</code>
                </td>
                <td>{tx(s.frequency)}</td>
                <td>{tx(s.confirmed ? 'confirmed' : 'pending')}</td>
                <td>{when(s.last_notified_at)}</td>
                <td>
                  <button type="button" className="danger" onClick={() => void remove(s)}>
                    {tx('delete')} #{s.id}
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
