import { useId } from 'react';
import { isApiError } from '../api.ts';
import { ft, type FactsKey } from './facts-i18n.ts';
import type { Lang } from './i18n.ts';

/** The new-project form's key-project figures as typed (empty: not given). */
export interface KeyFactsInput {
  investmentEur: string;
  jobs: string;
}
export type KeyFactField = keyof KeyFactsInput;
export const NO_KEY_FACTS: KeyFactsInput = { investmentEur: '', jobs: '' };

/** The server's refusal codes of each figure (server/key-projects/applicant.ts parseKeyFacts). */
const FIELD_OF_CODE: Record<string, KeyFactField> = {
  invalid_investment: 'investmentEur',
  invalid_jobs: 'jobs',
};

/** A refusal that belongs to one of these fields, with the value the server named, or null. */
export function keyFactProblem(err: unknown): { field: KeyFactField; code: string; value: string } | null {
  if (!isApiError(err)) return null;
  const field = FIELD_OF_CODE[err.code];
  if (!field) return null;
  const v = (err.details as { value?: unknown }).value;
  return { field, code: err.code, value: v === undefined || v === null ? '' : String(v) };
}

/**
 * A typed figure for the API: spaces (thousands as Finns and Swedes write them) dropped and a
 * decimal comma read as a point. What is still not a number is sent as typed, so the server's
 * refusal names it at the field.
 */
function figure(raw: string): number | string | undefined {
  const s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : raw;
}

/** The `keyProject` part of the new-project body, or undefined when neither figure is given. */
export function keyProjectBody(v: KeyFactsInput): { investmentEur?: unknown; jobs?: unknown } | undefined {
  const investmentEur = figure(v.investmentEur);
  const jobs = figure(v.jobs);
  if (investmentEur === undefined && jobs === undefined) return undefined;
  return { investmentEur, jobs };
}

/**
 * Planned investment and jobs created, both optional, each with its hint and, after a refusal,
 * its error (in the field's description, so a screen reader reads it with the field), naming
 * the figure as the applicant typed it rather than as it was sent.
 */
export function KeyFactsFields(props: {
  lang: Lang;
  value: KeyFactsInput;
  onChange(v: KeyFactsInput): void;
  problem: { field: KeyFactField; code: string; value: string } | null;
}) {
  const { lang, value, onChange, problem } = props;
  const id = useId();
  const t = (k: FactsKey) => ft(lang, k);
  const field = (name: KeyFactField, label: FactsKey, hint: FactsKey, inputMode: 'decimal' | 'numeric') => {
    const bad = problem?.field === name ? problem : null;
    const describedBy = [`${id}-${name}-hint`, bad && `${id}-${name}-err`].filter(Boolean).join(' ');
    return (
      <div className={bad ? 'field invalid' : 'field'}>
        <label htmlFor={`${id}-${name}`}>{t(label)}</label>
        <span className="hint" id={`${id}-${name}-hint`}>
          {t(hint)}
        </span>
        {bad && (
          <span className="field-error" id={`${id}-${name}-err`}>
            {ft(lang, `err.${bad.code}` as FactsKey, value[name] || bad.value)}
          </span>
        )}
        <input
          id={`${id}-${name}`}
          name={name}
          inputMode={inputMode}
          autoComplete="off"
          value={value[name]}
          aria-invalid={bad ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange({ ...value, [name]: e.target.value })}
        />
      </div>
    );
  };
  return (
    <fieldset>
      <legend>{t('sizeLegend')}</legend>
      <p className="hint">{t('sizeHint')}</p>
      {field('investmentEur', 'investmentLabel', 'investmentHint', 'decimal')}
      {field('jobs', 'jobsLabel', 'jobsHint', 'numeric')}
    </fieldset>
  );
}
