/**
 * The filter form. Every change produces a new PlotFilter (shared/filter.ts) which the app puts
 * in the URL and hands to the tiles, the list, the count and the export alike.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import {
  AVAILABILITIES,
  filterToParams,
  TENURES,
  USE_CLASSES,
  USE_CODES,
  useClassOf,
  type PlotFilter,
} from '../../../shared/filter.ts';
import { api, isAbort } from '../api/client.ts';
import type { District } from '../api/types.ts';
import { errorText } from '../app/errors.ts';
import { useI18n } from '../i18n/context.ts';
import type { I18n } from '../i18n/format.ts';
import { USE_CLASS_COLOURS } from '../map/palette.ts';

export interface FilterPanelProps {
  filter: PlotFilter;
  onChange(f: PlotFilter): void;
  onReset(): void;
  canReset: boolean;
  countText: string;
  onShowResults(): void;
  /** False until the map has drawn: the area lists load after it. */
  loadAreas: boolean;
  /** Shown with the filter's actions (saving the search as an alert). */
  actionsSlot?: ReactNode;
}

type ListKey = 'useClass' | 'availability' | 'tenure';

export function FilterPanel({
  filter,
  onChange,
  onReset,
  canReset,
  countText,
  onShowResults,
  loadAreas,
  actionsSlot,
}: FilterPanelProps) {
  const t = useI18n();
  // Inputs commit after a pause, from closures of an earlier render: merge into the latest filter.
  const latest = useRef(filter);
  latest.current = filter;
  const set = (patch: Partial<PlotFilter>) => {
    const next: PlotFilter = { ...latest.current, ...patch };
    for (const k of Object.keys(next) as Array<keyof PlotFilter>) {
      const v = next[k];
      if (v === undefined || (Array.isArray(v) && v.length === 0)) delete next[k];
    }
    onChange(next);
  };
  const toggle = (key: ListKey, value: string) => {
    const cur = (filter[key] ?? []) as string[];
    set({
      [key]: cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value],
    } as Partial<PlotFilter>);
  };

  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t.t('filters')}>
      <fieldset className="chips">
        <legend>{t.t('useClass')}</legend>
        {USE_CLASSES.map((c) => (
          <label key={c} className="chip">
            <input
              type="checkbox"
              checked={filter.useClass?.includes(c) ?? false}
              onChange={() => toggle('useClass', c)}
            />
            <span className="dot" style={{ background: USE_CLASS_COLOURS[c] }} aria-hidden="true" />
            {t.tk(`useClass_${c}`)}
          </label>
        ))}
      </fieldset>

      <UseCodeSelect filter={filter} onChange={(useCode) => set({ useCode })} />

      <fieldset className="chips">
        <legend>{t.t('availability')}</legend>
        {AVAILABILITIES.map((a) => (
          <label key={a} className="chip">
            <input
              type="checkbox"
              checked={filter.availability?.includes(a) ?? false}
              onChange={() => toggle('availability', a)}
            />
            {t.tk(`availability_${a}`)}
          </label>
        ))}
      </fieldset>

      <fieldset className="chips">
        <legend>{t.t('tenure')}</legend>
        {TENURES.map((x) => (
          <label key={x} className="chip">
            <input
              type="checkbox"
              checked={filter.tenure?.includes(x) ?? false}
              onChange={() => toggle('tenure', x)}
            />
            {t.tk(`tenure_${x}`)}
          </label>
        ))}
      </fieldset>

      <RangeInput
        legend={`${t.t('area')} (m²)`}
        name="area"
        min={filter.areaMin}
        max={filter.areaMax}
        onChange={(areaMin, areaMax) => set({ areaMin, areaMax })}
      />
      <RangeInput
        legend={`${t.t('buildingRight')} (${t.t('unit_kem2')})`}
        name="building_right"
        min={filter.buildingRightMin}
        max={filter.buildingRightMax}
        onChange={(buildingRightMin, buildingRightMax) => set({ buildingRightMin, buildingRightMax })}
      />
      <RangeInput
        legend={`${t.t('price')} (${t.t('perKem2')})`}
        hint={t.t('priceHint')}
        name="price"
        min={filter.priceMin}
        max={filter.priceMax}
        onChange={(priceMin, priceMax) => set({ priceMin, priceMax })}
      />

      <AreaSelects
        filter={filter}
        load={loadAreas}
        onChange={(district, subDistrict) => set({ district, subDistrict })}
      />

      {filter.within && (
        <p className="drawn-note">
          <span>{t.t('drawnAreaActive')}</span>
          <button type="button" className="link-btn" onClick={() => set({ within: undefined })}>
            {t.t('clearDrawnArea')}
          </button>
        </p>
      )}

      <div className="filter-actions">
        <button type="button" className="btn" onClick={onReset} disabled={!canReset}>
          {t.t('resetFilters')}
        </button>
        {actionsSlot}
        <button type="button" className="btn primary" onClick={onShowResults}>
          {t.t('results')}: {countText}
        </button>
      </div>
    </form>
  );
}

function UseCodeSelect({
  filter,
  onChange,
}: {
  filter: PlotFilter;
  onChange(v: PlotFilter['useCode']): void;
}) {
  const t = useI18n();
  const id = useId();
  const value = filter.useCode?.length === 1 ? filter.useCode[0] : filter.useCode?.length ? '__many' : '';
  return (
    <div className="field">
      <label htmlFor={id}>{t.t('useCode')}</label>
      <select
        id={id}
        value={value}
        onChange={(e) =>
          onChange(e.target.value ? [e.target.value as (typeof USE_CODES)[number]] : undefined)
        }
      >
        <option value="">{t.t('anyUseCode')}</option>
        {value === '__many' && <option value="__many">{filter.useCode!.join(', ')}</option>}
        {USE_CLASSES.map((c) => (
          <optgroup key={c} label={t.tk(`useClass_${c}`)}>
            {USE_CODES.filter((code) => useClassOf(code) === c).map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

const parseNum = (s: string): number | undefined => {
  const clean = s.replace(/\s|\u00a0/g, '').replace(',', '.');
  if (clean === '') return undefined;
  const n = Number(clean);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

/** Min/max number pair; typing is kept locally and committed after a short pause or on blur. */
function RangeInput(props: {
  legend: string;
  hint?: string;
  name: string;
  min?: number;
  max?: number;
  onChange(min?: number, max?: number): void;
}) {
  const t = useI18n();
  const [lo, setLo] = useState(props.min?.toString() ?? '');
  const [hi, setHi] = useState(props.max?.toString() ?? '');
  // Outside changes (reset, back button) replace what is typed.
  useEffect(() => setLo(props.min?.toString() ?? ''), [props.min]);
  useEffect(() => setHi(props.max?.toString() ?? ''), [props.max]);
  const commit = (l: string, h: string) => {
    const a = parseNum(l);
    const b = parseNum(h);
    if (a !== props.min || b !== props.max) props.onChange(a, b);
  };
  useEffect(() => {
    const timer = setTimeout(() => commit(lo, hi), 500);
    return () => clearTimeout(timer);
    // Commit only when the typed text changes, not when the props echo it back.
  }, [lo, hi]);
  const hintId = useId();
  const invalid = (s: string) => s.trim() !== '' && parseNum(s) === undefined;
  return (
    <fieldset className="range" aria-describedby={props.hint ? hintId : undefined}>
      <legend>{props.legend}</legend>
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <div className="range-inputs">
        <label>
          <span>{t.t('min')}</span>
          <input
            name={`${props.name}_min`}
            inputMode="decimal"
            value={lo}
            aria-invalid={invalid(lo)}
            onChange={(e) => setLo(e.target.value)}
            onBlur={() => commit(lo, hi)}
            onKeyDown={(e) => e.key === 'Enter' && commit(lo, hi)}
          />
        </label>
        <span aria-hidden="true">–</span>
        <label>
          <span>{t.t('max')}</span>
          <input
            name={`${props.name}_max`}
            inputMode="decimal"
            value={hi}
            aria-invalid={invalid(hi)}
            onChange={(e) => setHi(e.target.value)}
            onBlur={() => commit(lo, hi)}
            onKeyDown={(e) => e.key === 'Enter' && commit(lo, hi)}
          />
        </label>
      </div>
    </fieldset>
  );
}

const areaName = (a: { name_fi: string; name_sv: string }, t: I18n) =>
  t.lang === 'sv' ? a.name_sv : a.name_fi;

function AreaSelects({
  filter,
  load,
  onChange,
}: {
  filter: PlotFilter;
  load: boolean;
  onChange(district?: number[], subDistrict?: number[]): void;
}) {
  const t = useI18n();
  const [districts, setDistricts] = useState<District[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const dId = useId();
  const sId = useId();
  useEffect(() => {
    if (!load) return;
    const ac = new AbortController();
    api
      .districts(ac.signal)
      .then((r) => setDistricts(r.districts))
      .catch((e) => !isAbort(e) && setError(e));
    return () => ac.abort();
  }, [load]);
  // Faceted counts: each sub-district's plots under every other active filter (not the
  // sub-district choice itself), so that the numbers say what picking one would show.
  const [counts, setCounts] = useState<Record<string, number> | null>(null);
  const { subDistrict: _own, ...others } = filter;
  const othersQuery = filterToParams(others).toString();
  useEffect(() => {
    if (!load) return;
    const ac = new AbortController();
    const timer = setTimeout(
      () =>
        api
          .districtCounts(othersQuery, ac.signal)
          .then((r) => setCounts(r.sub_districts))
          .catch((e) => !isAbort(e) && setCounts(null)),
      150,
    );
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [load, othersQuery]);
  const d =
    filter.district?.length === 1 ? String(filter.district[0]) : filter.district?.length ? '__many' : '';
  const s =
    filter.subDistrict?.length === 1
      ? String(filter.subDistrict[0])
      : filter.subDistrict?.length
        ? '__many'
        : '';
  const list = districts ?? [];
  const inDistrict = filter.district?.length ? list.filter((x) => filter.district!.includes(x.number)) : list;
  const subs = inDistrict.flatMap((x) => x.sub_districts.map((sd) => ({ ...sd, district: x })));
  const business = subs
    .filter((x) => x.is_business_area)
    .sort((a, b) => areaName(a, t).localeCompare(areaName(b, t), t.locale));
  const other = subs
    .filter((x) => !x.is_business_area)
    .sort((a, b) => areaName(a, t).localeCompare(areaName(b, t), t.locale));
  const subOption = (x: (typeof subs)[number]) => {
    // Until the faceted counts arrive, the unfiltered ones; afterwards 0 is said too, when the
    // area has plots that the other filters leave out.
    const n = counts ? (counts[String(x.number)] ?? 0) : x.plot_count;
    return (
      <option key={x.number} value={x.number}>
        {areaName(x, t)}
        {n || (counts && x.plot_count) ? ` (${t.num(n)})` : ''}
      </option>
    );
  };
  return (
    <div className="area-selects">
      {error != null && <p className="error">{errorText(error, t)}</p>}
      <div className="field">
        <label htmlFor={dId}>{t.t('district')}</label>
        <select
          id={dId}
          value={d}
          onChange={(e) => onChange(e.target.value ? [Number(e.target.value)] : undefined, undefined)}
        >
          <option value="">{t.t('anyDistrict')}</option>
          {d === '__many' && <option value="__many">{filter.district!.join(', ')}</option>}
          {[...list]
            .sort((a, b) => areaName(a, t).localeCompare(areaName(b, t), t.locale))
            .map((x) => (
              <option key={x.number} value={x.number}>
                {areaName(x, t)}
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={sId}>{t.t('subDistrict')}</label>
        <select
          id={sId}
          value={s}
          onChange={(e) => onChange(filter.district, e.target.value ? [Number(e.target.value)] : undefined)}
        >
          <option value="">{t.t('anySubDistrict')}</option>
          {s === '__many' && <option value="__many">{filter.subDistrict!.join(', ')}</option>}
          {business.length > 0 && <optgroup label={t.t('businessAreas')}>{business.map(subOption)}</optgroup>}
          {other.length > 0 && <optgroup label={t.t('otherAreas')}>{other.map(subOption)}</optgroup>}
        </select>
      </div>
    </div>
  );
}
