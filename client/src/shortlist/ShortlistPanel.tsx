/**
 * The shortlist tab: plots the user marked (kept across visits); pick two to four and compare
 * them side by side in a modal dialog.
 */
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import type { PlotCard } from '../api/types.ts';
import { errorText } from '../app/errors.ts';
import { useI18n } from '../i18n/context.ts';
import type { I18n } from '../i18n/format.ts';
import type { useShortlist } from './shortlist.ts';

export function ShortlistPanel({
  shortlist,
  onOpen,
}: {
  shortlist: ReturnType<typeof useShortlist>;
  onOpen(id: number): void;
}) {
  const t = useI18n();
  const [chosen, setChosen] = useState<number[]>([]);
  const [comparing, setComparing] = useState(false);
  const live = chosen.filter((id) => shortlist.has(id));
  if (!shortlist.items.length) return <p className="muted pad">{t.t('shortlistEmpty')}</p>;
  return (
    <div className="shortlist">
      <p className="hint">{t.t('compareHint')}</p>
      <ul className="shortlist-items" aria-label={t.t('shortlist')}>
        {shortlist.items.map((it) => (
          <li key={it.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={live.includes(it.id)}
                disabled={!live.includes(it.id) && live.length >= 4}
                onChange={(e) =>
                  setChosen(e.target.checked ? [...live, it.id] : live.filter((x) => x !== it.id))
                }
              />
              <span className="sr-only">
                {t.t('select')} {it.property_id}
              </span>
            </label>
            <button type="button" className="link-btn grow" onClick={() => onOpen(it.id)}>
              <strong>{it.property_id}</strong> <span className="muted">{it.address ?? ''}</span>
            </button>
            <button
              type="button"
              className="icon-btn"
              aria-label={`${t.t('remove')} ${it.property_id}`}
              onClick={() => shortlist.remove(it.id)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="btn primary"
        disabled={live.length < 2}
        onClick={() => setComparing(true)}
      >
        {t.t('compare')} ({live.length})
      </button>
      {comparing && <CompareDialog ids={live} onClose={() => setComparing(false)} />}
    </div>
  );
}

function CompareDialog({ ids, onClose }: { ids: number[]; onClose(): void }) {
  const t = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [cards, setCards] = useState<PlotCard[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    ref.current?.showModal();
    Promise.all(ids.map((id) => api.plot(id)))
      .then(setCards)
      .catch(setError);
  }, [ids]);
  return (
    <dialog ref={ref} className="compare" aria-labelledby="compare-title" onClose={onClose}>
      <div className="card-head">
        <h2 id="compare-title">{t.t('compareTitle')}</h2>
        <button
          type="button"
          className="icon-btn close"
          onClick={() => ref.current?.close()}
          aria-label={t.t('close')}
        >
          ×
        </button>
      </div>
      {error != null && <p className="error">{errorText(error, t)}</p>}
      {!cards && !error && <p className="muted">{t.t('loading')}</p>}
      {cards && <CompareTable cards={cards} t={t} />}
    </dialog>
  );
}

function CompareTable({ cards, t }: { cards: PlotCard[]; t: I18n }) {
  const rows: Array<[string, (c: PlotCard) => string]> = [
    [t.t('address'), (c) => c.address ?? '–'],
    [t.t('useCodeText'), (c) => `${c.use_code} · ${t.tk(`useClass_${c.use_class}`)}`],
    [t.t('areaM2'), (c) => t.m2(c.area_m2)],
    [t.t('buildingRightKem2'), (c) => t.kem2(c.building_right_kem2)],
    [t.t('efficiency'), (c) => (c.efficiency != null ? t.num(c.efficiency, 2) : '–')],
    [t.t('availability'), (c) => t.tk(`availability_${c.availability}`)],
    [t.t('tenure'), (c) => t.tk(`tenure_${c.tenure}`)],
    [t.t('comparablePrice'), (c) => t.eurPerKem2(c.price_eur_kem2)],
    [t.t('planNumber'), (c) => `${c.plan_number ?? '–'} · ${t.tk(`planState_${c.plan_state}`)}`],
    [
      t.t('transitZone'),
      (c) =>
        typeof c.transit_zone === 'string'
          ? c.transit_zone
          : (c.transit_zone?.[`name_${t.lang}` as 'name_fi'] ?? c.transit_zone?.name_fi ?? '–'),
    ],
  ];
  return (
    // Scrolls sideways on a phone: a keyboard user scrolls it once it has focus.
    <div className="compare-scroll" tabIndex={0} role="region" aria-labelledby="compare-title">
      <table>
        <thead>
          <tr>
            <td />
            {cards.map((c) => (
              <th key={c.id} scope="col">
                {c.property_id}
                {c.is_demo && <span className="badge demo">{t.t('demoData')}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, f]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {cards.map((c) => (
                <td key={c.id}>{f(c)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
