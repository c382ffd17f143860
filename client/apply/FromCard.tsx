import { useEffect, useState } from 'react';
import type { PlotCard } from '../src/api/types.ts';
import type { Activities } from '../src/permits/types.ts';
import { api } from './api.ts';
import type { Lang, T } from './i18n.ts';

export interface CardPlot {
  id: number;
  propertyId: string;
  blockPlot: string;
  address: string | null;
}

/** How a plot reads in the forms: identifier, block/plot and address, as on its card. */
export const plotLabel = (p: { propertyId: string; blockPlot?: string; address: string | null }) =>
  [p.blockPlot ? `${p.propertyId} (${p.blockPlot})` : p.propertyId, p.address].filter(Boolean).join(', ');

/** The plot the card link names (`?plot=`), read from the public API; null while unknown. */
export function useCardPlot(plotId: string | null): CardPlot | null {
  const [plot, setPlot] = useState<CardPlot | null>(null);
  useEffect(() => {
    if (!plotId) return;
    api<PlotCard>('GET', `/api/plots/${encodeURIComponent(plotId)}`).then(
      (c) => setPlot({ id: c.id, propertyId: c.property_id, blockPlot: c.block_plot, address: c.address }),
      // A plot withdrawn since the card was open: the forms fall back to its number.
      () => setPlot(null),
    );
  }, [plotId]);
  return plot;
}

/**
 * What the registration page says about where the company came from: the plot and the activity
 * the card's permit path was shown for, so the form is plainly a step of that journey.
 */
export function FromCardNote({ t, lang }: { t: T; lang: Lang }) {
  const q = new URLSearchParams(location.search);
  const plot = useCardPlot(q.get('plot'));
  const code = q.get('activity');
  const [activity, setActivity] = useState<Activities['activities'][number] | null>(null);
  useEffect(() => {
    if (!code) return;
    api<Activities>('GET', '/api/permits/activities').then(
      (r) => setActivity(r.activities.find((a) => a.code === code) ?? null),
      () => {},
    );
  }, [code]);
  if (!plot) return null;
  return (
    <div className="notice from-card" data-testid="from-card">
      <p>
        {activity
          ? t('fromCardWith', { plot: plotLabel(plot), activity: activity.names[lang] })
          : t('fromCard', { plot: plotLabel(plot) })}
      </p>
      <p className="hint">{t('fromCardNext')}</p>
    </div>
  );
}
