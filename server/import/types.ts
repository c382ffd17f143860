import { badRequest, type HttpError } from '../http/errors.ts';
import type { DeclaredCrs } from './crs.ts';

/** A GeoJSON geometry with coordinates as they are in the file (no CRS applied). */
export interface RawGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: RawGeometry[];
}

export interface RawFeature {
  attrs: Record<string, unknown>;
  geometry: RawGeometry | null;
}

/** Receives features one by one; a returned promise pauses reading until it settles (backpressure). */
export type Sink = (f: RawFeature) => Promise<void> | void;

export interface ReadOptions {
  /** Text encoding chosen by the user (CSV, DBF); detected when absent. */
  encoding?: string;
  /** Called with the bytes read so far, for progress. */
  onBytes?: (bytes: number) => void;
}

/** What a reader learned about the file besides its features. */
export interface ReadMeta {
  format: 'geojson' | 'gml' | 'csv' | 'shapefile' | 'geopackage';
  /** Feature type (GML), table (GeoPackage) or file name (Shapefile) of the data read. */
  layer?: string;
  declared: DeclaredCrs;
  encoding?: string;
  notes?: string[];
}

export type Reader = (file: string, sink: Sink, opts: ReadOptions) => Promise<ReadMeta>;

/** A problem with the whole file: 400 with a stable code; nothing is stored. */
export const fileError = (
  code: string,
  message: string,
  value?: unknown,
  extra: Record<string, unknown> = {},
): HttpError => badRequest(code, message, value ?? null, extra);
