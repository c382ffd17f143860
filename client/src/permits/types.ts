/** Shapes of the permits API (server/permits/service.ts). */
import type { Lang } from '../../../shared/i18n.ts';
export type { Lang } from '../../../shared/i18n.ts';
export type Text = Record<Lang, string>;

export type FactValue = boolean | number | string;

export type FactDefinition =
  | { key: string; type: 'boolean'; label: Text }
  | { key: string; type: 'choice'; label: Text; options: Array<{ value: string; label: Text }> }
  | { key: string; type: 'integer'; label: Text; min: number; max: number };

export interface ActivityOption {
  code: string;
  kind: 'business' | 'event';
  names: Text;
  fits_use_codes: string[];
  facts: string[];
  defaults: Record<string, FactValue>;
}

export interface Activities {
  activities: ActivityOption[];
  facts: FactDefinition[];
}

export interface DayRange {
  min: number;
  max: number;
}

export interface PermitContact {
  id: number;
  kind: 'key_account' | 'department';
  source: 'plot' | 'area' | 'department';
  title: Text;
  department: { id: string; names: Text; url: string | null } | null;
  email: string;
  phone: string | null;
  sub_district_number: number | null;
  is_demo: boolean;
}

/** The days the plan counted on: measured decisions (median to p90) or the catalogue's. */
export type Expected =
  | { days: DayRange; source: 'catalogue' }
  | {
      days: DayRange;
      source: 'measured';
      cases: number;
      period_months: number;
      median_days: number;
      p90_days: number;
      includes_demo: boolean;
    };

export interface PathPermit {
  code: string;
  names: Text;
  when: Text;
  authority: { id: string; names: Text; url: string | null };
  contact: PermitContact | null;
  /** The catalogue's figure; `expected` is what the schedule used. */
  typical_days: DayRange;
  expected: Expected;
  timing: 'processing' | 'notice';
  url: string | null;
  attachments: Text[];
  reasons: Text[];
  depends_on: string[];
  starts_after_days: number;
  finishes_after_days: DayRange;
  on_critical_path: boolean;
}

export interface PermitPath {
  plot: { id: number; property_id: string; use_code: string; is_demo: boolean };
  activity: { code: string; kind: 'business' | 'event'; names: Text };
  facts: Record<string, FactValue>;
  permits: PathPermit[];
  total_days_estimate: DayRange;
  critical_path: string[];
  /** What the zoning asks about that the answers settle without a permit. */
  notes?: Text[];
  guidance_note: Text;
  is_demo: boolean;
}
