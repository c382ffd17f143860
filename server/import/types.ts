import { badRequest, type HttpError } from '../http/errors.ts';
import type { DeclaredCrs, Epsg } from './crs.ts';
import type { PlotField } from '../staff/fields.ts';
import type { Mapping } from './mapping.ts';

/** A GeoJSON geometry with coordinates as they are in the file (no CRS applied). */
/** The geometry column (WKT, EWKT, WKB hex or GeoJSON), or the pair of coordinate columns. */
export type GeometryChoice = { column: string } | { x: string; y: string };

export type GeometryKind = 'wkt' | 'wkb' | 'geojson' | 'xy';

export interface GeometryCandidate {
  kind: GeometryKind;
  column?: string;
  x?: string;
  y?: string;
  /** Sampled non-empty values that read as this kind, of those sampled. */
  hits: number;
  sampled: number;
}

export interface GeometryFacts {
  chosen: GeometryChoice | null;
  kind: GeometryKind | null;
  /** The user named the column (query, CLI flag or saved mapping). */
  by_user: boolean;
  candidates: GeometryCandidate[];
  columns: string[];
}

export interface ZipLimits {
  /** Largest total of the unpacked files, in bytes. */
  maxUncompressedBytes: number;
  /** Largest unpacked/packed ratio of one entry bigger than 1 MB unpacked. */
  maxRatio: number;
}

export interface RawGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: RawGeometry[];
}

export interface RawFeature {
  attrs: Record<string, unknown>;
  geometry: RawGeometry | null;
  /** The file line the feature starts on (CSV: the header is line 1; GML: its element's). */
  line?: number;
}

/** Receives features one by one; a returned promise pauses reading until it settles (backpressure). */
export type Sink = (f: RawFeature) => Promise<void> | void;

export interface ReadOptions {
  /** Text encoding chosen by the user (CSV, DBF); detected when absent. */
  encoding?: string;
  /** Called with the bytes read so far, for progress. */
  onBytes?: (bytes: number) => void;
  /** The CSV geometry column or coordinate pair the user named; found by the values when absent. */
  geometry?: GeometryChoice;
}

/** What a reader learned about the file besides its features. */
export interface ReadMeta {
  format: 'geojson' | 'gml' | 'csv' | 'shapefile' | 'geopackage';
  /** Feature type (GML), table (GeoPackage) or file name (Shapefile) of the data read. */
  layer?: string;
  declared: DeclaredCrs;
  encoding?: string;
  notes?: string[];
  /** CSV: the geometry candidates found in the first rows and the one used. */
  geometry?: GeometryFacts;
}

export type Reader = (file: string, sink: Sink, opts: ReadOptions) => Promise<ReadMeta>;

/** A problem with the whole file: 400 with a stable code; nothing is stored. */
export const fileError = (
  code: string,
  message: string,
  value?: unknown,
  extra: Record<string, unknown> = {},
): HttpError => badRequest(code, message, value ?? null, extra);

/** The job's current choices: CRS, axis order, mapping and defaults; every validation reads them. */
export interface Settings {
  epsg: Epsg;
  swap_axes: boolean;
  crs_source: 'declared' | 'inferred' | 'user';
  crs_confirmed: boolean;
  mapping: Mapping;
  defaults: Partial<Record<PlotField, unknown>>;
  preset: string | null;
  /** CSV: the geometry column or coordinate pair read (kept so a saved mapping can name it). */
  geometry?: GeometryChoice | null;
}

export interface ImportLimits extends ZipLimits {
  maxFeatures: number;
}

export interface ParseOptions extends ReadOptions {
  jobId: string;
  /** EPSG code the user says the file is in (overrides the file's own). */
  crs?: number;
  layer?: string;
  geometry?: GeometryChoice;
}

/** The uploaded file as received: where it lies, its name and size, and its own folder. */
export interface UploadedFile {
  file: string;
  fileName: string;
  bytes: number;
  dir: string;
}
