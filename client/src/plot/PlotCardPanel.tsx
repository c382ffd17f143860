/**
 * The plot card: a labelled region whose heading is the property identifier. Loads
 * /api/plots/{id}; shows every essential field with its unit, the demo-data label, the permits
 * and contacts sections, and actions (shortlist, copy link, print, show on map).
 * Focus moves to the heading when a plot opens and back to where it came from when it closes.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api, isAbort } from '../api/client.ts';
import type { PlotCard } from '../api/types.ts';
import { errorText } from '../app/errors.ts';
import { useIsPhone } from '../app/hooks.ts';
import { useI18n } from '../i18n/context.ts';
import type { I18n } from '../i18n/format.ts';
import type { Bounds } from '../map/MapView.tsx';
import { USE_CLASS_COLOURS } from '../map/palette.ts';
import { PermitsSection } from '../permits/PermitsSection.tsx';
import { PdfLinks } from '../print/PdfLinks.tsx';
import type { useShortlist } from '../shortlist/shortlist.ts';

export interface PlotCardPanelProps {
  id: number;
  shortlist: ReturnType<typeof useShortlist>;
  onClose(): void;
  onZoom(bbox: Bounds): void;
  onLoaded(bbox: Bounds): void;
  /** The card's height in px while it is a phone's bottom sheet (the map keeps plots above it). */
  onSheetHeight?(px: number): void;
  /** The background map shown, passed to the fact sheet. */
  basemap?: string;
}

export function PlotCardPanel({
  id,
  shortlist,
  onClose,
  onZoom,
  onLoaded,
  onSheetHeight,
  basemap,
}: PlotCardPanelProps) {
  const t = useI18n();
  const phone = useIsPhone();
  // A phone's sheet folds to a peek (heading and actions to unfold or close) to show the map.
  const [peek, setPeek] = useState(false);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = panel.current;
    if (!el || !phone || !onSheetHeight) return;
    const ro = new ResizeObserver(() => onSheetHeight(Math.round(el.getBoundingClientRect().height)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [phone, onSheetHeight]);
  const [card, setCard] = useState<PlotCard | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    returnFocus.current = document.activeElement;
    return () => {
      const el = returnFocus.current as HTMLElement | null;
      // Back to the row or button that opened the card, when it is still on the page.
      if (el && el.isConnected && el !== document.body) el.focus?.();
    };
  }, []);

  useEffect(() => {
    const ac = new AbortController();
    setCard(null);
    setError(null);
    api
      .plot(id, ac.signal)
      .then((c) => {
        setCard(c);
        onLoaded(c.bbox);
      })
      .catch((e) => !isAbort(e) && setError(e));
    return () => ac.abort();
  }, [id, onLoaded]);

  useEffect(() => {
    if (card) heading.current?.focus({ preventScroll: true });
  }, [card]);

  const copyLink = async () => {
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // No clipboard permission: select the URL in a prompt-free way.
      const ta = document.createElement('textarea');
      ta.value = url;
      document.body.append(ta);
      ta.select();
      document.execCommand('copy');
      ta.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2500);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') onClose();
  };

  return (
    <section
      ref={panel}
      id="plot-card"
      className={`card-panel${phone && peek ? ' peek' : ''}`}
      aria-labelledby="plot-card-title"
      onKeyDown={onKeyDown}
      data-testid="plot-card"
    >
      <div className="card-head">
        <div>
          <p className="card-kicker">{t.t('card')}</p>
          <h2 id="plot-card-title" ref={heading} tabIndex={-1}>
            {card?.property_id ?? (error ? t.t('card') : t.t('loading'))}
          </h2>
          {card?.address && <p className="card-address">{card.address}</p>}
        </div>
        <div className="card-head-actions">
          {phone && card && (
            <button
              type="button"
              className="icon-btn sheet-toggle"
              aria-expanded={!peek}
              aria-controls="plot-card"
              aria-label={peek ? t.t('cardUnfold') : t.t('cardFold')}
              onClick={() => {
                setPeek(!peek);
                onZoom(card.bbox);
              }}
            >
              <span aria-hidden="true">{peek ? '▴' : '▾'}</span>
            </button>
          )}
          <button type="button" className="icon-btn close" onClick={onClose} aria-label={t.t('closeCard')}>
            ×
          </button>
        </div>
      </div>
      {error != null && (
        <p className="error" role="alert">
          {errorText(error, t)}
        </p>
      )}
      {card && <CardBody card={card} t={t} />}
      {card && (
        <>
          <div className="card-actions">
            <button
              type="button"
              className="btn"
              aria-pressed={shortlist.has(card.id)}
              onClick={() =>
                shortlist.toggle({ id: card.id, property_id: card.property_id, address: card.address })
              }
            >
              {shortlist.has(card.id) ? `★ ${t.t('removeFromShortlist')}` : `☆ ${t.t('addToShortlist')}`}
            </button>
            <button type="button" className="btn" onClick={() => void copyLink()}>
              {copied ? t.t('linkCopied') : t.t('copyLink')}
            </button>
            <button type="button" className="btn" onClick={() => window.print()}>
              {t.t('print')}
            </button>
            <PdfLinks
              plotId={card.id}
              shortlistIds={shortlist.items.map((i) => i.id)}
              lang={t.lang}
              basemap={basemap}
            />
            <button
              type="button"
              className="btn"
              onClick={() => {
                // On a phone the plot is shown above the folded sheet.
                if (phone) setPeek(true);
                onZoom(card.bbox);
              }}
            >
              {t.t('zoomTo')}
            </button>
            <span className="sr-only" aria-live="polite">
              {copied ? t.t('linkCopied') : ''}
            </span>
          </div>
          {/* The permits section lists the plot's contacts too (key customer manager first). */}
          <div className="card-section permits">
            <PermitsSection plotId={card.id} lang={t.lang} />
          </div>
          <p className="print-only">
            {t.t('printedFrom')} · {location.href}
          </p>
        </>
      )}
    </section>
  );
}

function CardBody({ card, t }: { card: PlotCard; t: I18n }) {
  const area = (a: { name_fi: string; name_sv: string } | null) =>
    a ? (t.lang === 'sv' ? a.name_sv : a.name_fi) : null;
  const zone = card.transit_zone;
  const zoneName =
    typeof zone === 'string'
      ? zone
      : zone
        ? (zone[`name_${t.lang}` as 'name_fi'] ?? zone.name_fi ?? null)
        : null;
  const rows: Array<[string, ReactNode]> = [
    [t.t('blockPlot'), card.block_plot],
    [
      t.t('districtAndSub'),
      [area(card.district), area(card.sub_district)].filter(Boolean).join(' / ') || '–',
    ],
    [
      t.t('useCodeText'),
      <>
        <span className="dot" style={{ background: USE_CLASS_COLOURS[card.use_class] }} aria-hidden="true" />
        {card.use_code} · {t.tk(`useClass_${card.use_class}`)}
      </>,
    ],
    [t.t('areaM2'), t.m2(card.area_m2)],
    [t.t('buildingRightKem2'), t.kem2(card.building_right_kem2)],
    [t.t('efficiency'), card.efficiency != null ? `e = ${t.num(card.efficiency, 2)}` : '–'],
    [
      t.t('planNumber'),
      card.plan_number ? (
        <>
          {card.plan_number} · {t.tk(`planState_${card.plan_state}`)}
        </>
      ) : (
        t.tk(`planState_${card.plan_state}`)
      ),
    ],
    [t.t('registered'), card.registered ? t.t('registered_yes') : t.t('registered_no')],
    [
      t.t('availability'),
      <>
        <span className={`badge avail-${card.availability}`}>
          {t.tk(`availability_${card.availability}`)}
        </span>
        {card.availability === 'draw' && card.draw_ends_on
          ? ` ${t.t('drawEndsOn')} ${t.date(card.draw_ends_on)}`
          : ''}
      </>,
    ],
    [
      t.t('allocationMethod'),
      card.allocation_method ? t.tk(`allocation_${card.allocation_method}`) : t.tk(`tenure_${card.tenure}`),
    ],
  ];
  if (card.sale_price_eur != null) rows.push([t.t('salePrice'), t.eur(card.sale_price_eur)]);
  if (card.lease_basis_eur_kem2 != null)
    rows.push([
      t.t('leaseBasis'),
      <>
        {t.eurPerKem2(card.lease_basis_eur_kem2)} <span className="muted small">{t.t('leaseBasisNote')}</span>
      </>,
    ]);
  rows.push([t.t('comparablePrice'), t.eurPerKem2(card.price_eur_kem2)]);
  if (card.build_obligation_years != null)
    rows.push([t.t('buildObligation'), t.t('years', { n: card.build_obligation_years })]);
  if (card.earliest_construction_on)
    rows.push([t.t('earliestConstruction'), t.date(card.earliest_construction_on)]);
  rows.push([t.t('buildingProhibition'), card.building_prohibition ? t.t('yes') : t.t('no')]);
  rows.push([t.t('transitZone'), zoneName ?? '–']);
  if (card.plan_regulations_url && /^https?:\/\//.test(card.plan_regulations_url))
    rows.push([
      t.t('planRegulations'),
      <a href={card.plan_regulations_url} target="_blank" rel="noopener noreferrer">
        {card.plan_number ?? t.t('planRegulations')}
      </a>,
    ]);
  if (card.notes) rows.push([t.t('notes'), card.notes]);
  return (
    <>
      {card.is_demo && (
        <p className="demo-label" role="note">
          <strong>{t.t('demoData')}</strong> {t.t('demoDataNote')}
        </p>
      )}
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k} className="fact">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
