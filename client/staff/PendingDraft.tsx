import { useState } from 'react';
import { api } from './api.ts';
import { useStaff } from './context.ts';
import { viewTexts, type Lang } from './i18n.ts';

const TEXTS: Record<Lang, Record<string, string>> = {
  fi: {
    title: 'Julkaisua odottava luonnos (versio {version})',
    intro:
      'Nämä muutokset on tallennettu luonnokseksi ({by}, {note}). Julkinen kartta näyttää julkaistut tiedot, kunnes luonnos julkaistaan.',
    field: 'Tieto',
    now: 'Julkaistu',
    then: 'Luonnoksessa',
    geometry: 'rajaus muuttuu',
    publish: 'Julkaise luonnos',
    discard: 'Hylkää luonnos',
  },
  sv: {
    title: 'Utkast som väntar på publicering (version {version})',
    intro:
      'Dessa ändringar har sparats som utkast ({by}, {note}). Den offentliga kartan visar de publicerade uppgifterna tills utkastet publiceras.',
    field: 'Uppgift',
    now: 'Publicerad',
    then: 'I utkastet',
    geometry: 'gränsen ändras',
    publish: 'Publicera utkastet',
    discard: 'Kassera utkastet',
  },
  en: {
    title: 'Draft waiting for publication (version {version})',
    intro:
      'These changes are kept as a draft ({by}, {note}). The public map shows the published values until the draft is published.',
    field: 'Field',
    now: 'Published',
    then: 'In the draft',
    geometry: 'the outline changes',
    publish: 'Publish draft',
    discard: 'Discard draft',
  },
};
const texts = viewTexts(TEXTS);

export interface Pending {
  version: number;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
  note: string | null;
  created_by: string;
}

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '–' : String(v));

/** A published plot's staged change (from an import): what it changes, publish or discard. */
export function PendingDraft({
  plotId,
  version,
  draft,
  onChanged,
}: {
  plotId: number;
  version: number;
  draft: Pending;
  onChanged: () => void;
}) {
  const { t, lang, can, errorText } = useStaff();
  const tx = texts.tx(lang);
  const [error, setError] = useState('');
  const act = async (method: 'POST' | 'DELETE', path: string, body?: object) => {
    try {
      await api(method, `/api/staff/plots/${plotId}/${path}`, body);
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="panel" aria-labelledby="pending-title">
      <h3 id="pending-title">{tx('title', { version: String(draft.version) })}</h3>
      <p>{tx('intro', { by: draft.created_by, note: draft.note ?? '–' })}</p>
      <table>
        <thead>
          <tr>
            <th>{tx('field')}</th>
            <th>{tx('now')}</th>
            <th>{tx('then')}</th>
          </tr>
        </thead>
        <tbody>
          {draft.changes.map((c) => (
            <tr key={c.field}>
              <td>{t(`field.${c.field}`)}</td>
              <td>{c.field === 'geom' ? '' : show(c.before)}</td>
              <td>{c.field === 'geom' ? tx('geometry') : show(c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {can('plots.publish') && (
        <div className="toolbar">
          <button
            type="button"
            className="primary"
            onClick={() => act('POST', 'pending/publish', { version })}
          >
            {tx('publish')}
          </button>
          <button type="button" onClick={() => act('DELETE', 'pending')}>
            {tx('discard')}
          </button>
        </div>
      )}
      {error && <p className="error">{error}</p>}
    </section>
  );
}
