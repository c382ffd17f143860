import { useStaff } from '../context.ts';
import type { useImportJob } from './useImportJob.ts';

/** Choose the file and how to read it; upload and parse progress; a refusal with its fix. */
export function UploadBar({ im }: { im: ReturnType<typeof useImportJob> }) {
  const { t } = useStaff();
  const { options, setOptions, sent, parsed, error } = im;
  return (
    <>
      <div className="panel toolbar">
        <label>
          {t('upload')} <small>({t('upload_hint')})</small>
          <input
            type="file"
            accept=".geojson,.json,.gml,.xml,.csv,.txt,.zip,.gpkg"
            onChange={(e) => im.setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <label>
          {t('encoding')}
          <select
            value={options.encoding}
            onChange={(e) => setOptions({ ...options, encoding: e.target.value })}
          >
            <option value="">{t('auto')}</option>
            <option value="utf8">UTF-8</option>
            <option value="windows1252">Windows-1252</option>
            <option value="iso88591">ISO-8859-1</option>
            <option value="utf16le">UTF-16</option>
          </select>
        </label>
        <label>
          {t('crs')}
          <select value={options.crs} onChange={(e) => setOptions({ ...options, crs: e.target.value })}>
            <option value="">{t('auto')}</option>
            <option value="3879">EPSG:3879</option>
            <option value="3067">EPSG:3067</option>
            <option value="4326">EPSG:4326</option>
          </select>
        </label>
        <button
          type="button"
          className="primary"
          disabled={!im.file || sent !== null}
          onClick={() => im.start()}
        >
          {t('import')}
        </button>
      </div>
      {sent !== null && (
        <div className="panel" role="status">
          {sent < 1 ? t('uploading') : t('parsing')} <progress className="progress" max={1} value={sent} />
          {parsed !== null && (
            <span>
              {parsed.toLocaleString()} {t('features')}
            </span>
          )}
        </div>
      )}
      {error && (
        <div className="panel" role="alert">
          <p className="error">{error.text}</p>
          {error.suggestion && (
            <button type="button" onClick={() => im.start(error.suggestion)}>
              {t('use_crs', { epsg: error.suggestion })}
            </button>
          )}
        </div>
      )}
    </>
  );
}
