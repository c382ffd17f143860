import { useI18n } from '../i18n/context.ts';

export type Tab = 'filters' | 'results' | 'shortlist';

/**
 * The side panel's tabs (ARIA tabs pattern): arrow keys move between them and focus follows;
 * a click also opens the phone's sheet (`onClick`).
 */
export function SideTabs({
  tab,
  shortlistCount,
  onClick,
  onMove,
}: {
  tab: Tab;
  shortlistCount: number;
  onClick: (t: Tab) => void;
  onMove: (t: Tab) => void;
}) {
  const t = useI18n();
  const tabs: Array<{ id: Tab; label: string }> = [
    { id: 'filters', label: t.t('filters') },
    { id: 'results', label: t.t('results') },
    { id: 'shortlist', label: `${t.t('shortlist')}${shortlistCount ? ` (${shortlistCount})` : ''}` },
  ];
  return (
    <div className="tabs" role="tablist" aria-label={t.t('filters') + ' / ' + t.t('results')}>
      {tabs.map((x) => (
        <button
          key={x.id}
          type="button"
          role="tab"
          id={`tab-${x.id}`}
          aria-selected={tab === x.id}
          aria-controls={`${x.id}-panel`}
          tabIndex={tab === x.id ? 0 : -1}
          onClick={() => onClick(x.id)}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
            const i = tabs.findIndex((y) => y.id === tab);
            const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
            onMove(next.id);
            document.getElementById(`tab-${next.id}`)?.focus();
          }}
        >
          {x.label}
        </button>
      ))}
    </div>
  );
}
