/** What the import API answers about a job and its rows. */
import type { PreviewFeature } from '../MapPreview.tsx';
import type { GeometryChoice, GeometryFacts, Unmapped } from './Columns.tsx';

export interface Problem {
  field: string;
  code: string;
  severity: 'error' | 'warning';
  value: unknown;
}
export interface Job {
  id: string;
  status: string;
  file_name: string;
  progress: { bytes?: number; total_bytes?: number; features?: number };
  summary: {
    format: string;
    layer: string | null;
    encoding: string | null;
    feature_count: number;
    attributes: string[];
    samples: Record<string, unknown[]>;
    declared_crs: string | null;
    detected: { epsg: number; swap_axes: boolean; source: string };
    geometry?: GeometryFacts | null;
  };
  settings: {
    epsg: number;
    swap_axes: boolean;
    crs_confirmed: boolean;
    crs_source: string;
    mapping: Record<string, string>;
    defaults: Record<string, unknown>;
    preset: string | null;
    geometry?: GeometryChoice | null;
  };
  validation: {
    total: number;
    new: number;
    update: number;
    excluded: number;
    rows_with_errors: number;
    rows_with_warnings: number;
    problems: Array<{ code: string; severity: string; rows: number }>;
    unmapped?: Unmapped[];
    unchanged?: number;
  };
}
export interface Row {
  n: number;
  line?: number | null;
  action: string | null;
  excluded: boolean;
  mapped: Record<string, unknown> | null;
  problems: Problem[];
  geometry: PreviewFeature['geometry'] | null;
  original_geometry?: PreviewFeature['geometry'] | null;
}

/** A mapping a user saved under a name, with the geometry columns when the file had a choice. */
export interface SavedMapping {
  name: string;
  mapping: {
    mapping: Record<string, string>;
    defaults: Record<string, unknown>;
    geometry?: GeometryChoice;
  };
}
