import { useEffect, useState } from 'react';
import { useStaff } from '../context.ts';
import type { Job } from './types.ts';

/** The coordinate system read or guessed from the file, which the user confirms or corrects. */
export function CrsPanel({ job, onChange }: { job: Job; onChange: (b: object) => void }) {
  const { t } = useStaff();
  const [epsg, setEpsg] = useState(String(job.settings.epsg));
  const [swap, setSwap] = useState(job.settings.swap_axes);
  useEffect(() => {
    setEpsg(String(job.settings.epsg));
    setSwap(job.settings.swap_axes);
  }, [job.settings.epsg, job.settings.swap_axes]);
  return (
    <div className="panel">
      <h3>{t('crs')}</h3>
      <p>
        {t('crs_declared')}: {job.summary.declared_crs ?? '–'} · {t('crs_detected')}: EPSG:
        {job.summary.detected.epsg}
        {job.summary.detected.swap_axes ? ` (${t('swap_axes')})` : ''}
      </p>
      {!job.settings.crs_confirmed && <p className="warning">{t('crs_inferred')}</p>}
      <div className="toolbar">
        <select value={epsg} onChange={(e) => setEpsg(e.target.value)} aria-label={t('crs')}>
          <option value="3879">EPSG:3879 (GK25)</option>
          <option value="3067">EPSG:3067 (TM35FIN)</option>
          <option value="4326">EPSG:4326 (WGS84)</option>
        </select>
        <label style={{ flexDirection: 'row', alignItems: 'center' }}>
          <input type="checkbox" checked={swap} onChange={(e) => setSwap(e.target.checked)} />{' '}
          {t('swap_axes')}
        </label>
        <button
          type="button"
          className={job.settings.crs_confirmed ? undefined : 'primary'}
          onClick={() => onChange({ epsg: Number(epsg), swap_axes: swap, confirm_crs: true })}
        >
          {job.settings.crs_confirmed ? `✓ ${t('crs_confirmed')}` : t('crs_confirm')}
        </button>
      </div>
    </div>
  );
}
