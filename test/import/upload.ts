import fs from 'node:fs';
import path from 'node:path';
import type { StaffClient } from '../auth/client.ts';

export const FIXTURES = path.join(
  path.dirname(new URL(import.meta.url).pathname),
  '..',
  'fixtures',
  'import',
);

export interface Job {
  id: string;
  status: string;
  summary: {
    format: string;
    layer: string | null;
    feature_count: number;
    encoding: string | null;
    attributes: string[];
    detected: { epsg: number; swap_axes: boolean; source: string };
  };
  settings: {
    epsg: number;
    swap_axes: boolean;
    crs_confirmed: boolean;
    preset: string | null;
    mapping: Record<string, string>;
  };
  validation: {
    total: number;
    new: number;
    update: number;
    rows_with_errors: number;
    rows_with_warnings: number;
    problems: Array<{ code: string; severity: string; rows: number }>;
  };
}

export interface ApiError {
  error: { code: string; message: string; value: unknown; [k: string]: unknown };
}

/** Uploads bytes as a multipart file; returns the status and the parsed body. */
export async function upload<T = { job: Job }>(
  c: StaffClient,
  name: string,
  data: Buffer | Uint8Array,
  query = '',
): Promise<{ status: number; body: T }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  const res = await fetch(`${c.base}/api/staff/import/jobs${query}`, {
    method: 'POST',
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as T };
}

export const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
