import { useI18n } from '../i18n/context.ts';
import { errorText } from './errors.ts';

export type Notice =
  | { id: string; kind: 'urlProblems'; params: string[] }
  | { id: string; kind: 'mapLoadError' }
  | { id: string; kind: 'error'; error: unknown };

/** Dismissable notices at the top of the map (bad link parts, map loading problems). */
export function Notices({ notices, onDismiss }: { notices: Notice[]; onDismiss(id: string): void }) {
  const t = useI18n();
  if (!notices.length) return null;
  return (
    <div className="notices" role="status">
      {notices.map((n) => (
        <div key={n.id} className="notice" data-notice={n.kind}>
          <span>
            {n.kind === 'urlProblems'
              ? t.t('urlProblems', { params: n.params.join(', ') })
              : n.kind === 'mapLoadError'
                ? t.t('mapLoadError')
                : errorText(n.error, t)}
          </span>
          <button
            type="button"
            className="icon-btn"
            onClick={() => onDismiss(n.id)}
            aria-label={t.t('dismiss')}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
