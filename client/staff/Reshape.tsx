import { useState } from 'react';
import { api } from './api.ts';
import { useStaff } from './context.ts';

interface Reshaped {
  created: Array<{ id: number; property_id: string }>;
}

/**
 * After a dividing line is drawn: the two new property identifiers (larger part first) and the
 * split itself. The server checks the identifiers and the line; its message is shown as is.
 */
export function SplitForm({
  plotId,
  version,
  line,
  onDone,
  onCancel,
}: {
  plotId: number;
  version: number;
  line: number[][];
  onDone: (created: Reshaped['created']) => void;
  onCancel: () => void;
}) {
  const { t, errorText } = useStaff();
  const [ids, setIds] = useState(['', '']);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      const r = await api<Reshaped>('POST', `/api/staff/plots/${plotId}/split`, {
        version,
        line: { type: 'LineString', coordinates: line },
        property_ids: ids.map((s) => s.trim()),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onDone(r.created);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <form
      className="panel"
      aria-label={t('split_plot')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{t('split_plot')}</h3>
      <p>{t('split_help')}</p>
      {[t('split_larger_id'), t('split_smaller_id')].map((label, i) => (
        <label key={label}>
          {label}
          <input
            required
            placeholder="091-045-0012-0003"
            value={ids[i]}
            onChange={(e) => setIds(ids.map((v, j) => (j === i ? e.target.value : v)))}
          />
        </label>
      ))}
      <label>
        {t('note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className="primary">
          {t('split_plot')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** Merges the selected plots of the staff list into one draft with a new identifier. */
export function MergeForm({
  plots,
  onDone,
}: {
  plots: Array<{ id: number; version: number }>;
  onDone: (message: string) => void;
}) {
  const { t, errorText } = useStaff();
  const [pid, setPid] = useState('');
  return (
    <form
      className="toolbar"
      aria-label={t('merge_selected')}
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          const r = await api<Reshaped>('POST', '/api/staff/plots/merge', {
            plots: plots.map(({ id, version }) => ({ id, version })),
            property_id: pid.trim(),
          });
          setPid('');
          onDone(t('merged_into', { id: r.created[0]!.property_id }));
        } catch (err) {
          onDone(errorText(err));
        }
      }}
    >
      <label>
        {t('merge_new_id')}
        <input
          required
          placeholder="091-045-0012-0003"
          value={pid}
          onChange={(e) => setPid(e.target.value)}
        />
      </label>
      <button type="submit" disabled={plots.length < 2}>
        {t('merge_selected')}
      </button>
    </form>
  );
}

type Links = Array<{ property_id: string; kind: string }>;
const links = (v: unknown): Links => (Array.isArray(v) ? (v as Links) : []);

/** The plots this one replaced, or that replaced it, by split or merge. */
export function Lineage({ replaces, replacedBy }: { replaces: unknown; replacedBy: unknown }) {
  const { t } = useStaff();
  const parts = [
    [t('replaces'), links(replaces)],
    [t('replaced_by'), links(replacedBy)],
  ] as const;
  const shown = parts.filter(([, l]) => l.length);
  if (!shown.length) return null;
  return (
    <p className="panel" role="note">
      {shown.map(([label, l]) => `${label}: ${l.map((r) => r.property_id).join(', ')}`).join(' · ')}
    </p>
  );
}
