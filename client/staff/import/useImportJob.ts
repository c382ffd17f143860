/**
 * The import wizard's state and the requests behind each step: upload (with upload and parse
 * progress), configure, fix or decide rows, commit, discard.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, isApiError, uploadFile } from '../api.ts';
import { useStaff } from '../context.ts';
import type { PreviewFeature } from '../MapPreview.tsx';
import { geometryQuery, type GeometryChoice } from './Columns.tsx';
import { committedText, originalOutlines } from './Repairs.tsx';
import type { Job, Row, SavedMapping } from './types.ts';

export interface ReadOptions {
  encoding: string;
  crs: string;
}

export function useImportJob() {
  const { t, lang, errorText } = useStaff();
  const [file, setFile] = useState<File | null>(null);
  const [options, setOptions] = useState<ReadOptions>({ encoding: '', crs: '' });
  const [sent, setSent] = useState<number | null>(null);
  const [parsed, setParsed] = useState<number | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<{ text: string; suggestion?: number } | null>(null);
  const [message, setMessage] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [mapRows, setMapRows] = useState<Row[]>([]);
  const [saved, setSaved] = useState<SavedMapping[]>([]);
  const [presets, setPresets] = useState<Array<{ id: string }>>([]);
  const [limitBytes, setLimitBytes] = useState(Infinity);
  const polling = useRef<number | null>(null);

  useEffect(() => {
    void api<{ presets: Array<{ id: string }>; upload_limit_bytes: number }>(
      'GET',
      '/api/staff/import/presets',
    ).then((r) => {
      setPresets(r.presets);
      setLimitBytes(r.upload_limit_bytes);
    });
    void api<{ mappings: SavedMapping[] }>('GET', '/api/staff/import/mappings').then((r) =>
      setSaved(r.mappings),
    );
  }, []);

  const show = useCallback(async (j: Job) => {
    setJob(j);
    const [p, all] = await Promise.all([
      api<{ rows: Row[] }>('GET', `/api/staff/import/jobs/${j.id}/rows?only=problems&limit=500`),
      api<{ rows: Row[] }>('GET', `/api/staff/import/jobs/${j.id}/rows?only=all&limit=5000`),
    ]);
    setRows(p.rows);
    setMapRows(all.rows);
  }, []);

  const clear = () => {
    setJob(null);
    setRows([]);
    setMapRows([]);
  };

  /** Reads the chosen file into a new job (again, with another CRS or geometry column). */
  const start = async (crsOverride?: number, geometry?: GeometryChoice): Promise<Job | null> => {
    if (!file) return null;
    // Said before sending: a browser cut off mid-upload by the server's 413 often sees only a reset.
    if (file.size > limitBytes) {
      setError({ text: t('err.upload_too_large', { limit: Math.round(limitBytes / 1e6) }) });
      return null;
    }
    setError(null);
    setMessage('');
    setJob(null);
    const id = crypto.randomUUID();
    const q = new URLSearchParams({ job: id });
    if (options.encoding) q.set('encoding', options.encoding);
    const c = crsOverride ?? (options.crs ? Number(options.crs) : undefined);
    if (c) q.set('crs', String(c));
    for (const [k, v] of Object.entries(geometryQuery(geometry))) q.set(k, v);
    setSent(0);
    // Progress of the parsing, which another request reports while the upload's is running.
    polling.current = window.setInterval(async () => {
      const j = await api<{ job: Job }>('GET', `/api/staff/import/jobs/${id}`).catch(() => null);
      if (j) setParsed(j.job.progress.features ?? 0);
    }, 700);
    try {
      const r = await uploadFile<{ job: Job }>(`/api/staff/import/jobs?${q}`, file, setSent);
      await show(r.job);
      return r.job;
    } catch (e) {
      const suggestion = isApiError(e)
        ? (e.details as { suggestion?: { epsg: number } }).suggestion?.epsg
        : undefined;
      setError({ text: errorText(e), suggestion });
      return null;
    } finally {
      if (polling.current) clearInterval(polling.current);
      setSent(null);
      setParsed(null);
    }
  };

  /** One change to the job; the answer is the job as it now stands, or a message. */
  const change = async (method: 'POST' | 'PATCH', step: string, body: object, of = job) => {
    if (!of) return;
    try {
      await show((await api<{ job: Job }>(method, `/api/staff/import/jobs/${of.id}/${step}`, body)).job);
    } catch (e) {
      setMessage(errorText(e));
    }
  };

  const configure = (body: object) => change('POST', 'configure', body);
  const fixRow = (n: number, body: object) => change('PATCH', `rows/${n}`, body);
  const decide = (n: number, decision: 'accept' | 'exclude' | 'undecided') =>
    change('POST', 'repairs', { rows: [n], decision });

  /** A saved mapping naming another geometry column: read the file again, then apply it. */
  const readWithMapping = async (g: GeometryChoice, m: SavedMapping['mapping']) => {
    const j = await start(undefined, g);
    if (!j) return;
    const mapping = Object.fromEntries(
      Object.entries(m.mapping).filter(([, a]) => j.summary.attributes.includes(a)),
    );
    await change('POST', 'configure', { mapping, defaults: m.defaults }, j);
  };

  const commit = async (publishUpdates: boolean) => {
    if (!job) return;
    try {
      const r = await api<{ created: number; updated: number; staged: number; unchanged: number }>(
        'POST',
        `/api/staff/import/jobs/${job.id}/commit`,
        { publish_updates: publishUpdates },
      );
      setMessage(committedText(lang, r));
      clear();
    } catch (e) {
      setMessage(errorText(e));
    }
  };

  const discard = async () => {
    if (job) await api('DELETE', `/api/staff/import/jobs/${job.id}`).catch(() => {});
    clear();
  };

  return {
    file,
    setFile,
    options,
    setOptions,
    sent,
    parsed,
    job,
    error,
    message,
    rows,
    features: previewFeatures(mapRows),
    saved,
    setSaved,
    presets,
    start,
    configure,
    fixRow,
    decide,
    readWithMapping,
    commit,
    discard,
  };
}

/** Every row with a geometry, coloured by its worst problem, and the outlines repairs replaced. */
function previewFeatures(rows: Row[]): PreviewFeature[] {
  return rows
    .filter((r) => r.geometry)
    .map((r): PreviewFeature => ({
      type: 'Feature',
      geometry: r.geometry!,
      properties: {
        n: r.n,
        state: r.problems.some((p) => p.severity === 'error')
          ? 'error'
          : r.problems.length
            ? 'warning'
            : 'ok',
      },
    }))
    .concat(originalOutlines(rows));
}
