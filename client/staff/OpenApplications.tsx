import { ConfirmDialog } from '../apply/ConfirmDialog.tsx';
import { useStaff } from './context.ts';

type Text = { fi: string; sv: string; en: string };

/** One project in the server's 409 open_applications answer. */
export interface OpenApplication {
  project_id: number;
  project_name: string;
  organisation: string;
  submitted: boolean;
  cases: Array<{ id: number; permit: Text; department: Text; stage_names: Text }>;
}

/**
 * The warning before a published plot named by open applications leaves the map: each project
 * with its company and its open permit cases, and a confirmation the server then requires.
 */
export function OpenApplicationsDialog(p: {
  step: 'withdraw' | 'draft';
  propertyId: string;
  applications: OpenApplication[];
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t, lang } = useStaff();
  return (
    <ConfirmDialog
      title={t('openApps.title', { plot: p.propertyId })}
      confirmLabel={t(p.step === 'withdraw' ? 'openApps.withdraw' : 'openApps.draft')}
      cancelLabel={t('openApps.cancel')}
      danger
      onConfirm={p.onConfirm}
      onCancel={p.onCancel}
    >
      <p>{t('openApps.intro', { n: p.applications.length })}</p>
      <ul className="open-apps">
        {p.applications.map((a) => (
          <li key={a.project_id}>
            <strong>{a.project_name}</strong> – {a.organisation}
            {!a.submitted && <> ({t('openApps.notSubmitted')})</>}
            <ul>
              {a.cases.map((c) => (
                <li key={c.id}>
                  {c.permit[lang]}, {c.department[lang]}: {c.stage_names[lang]}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </ConfirmDialog>
  );
}
