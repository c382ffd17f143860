import { useState } from 'react';
import { AVAILABILITIES, USE_CLASSES } from '../../../shared/filter.ts';
import { useI18n } from '../i18n/context.ts';
import { AVAILABILITY_OPACITY, CLUSTER_COLOUR, DASHED_AVAILABILITY, USE_CLASS_COLOURS } from './palette.ts';

/** The map legend, drawn from the same palette as the layers; collapsible. */
export function Legend() {
  const t = useI18n();
  // On a phone the legend starts folded: the map is small enough already.
  const [open, setOpen] = useState(() => !window.matchMedia('(max-width: 760px)').matches);
  return (
    <section className={`legend${open ? '' : ' closed'}`} aria-labelledby="legend-title">
      <h2 id="legend-title">
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t.t('legend')}
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        </button>
      </h2>
      {open && (
        <div className="legend-body">
          <h3>{t.t('legendUse')}</h3>
          <ul>
            {USE_CLASSES.map((c) => (
              <li key={c}>
                <span
                  className="swatch"
                  style={{ background: USE_CLASS_COLOURS[c], borderColor: USE_CLASS_COLOURS[c] }}
                />
                {t.tk(`useClass_${c}`)}
              </li>
            ))}
          </ul>
          <h3>{t.t('legendAvailability')}</h3>
          <ul>
            {AVAILABILITIES.map((a) => (
              <li key={a}>
                <span
                  className={`swatch${DASHED_AVAILABILITY.includes(a) ? ' dashed' : ''}`}
                  style={{ background: `rgba(80, 80, 90, ${AVAILABILITY_OPACITY[a]})` }}
                />
                {t.tk(`availability_${a}`)}
              </li>
            ))}
            <li>
              <span className="swatch round" style={{ background: CLUSTER_COLOUR }} />
              {t.t('legendCluster')}
            </li>
          </ul>
        </div>
      )}
    </section>
  );
}
