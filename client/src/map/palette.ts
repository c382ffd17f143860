/** Colours and fills of the plot layers; the legend reads the same table. */
import type { Availability, UseClass } from '../../../shared/filter.ts';

export const USE_CLASS_COLOURS: Record<UseClass, string> = {
  commercial: '#e8590c',
  office: '#1c6dd0',
  industrial: '#8e3fd1',
};

/** Fill opacity says how available a plot is: solid = available, faint = taken. */
export const AVAILABILITY_OPACITY: Record<Availability, number> = {
  available: 0.78,
  draw: 0.6,
  coming: 0.4,
  reserved: 0.28,
  leased: 0.12,
};

/** Plots that cannot be had now get a dashed outline, so the difference is not colour alone. */
export const DASHED_AVAILABILITY: Availability[] = ['reserved', 'leased', 'coming'];

export const CLUSTER_COLOUR = '#0b7285';
export const SELECTED_COLOUR = '#101828';
export const HOVER_COLOUR = '#ffd43b';
export const DRAW_COLOUR = '#e64980';
