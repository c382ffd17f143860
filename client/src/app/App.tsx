/**
 * The app shell: owns the state that the address bar mirrors (language, filter, view, selected
 * plot, list scope and sort), keeps it in the URL (push for choices, replace for panning), and
 * lays out the header, the side panel (bottom sheet on a phone), the map and the plot card.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ComponentProps } from 'react';
import { filterToParams, isEmptyFilter, type PlotFilter } from '../../../shared/filter.ts';
import type { AppConfig, PlotListItem } from '../api/types.ts';
import { ExportButton } from '../export/ExportButton.tsx';
import { FilterPanel } from '../filters/FilterPanel.tsx';
import { SaveSearch } from '../alerts/SaveSearch.tsx';
import { I18nContext } from '../i18n/context.ts';
import { i18n } from '../i18n/format.ts';
import { isLang, type Lang } from '../i18n/messages.ts';
import { ResultList } from '../list/ResultList.tsx';
import { Legend } from '../map/Legend.tsx';
import { MapTools, type ToolState } from '../map/MapTools.tsx';
import { MapView, type Bounds, type MapApi } from '../map/MapView.tsx';
import { useBackground } from '../map/useBackground.tsx';
import { PlotCardPanel } from '../plot/PlotCardPanel.tsx';
import { useAreaOutline } from '../search/outline.ts';
import { ShortlistPanel } from '../shortlist/ShortlistPanel.tsx';
import { useShortlist } from '../shortlist/shortlist.ts';
import { parseUrlState, toSearch, type MapView as ViewState, type UrlState } from '../url/url-state.ts';
import { errorText } from './errors.ts';
import { Header } from './Header.tsx';
import { useHistorySync } from './history-sync.ts';
import { useDebounced, useIsPhone } from './hooks.ts';
import { basemapStyleUrl, drawnOverlay, licenceLines } from './map-config.ts';
import { SideTabs, type Tab } from './SideTabs.tsx';
import { useCount } from './use-count.ts';
import { Notices, type Notice } from './Notices.tsx';
import { rememberedLang, rememberLang } from '../i18n/remembered.ts';

const HELSINKI: ViewState = { lon: 25.03, lat: 60.205, zoom: 10.6 };

function initialLang(fromUrl?: Lang): Lang {
  if (fromUrl) return fromUrl;
  const stored = rememberedLang();
  if (isLang(stored)) return stored;
  const nav = (navigator.language || 'fi').slice(0, 2);
  return isLang(nav) ? nav : 'fi';
}

export function App({ config, configError }: { config: AppConfig | null; configError?: unknown }) {
  const initialSearch = useRef(location.search);
  const initial = useMemo(() => parseUrlState(initialSearch.current), []);
  const [lang, setLang] = useState<Lang>(() => initialLang(initial.state.lang));
  const [filter, setFilter] = useState<PlotFilter>(initial.state.filter);
  const [selectedId, setSelectedId] = useState<number | null>(initial.state.plot ?? null);
  const [listScope, setListScope] = useState(initial.state.list);
  const [sort, setSort] = useState(initial.state.sort);
  const [view, setView] = useState<ViewState | undefined>(initial.state.view);
  const [bounds, setBounds] = useState<Bounds | undefined>();
  const [tab, setTab] = useState<Tab>(initial.state.plot ? 'results' : 'filters');
  // Panels not yet shown are not mounted, so their requests do not queue ahead of the first
  // map tiles (the embedded database answers one query at a time).
  const [visited, setVisited] = useState<Set<Tab>>(() => new Set([tab]));
  useEffect(() => setVisited((v) => (v.has(tab) ? v : new Set([...v, tab]))), [tab]);
  // The filters' "Results: N plots" button hides the panel it sits in: focus follows to the
  // results panel instead of dropping to the page body.
  const focusResults = useRef(false);
  useEffect(() => {
    if (tab !== 'results' || !focusResults.current) return;
    focusResults.current = false;
    document.getElementById('results-panel')?.focus();
  }, [tab]);
  const [mapSettled, setMapSettled] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setMapSettled(true), 3000);
    return () => clearTimeout(timer);
  }, []);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [tool, setTool] = useState<ToolState | null>(null);
  const [notices, setNotices] = useState<Notice[]>(() => [
    ...(initial.problems.length
      ? [{ id: 'url', kind: 'urlProblems' as const, params: initial.problems }]
      : []),
    ...(configError ? [{ id: 'config', kind: 'error' as const, error: configError }] : []),
  ]);
  const t = i18n(lang);
  const background = useBackground(config?.basemaps, lang, initial.state.background, () => push());
  const phone = useIsPhone();
  const mapApi = useRef<MapApi | null>(null);
  const pointerListener = useRef<((p: [number, number] | null) => void) | null>(null);
  const onPointer = useCallback((p: [number, number] | null) => pointerListener.current?.(p), []);
  const restoreBackground = useRef(background.restore);
  restoreBackground.current = background.restore;
  const shortlist = useShortlist();

  // ---- URL <-> state ------------------------------------------------------------------------
  const urlState: UrlState = {
    lang,
    filter,
    view,
    plot: selectedId ?? undefined,
    list: listScope,
    sort,
    background: background.choice,
  };
  const push = useHistorySync(toSearch(urlState), initialSearch.current, () => {
    const { state, problems } = parseUrlState(location.search);
    if (state.lang) setLang(state.lang);
    setFilter(state.filter);
    setSelectedId(state.plot ?? null);
    setListScope(state.list);
    setSort(state.sort);
    restoreBackground.current(state.background);
    if (state.view) {
      setView(state.view);
      mapApi.current?.jumpTo(state.view);
    }
    if (problems.length)
      setNotices((n) => [
        ...n.filter((x) => x.id !== 'url'),
        { id: 'url', kind: 'urlProblems', params: problems },
      ]);
  });

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t.t('appName')} – ${t.t('tagline')}`;
    rememberLang(lang);
  }, [lang, t]);

  // ---- data: count and list -------------------------------------------------------------------
  const filterParams = useMemo(() => filterToParams(filter), [filter]);
  const filterQuery = filterParams.toString();
  const debouncedFilterQuery = useDebounced(filterQuery, 120);
  const { total, error: countError } = useCount(debouncedFilterQuery);

  const roundedBounds = bounds ? bounds.map((v) => v.toFixed(4)).join(',') : '';
  const listBbox = useDebounced(listScope === 'view' ? roundedBounds : '', 250);

  // ---- selection ------------------------------------------------------------------------------
  const flyOnLoad = useRef(initial.state.plot != null && !initial.state.view);
  // On a phone the card is a bottom sheet and the map ends at its top edge, as tall as the sheet
  // really is (expanded or folded to a peek, measured by the card itself): plots are fitted
  // into the strip that shows. (Camera padding that large leaves MapLibre drawing the view as if
  // unpadded, the plot behind the sheet.)
  const [sheetPx, setSheetPx] = useState(0);
  const onSheetHeight = useCallback((px: number) => setSheetPx(px), []);
  const cardPadding = useCallback(
    () => (phone ? { right: 0, bottom: 0 } : { right: 420, bottom: 0 }),
    [phone],
  );
  const pendingFit = useRef<{ bbox: Bounds; maxZoom: number } | null>(null);
  const flushFit = useCallback(() => {
    const f = pendingFit.current;
    pendingFit.current = null;
    if (f) mapApi.current?.fitBounds(f.bbox, f.maxZoom, cardPadding());
  }, [cardPadding]);
  // The map follows a new sheet height in the frame after it (its resize observer): fit then.
  useEffect(() => {
    if (pendingFit.current) requestAnimationFrame(() => requestAnimationFrame(flushFit));
  }, [sheetPx, flushFit]);
  const fitPlot = useCallback(
    (bbox: Bounds, maxZoom = 17) => {
      if (!phone) return mapApi.current?.fitBounds(bbox, maxZoom, cardPadding());
      // The sheet may just be folding or unfolding; when its height stays, no resize comes.
      pendingFit.current = { bbox, maxZoom };
      setTimeout(() => requestAnimationFrame(flushFit), 120);
    },
    [phone, cardPadding, flushFit],
  );
  const select = useCallback(
    (id: number | null, opts: { fly?: [number, number] } = {}) => {
      push();
      setSelectedId(id);
      if (id != null && opts.fly) mapApi.current?.flyTo(opts.fly, undefined, cardPadding());
      if (id != null && phone) setSheetOpen(true);
    },
    [phone, cardPadding],
  );
  const openFromList = useCallback((item: PlotListItem) => select(item.id, { fly: item.center }), [select]);
  const onCardLoaded = useCallback(
    (bbox: Bounds) => {
      // A phone's sheet covers the lower half of the map, where a tapped plot may lie: every
      // card opened there brings its plot into the strip above the sheet.
      if (flyOnLoad.current || phone) {
        flyOnLoad.current = false;
        fitPlot(bbox, 16);
      }
    },
    [fitPlot, phone],
  );

  const changeFilter = useCallback((f: PlotFilter) => {
    push();
    setFilter(f);
  }, []);
  // Choosing one sub-district or plan (filters or search) draws it and moves the map there.
  const areaOutline = useAreaOutline(filter, (bbox) => mapApi.current?.fitBounds(bbox, 15));
  const changeLang = (l: Lang) => {
    push();
    setLang(l);
  };

  const onViewChange = useCallback((v: ViewState, b: Bounds) => {
    setView(v);
    setBounds(b);
  }, []);

  const dismiss = (id: string) => setNotices((n) => n.filter((x) => x.id !== id));
  const onMapStatus = useCallback((s: { basemap: boolean; tiles: boolean }) => {
    if (!s.basemap || !s.tiles)
      setNotices((n) => [...n.filter((x) => x.id !== 'map'), { id: 'map', kind: 'mapLoadError' }]);
  }, []);

  // The card covers the map's right side (desktop) or its lower part (phone).
  const cardOpen = selectedId != null;
  const mapPadding = useMemo(
    () => ({
      right: cardOpen && !phone ? 420 : 0,
      bottom: phone ? (cardOpen ? 0 : 120) : 0,
    }),
    [cardOpen, phone],
  );
  const attributions = useMemo(() => licenceLines(config), [config]);
  const initialView =
    initial.state.view ??
    (config ? { lon: config.center[0], lat: config.center[1], zoom: config.zoom } : HELSINKI);

  const chooseSearchResult: ComponentProps<typeof Header>['onChoose'] = (r) => {
    // An area or a plan filters to it; its outline then draws and fits (outline.ts).
    if (r.kind === 'sub_district' && r.id != null) {
      const { district: _district, ...rest } = filter;
      return changeFilter({ ...rest, subDistrict: [Number(r.id)] });
    }
    if (r.kind === 'plan' && r.id != null) return changeFilter({ ...filter, q: String(r.id) });
    if (r.plot_id != null) {
      flyOnLoad.current = false;
      push();
      setSelectedId(r.plot_id);
      if (phone) setSheetOpen(true);
    }
    const padding = r.plot_id != null ? cardPadding() : undefined;
    if (r.bbox) mapApi.current?.fitBounds(r.bbox, r.plot_id != null ? 16.5 : 15, padding);
    else if (r.center) mapApi.current?.flyTo(r.center, r.plot_id != null ? 16.5 : 14, padding);
  };
  const countText = countError ? errorText(countError, t) : total == null ? t.t('counting') : t.count(total);

  return (
    <I18nContext.Provider value={t}>
      <div
        className={`app${phone ? ' is-phone' : ''}${sheetOpen ? ' sheet-open' : ''}${selectedId != null ? ' has-card' : ''}`}
      >
        <a className="skip-link" href="#results-panel" onClick={() => setTab('results')}>
          {t.t('skipToResults')}
        </a>
        <Header lang={lang} onLang={changeLang} onChoose={chooseSearchResult} />
        {config?.demo && (
          <p className="demo-banner" role="note" title={t.t('demoBanner')}>
            <strong>{t.t('demoData')}</strong> {t.t('demoBanner')}
          </p>
        )}
        <main className="workspace">
          <aside className="side" aria-label={t.t('filters') + ' / ' + t.t('results')}>
            <div className="side-head">
              <button
                type="button"
                className="sheet-handle"
                aria-expanded={sheetOpen}
                onClick={() => setSheetOpen((o) => !o)}
              >
                <span className="sheet-grip" aria-hidden="true" />
                <span className="count" aria-live="polite">
                  {countText}
                </span>
                <span className="sr-only">{sheetOpen ? t.t('collapse') : t.t('expand')}</span>
              </button>
              <p className="count desktop-count" aria-live="polite" data-testid="count">
                {countText}
              </p>
              <SideTabs
                tab={tab}
                shortlistCount={shortlist.items.length}
                onClick={(id) => {
                  setTab(id);
                  if (phone) setSheetOpen(true);
                }}
                onMove={setTab}
              />
            </div>
            <div className="side-body">
              <section
                id="filters-panel"
                role="tabpanel"
                aria-labelledby="tab-filters"
                hidden={tab !== 'filters'}
              >
                <FilterPanel
                  filter={filter}
                  onChange={changeFilter}
                  onReset={() => changeFilter({})}
                  canReset={!isEmptyFilter(filter)}
                  countText={countText}
                  onShowResults={() => {
                    focusResults.current = true;
                    setTab('results');
                  }}
                  loadAreas={mapSettled}
                  actionsSlot={<SaveSearch filter={filter} lang={lang} countText={countText} />}
                />
              </section>
              <section
                id="results-panel"
                role="tabpanel"
                aria-labelledby="tab-results"
                hidden={tab !== 'results'}
                tabIndex={-1}
              >
                {visited.has('results') && (
                  <ResultList
                    filterQuery={debouncedFilterQuery}
                    bbox={listBbox}
                    scope={listScope}
                    sort={sort}
                    selectedId={selectedId}
                    onScope={(s) => {
                      push();
                      setListScope(s);
                    }}
                    onSort={(s) => {
                      push();
                      setSort(s);
                    }}
                    onOpen={openFromList}
                    exportSlot={<ExportButton filterParams={filterParams} lang={lang} sort={sort} />}
                  />
                )}
              </section>
              <section
                id="shortlist-panel"
                role="tabpanel"
                aria-labelledby="tab-shortlist"
                hidden={tab !== 'shortlist'}
              >
                {visited.has('shortlist') && (
                  <ShortlistPanel shortlist={shortlist} onOpen={(id) => select(id)} />
                )}
              </section>
            </div>
          </aside>
          <div className="map-wrap" style={phone && cardOpen && sheetPx ? { bottom: sheetPx } : undefined}>
            <Notices notices={notices} onDismiss={dismiss} />
            <MapView
              lang={lang}
              styleUrl={basemapStyleUrl(config, lang)}
              tileJsonUrl="/tiles/plots.json"
              initialView={initialView}
              startBounds={initial.state.view ? undefined : config?.startBounds}
              filterQuery={debouncedFilterQuery}
              selectedId={selectedId}
              overlay={tool?.overlay ?? drawnOverlay(filter, areaOutline)}
              tool={tool?.handlers ?? null}
              attributions={attributions}
              demoAttribution={config?.demo ? t.t('demoAttribution') : undefined}
              label={`${t.t('mapLabel')}. ${t.t('mapKeyboardHint')}`}
              apiRef={mapApi}
              padding={mapPadding}
              onSelect={(id) => select(id)}
              onViewChange={onViewChange}
              onPointer={onPointer}
              onStatus={onMapStatus}
              onFirstIdle={() => setMapSettled(true)}
              {...background.mapProps}
            />
            <Legend />
            {background.switcher}
            <MapTools
              filter={filter}
              onFilter={changeFilter}
              mapApi={mapApi}
              onToolChange={setTool}
              pointerListener={pointerListener}
            />
          </div>
          {selectedId != null && (
            <PlotCardPanel
              id={selectedId}
              shortlist={shortlist}
              onClose={() => select(null)}
              onZoom={(bbox) => fitPlot(bbox)}
              onLoaded={onCardLoaded}
              onSheetHeight={onSheetHeight}
              basemap={
                config?.basemaps?.some((b) => b.id === background.choice.bg)
                  ? background.choice.bg
                  : undefined
              }
            />
          )}
        </main>
      </div>
    </I18nContext.Provider>
  );
}
