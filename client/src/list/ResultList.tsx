/**
 * The result list: the plots of the current filter (all, or only those in the map view), sorted
 * by the user's choice, virtualised so thousands of rows stay fast, fetched page by page.
 * A row opens its plot (and the map flies there); a plot chosen on the map is scrolled into view.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { api, isAbort } from '../api/client.ts';
import type { PlotListItem } from '../api/types.ts';
import { errorText } from '../app/errors.ts';
import { useI18n } from '../i18n/context.ts';
import { USE_CLASS_COLOURS } from '../map/palette.ts';
import { SORTS, type ListScope, type Sort } from '../url/url-state.ts';

const PAGE = 200; // rows per request
const ROW_HEIGHT = 82; // px, fixed so the virtualiser needs no measuring

export interface ResultListProps {
  filterQuery: string;
  /** minLon,minLat,maxLon,maxLat of the map view ('' when the scope is all). */
  bbox: string;
  scope: ListScope;
  sort: Sort;
  selectedId: number | null;
  onScope(s: ListScope): void;
  onSort(s: Sort): void;
  onOpen(item: PlotListItem): void;
  exportSlot: ReactNode;
}

interface ListData {
  items: PlotListItem[];
  total: number;
  next: string | null;
}

export function ResultList(props: ResultListProps) {
  const t = useI18n();
  const sortId = useId();
  const [data, setData] = useState<ListData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [retry, setRetry] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const baseParams = () => {
    const p = new URLSearchParams(props.filterQuery);
    p.set('sort', props.sort);
    p.set('limit', String(PAGE));
    if (props.scope === 'view' && props.bbox) p.set('bbox', props.bbox);
    return p;
  };
  const key = `${props.filterQuery}|${props.sort}|${props.scope}|${props.scope === 'view' ? props.bbox : ''}`;

  useEffect(() => {
    if (props.scope === 'view' && !props.bbox) return;
    const ac = new AbortController();
    setError(null);
    api
      .plots(baseParams(), ac.signal)
      .then((r) => {
        setData({ items: r.items, total: r.total, next: r.next_cursor });
        scroller.current?.scrollTo({ top: 0 });
      })
      .catch((e) => !isAbort(e) && setError(e));
    return () => ac.abort();
    // baseParams reads only what `key` is made of.
  }, [key, retry]);

  const loadMore = () => {
    if (!data?.next || loadingMore) return;
    setLoadingMore(true);
    const p = baseParams();
    p.set('cursor', data.next);
    api
      .plots(p)
      .then((r) =>
        setData((d) => (d ? { items: [...d.items, ...r.items], total: r.total, next: r.next_cursor } : d)),
      )
      .catch(setError)
      .finally(() => setLoadingMore(false));
  };

  const items = data?.items ?? [];
  const subName = (it: PlotListItem) =>
    it.sub_district ? (t.lang === 'sv' ? it.sub_district.name_sv : it.sub_district.name_fi) : null;
  const virtual = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const vItems = virtual.getVirtualItems();
  const last = vItems[vItems.length - 1];
  useEffect(() => {
    if (last && last.index >= items.length - 10 && data?.next) loadMore();
  });

  // A plot chosen on the map scrolls into view here.
  useEffect(() => {
    if (props.selectedId == null) return;
    const i = items.findIndex((x) => x.id === props.selectedId);
    if (i >= 0) virtual.scrollToIndex(i, { align: 'auto' });
  }, [props.selectedId, data]);

  return (
    <div className="results">
      <div className="list-controls">
        <div className="segmented" role="group" aria-label={t.t('listScope')}>
          {(['all', 'view'] as const).map((s) => (
            <button key={s} type="button" aria-pressed={props.scope === s} onClick={() => props.onScope(s)}>
              {s === 'all' ? t.t('listAll') : t.t('listInView')}
            </button>
          ))}
        </div>
        <label htmlFor={sortId} className="sr-only">
          {t.t('sortBy')}
        </label>
        <select id={sortId} value={props.sort} onChange={(e) => props.onSort(e.target.value as Sort)}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t.tk(`sort_${s}`)}
            </option>
          ))}
        </select>
        {props.exportSlot}
      </div>
      {error != null && (
        <p className="error" role="alert">
          {errorText(error, t)}{' '}
          <button type="button" className="link-btn" onClick={() => setRetry((r) => r + 1)}>
            {t.t('retry')}
          </button>
        </p>
      )}
      {data && (
        <p className="list-summary" aria-live="polite">
          {data.items.length < data.total
            ? t.t('showingOf', { shown: t.num(data.items.length), total: t.num(data.total) })
            : t.count(data.total)}
        </p>
      )}
      {!data && !error && <p className="muted">{t.t('loading')}</p>}
      {data && data.total === 0 && <p className="muted">{t.t('noResults')}</p>}
      <div className="list-scroll" ref={scroller}>
        <ul
          className="plot-list"
          aria-label={t.t('resultList')}
          style={{ height: virtual.getTotalSize(), position: 'relative' }}
        >
          {vItems.map((v) => {
            const it = items[v.index]!;
            const selected = it.id === props.selectedId;
            return (
              <li
                key={it.id}
                aria-setsize={data?.total ?? items.length}
                aria-posinset={v.index + 1}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${v.start}px)`,
                }}
              >
                <button
                  type="button"
                  className={`row${selected ? ' selected' : ''}`}
                  aria-current={selected ? 'true' : undefined}
                  data-plot-id={it.id}
                  onClick={() => props.onOpen(it)}
                >
                  <span className="row-main">
                    <span className="row-title">
                      <span
                        className="dot"
                        style={{ background: USE_CLASS_COLOURS[it.use_class] }}
                        aria-hidden="true"
                      />
                      <strong id={`row-${it.id}-id`}>{it.property_id}</strong>
                      <span id={`row-${it.id}-avail`} className={`badge avail-${it.availability}`}>
                        {t.tk(`availability_${it.availability}`)}
                      </span>
                    </span>
                    <span className="row-address" id={`row-${it.id}-addr`}>
                      {[it.address, subName(it)].filter(Boolean).join(', ')}
                    </span>
                    <span className="row-meta" id={`row-${it.id}-meta`}>
                      {t.m2(it.area_m2)} · {t.kem2(it.building_right_kem2)} ·{' '}
                      {t.eurPerKem2(it.price_eur_kem2)}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {loadingMore && <p className="muted">{t.t('loading')}</p>}
      </div>
    </div>
  );
}
