import { useState } from 'react';
import { useStaff } from '../context.ts';
import { MapPreview } from '../MapPreview.tsx';
import { GeometryPicker, UnmappedColumns } from './Columns.tsx';
import { CrsPanel } from './CrsPanel.tsx';
import { MappingPanel } from './MappingPanel.tsx';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { RepairsPanel, UpdatesOption } from './Repairs.tsx';
import { SummaryPanel } from './SummaryPanel.tsx';
import { UploadBar } from './UploadBar.tsx';
import { useImportJob } from './useImportJob.ts';

/** The import wizard: upload -> coordinate system -> mapping -> problems and map -> commit. */
export function ImportView() {
  const { t, can } = useStaff();
  const im = useImportJob();
  const [picked, setPicked] = useState<number | null>(null);
  const [publishUpdates, setPublishUpdates] = useState(false);
  const { job } = im;
  return (
    <section>
      <UploadBar im={im} />
      {im.message && <p role="status">{im.message}</p>}
      {job && (
        <>
          <div className="split">
            <div>
              <CrsPanel job={job} onChange={im.configure} />
              <SummaryPanel job={job} />
              <UnmappedColumns unmapped={job.validation.unmapped ?? []} />
            </div>
            <MapPreview features={im.features} onPick={setPicked} label={t('map_preview')} />
          </div>
          {job.summary.geometry && (
            <GeometryPicker
              facts={job.summary.geometry}
              // Read again from the file still chosen: the geometry is parsed while reading.
              onPick={(g) => void im.start(undefined, g)}
            />
          )}
          <MappingPanel
            job={job}
            presets={im.presets}
            saved={im.saved}
            onChange={im.configure}
            onSaved={im.setSaved}
            onGeometry={im.readWithMapping}
          />
          <RepairsPanel rows={im.rows} onDecide={im.decide} onShow={setPicked} />
          <ProblemsPanel rows={im.rows} picked={picked} onFix={im.fixRow} />
          {job.validation.update > 0 && (
            <UpdatesOption
              publish={publishUpdates}
              onChange={setPublishUpdates}
              canPublish={can('plots.publish')}
            />
          )}
          <div className="toolbar">
            {can('import.commit') && (
              <button
                type="button"
                className="primary"
                disabled={job.validation.rows_with_errors > 0 || !job.settings.crs_confirmed}
                onClick={() => im.commit(publishUpdates)}
              >
                {t('commit')} ({job.validation.new + job.validation.update})
              </button>
            )}
            <button type="button" className="danger" onClick={im.discard}>
              {t('discard')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
