import type { Actor } from '../applications/access.ts';
import { projectFor } from '../applications/service.ts';
import type { Db } from '../db/index.ts';
import { badRequest, HttpError } from '../http/errors.ts';
import { isLang } from '../../shared/i18n.ts';
import { requirePart, type KeyActor } from './access.ts';
import { roadmapOf } from './roadmap.ts';
import { sentRoadmap } from './roadmap-sent.ts';
import { renderRoadmap, type RoadmapPdf } from './roadmap-pdf.ts';
import type { Lang } from './texts.ts';

const noRoadmap = (id: string) =>
  new HttpError(404, 'roadmap_not_found', 'This project has no roadmap to show yet.', { value: id });

/** ?lang= when given (400 invalid_lang for anything but fi, sv, en), else the reader's language. */
export function pdfLang(raw: unknown, fallback: Lang): Lang {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !isLang(raw))
    throw badRequest('invalid_lang', 'Give lang as fi, sv or en.', raw, { accepted: ['fi', 'sv', 'en'] });
  return raw;
}

/** Who the PDF is about: the project, the company, its manager now, whether it is demo data. */
async function header(db: Db, projectId: string) {
  const [h] = await db.query<{
    name: string;
    company: string;
    manager_name: string | null;
    manager_email: string | null;
    demo: boolean;
  }>(
    `SELECT p.name, coalesce(p.company_name, u.organisation, '') AS company,
       m.display_name AS manager_name, m.email AS manager_email,
       lower(u.email) LIKE '%@demo.invalid'
         OR EXISTS (SELECT 1 FROM project_plots pp JOIN plots pl ON pl.id = pp.plot_id
                    WHERE pp.project_id = p.id AND pl.is_demo) AS demo
     FROM projects p JOIN users u ON u.id = p.applicant_id
     LEFT JOIN key_projects k ON k.project_id = p.id LEFT JOIN users m ON m.id = k.manager_user_id AND NOT m.disabled
     WHERE p.id = $1`,
    [projectId],
  );
  return h!;
}

const pdfOf = async (db: Db, projectId: string, items: RoadmapPdf['items'], lang: Lang) => {
  const h = await header(db, projectId);
  const pdf = await renderRoadmap(
    {
      project: h.name,
      company: h.company,
      manager: h.manager_email ? { name: h.manager_name ?? '', email: h.manager_email } : null,
      items,
      demo: h.demo,
    },
    lang,
  );
  return { pdf, filename: `roadmap-${projectId}-${lang}.pdf` };
};

/**
 * The roadmap PDF for the applicant: the one last sent to them (404 roadmap_not_found before
 * that; another company's project is 404 project_not_found, as everywhere).
 */
export async function applicantRoadmapPdf(db: Db, actor: Actor, projectId: string, lang: Lang) {
  const p = await projectFor(db, actor, projectId);
  const sent = await sentRoadmap(db, p.id);
  if (!sent) throw noRoadmap(projectId);
  return pdfOf(db, p.id, sent.items, lang);
}

/**
 * The roadmap PDF for the manager (the saved roadmap) and a team member (its permits of their
 * department, as the workspace shows them). 404 roadmap_not_found before the first save.
 */
export async function staffRoadmapPdf(db: Db, a: KeyActor, projectId: string, lang: Lang) {
  const part = await requirePart(db, a, projectId);
  const r = await roadmapOf(db, projectId, part === 'team' ? a.departmentId : null);
  if (r.draft) throw noRoadmap(projectId);
  return pdfOf(db, projectId, r.items, lang);
}
