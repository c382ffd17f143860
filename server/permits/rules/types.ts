import type { Text, UseCode } from '../catalogue.ts';

/** The plot attributes the rules read (columns of plots). */
export interface PlotForRules {
  use_code: UseCode;
  registered: boolean;
  building_prohibition: boolean;
  plan_state: 'valid' | 'pending';
  availability: 'available' | 'draw' | 'reserved' | 'leased' | 'coming';
  tenure: 'lease' | 'sale';
  /** ISO date the public draw ends; null when not in a draw or unknown. */
  draw_ends_on: string | null;
  /** ISO date construction may start at the earliest; null when not set. */
  earliest_construction_on?: string | null;
  /** Years within which the holder must build; null when none. */
  build_obligation_years?: number | null;
}

/** The activity traits the rules read (activities.json). */
export interface ActivityForRules {
  kind: 'business' | 'event';
  name: Text;
  fits_use_codes: readonly string[];
  environmental: 'none' | 'notification' | 'permit';
  health_protection: boolean;
}

export interface PermitNeed {
  code: string;
  /** Why the permit was suggested; never empty. */
  reasons: Text[];
  /** Codes (all in the same result) that must be decided before this one can start. */
  depends_on: string[];
}

/** Records one reason for one permit; the same permit may be added for several reasons. */
export type Add = (code: string, reason: Text) => void;
