import { createUser } from '../auth/users.ts';
import type { Db } from '../db/index.ts';
import { DEMO_KEY_MANAGER } from './demo.ts';
import { assignTeam } from './detection.ts';

/** The demo applicant: a role address on the reserved .invalid domain, no person. */
export const DEMO_APPLICANT = 'hakija@demo.invalid';

const DAY = 86_400_000;

/**
 * Demo projects with a year of case history, so the key customer manager's workspace and the
 * processing-time statistics have something to show. Made with the demo handlers and manager
 * (same start, only then). Their events are back-dated, which no service function does, hence
 * plain SQL here. The projects are named "Demo: …" and belong to the demo applicant, so
 * `npm run remove-demo-accounts` deletes them with it (projects cascade from their applicant).
 * Returns the number of projects made (0 on later starts).
 */
export async function seedDemoProjects(db: Db, password: string): Promise<number> {
  const [exists] = await db.query(`SELECT 1 FROM users WHERE lower(email) = $1`, [DEMO_APPLICANT]);
  if (exists) return 0;
  const [manager] = await db.query<{ id: string }>(`SELECT id::text FROM users WHERE lower(email) = $1`, [
    DEMO_KEY_MANAGER,
  ]);
  const applicant = await createUser(
    db,
    { email: DEMO_APPLICANT, password, role: 'applicant', displayName: 'Hakija (demo)' },
    { userId: null, actor: 'demo-seed' },
  );
  const plots = await db.query<{ id: string; property_id: string }>(
    `SELECT id::text, property_id FROM plots ORDER BY id LIMIT 8`,
  );
  const [activity] = await db.query<{ code: string }>(
    `SELECT code FROM permit_activities WHERE kind = 'business' ORDER BY code LIMIT 1`,
  );
  const types = await db.query<{
    code: string;
    department_id: string;
    typical_days_min: number;
    typical_days_max: number;
  }>(
    `SELECT code, department_id, typical_days_min, typical_days_max FROM permit_types ORDER BY code LIMIT 3`,
  );
  if (!plots.length || !activity || !types.length) return 0;
  const now = Date.now();
  return db.transaction(async (tx) => {
    for (const [i, plot] of plots.entries()) {
      const submitted = new Date(now - (340 - i * 40) * DAY);
      const [p] = await tx.query<{ id: string }>(
        `INSERT INTO projects (applicant_id, name, activity_code, created_at, submitted_at)
         VALUES ($1, $2, $3, $4, $4) RETURNING id::text`,
        [applicant.id, `Demo: ${plot.property_id}`, activity.code, submitted],
      );
      await tx.query(
        `INSERT INTO project_plots (project_id, plot_id, property_id, position) VALUES ($1, $2, $3, 0)`,
        [p!.id, plot.id, plot.property_id],
      );
      for (const [j, t] of types.entries()) {
        // Spread over the catalogue range; the two newest projects stay open, one of them late.
        const open = i >= plots.length - 2;
        const took =
          t.typical_days_min + ((i * 7 + j * 5) % Math.max(1, t.typical_days_max - t.typical_days_min + 1));
        const decided = new Date(submitted.getTime() + took * DAY);
        const stage = open ? (j === 0 ? 'supplement_requested' : 'in_processing') : 'decision_given';
        const [c] = await tx.query<{ id: string }>(
          `INSERT INTO cases (project_id, permit_type_code, department_id, stage, finishes_after_days_min,
             finishes_after_days_max, stage_changed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text`,
          [
            p!.id,
            t.code,
            t.department_id,
            stage,
            t.typical_days_min,
            t.typical_days_max,
            open ? submitted : decided,
          ],
        );
        const at = (d: number) => new Date(submitted.getTime() + d * DAY);
        const events: Array<[Date, string, string | null, string, string]> = [
          [at(0), 'applicant', 'draft', 'submitted', ''],
          [at(2), 'handler', 'submitted', 'received', ''],
          [at(5), 'handler', 'received', 'in_processing', ''],
        ];
        if (j === 0) {
          events.push([
            at(12),
            'handler',
            'in_processing',
            'supplement_requested',
            'Lisäselvitys pyydetty (demo).',
          ]);
          if (!open) events.push([at(20), 'applicant', 'supplement_requested', 'in_processing', '']);
        }
        if (!open) events.push([decided, 'handler', 'in_processing', 'decision_given', '']);
        for (const [when, role, from, to, message] of events)
          await tx.query(
            `INSERT INTO case_events (case_id, at, actor_role, actor_label, kind, from_stage, to_stage, message)
             VALUES ($1, $2, $3, $4, 'stage', $5, $6, $7)`,
            [
              c!.id,
              when,
              role,
              role === 'applicant' ? 'Hakija (demo)' : 'Käsittelijä (demo)',
              from,
              to,
              message,
            ],
          );
      }
      // Every other project, and the open ones, is a key project of the demo manager.
      if (manager && (i % 2 === 0 || i >= plots.length - 2)) {
        await tx.query(
          `INSERT INTO key_projects (project_id, investment_eur, jobs, is_key, reasons, manager_user_id, became_key_at)
           VALUES ($1, 25000000, 120, true, '{investment,jobs}', $2, $3)`,
          [p!.id, manager.id, submitted],
        );
        await assignTeam(tx, p!.id);
        if (i === plots.length - 1) {
          await tx.query(
            `INSERT INTO key_project_notes (project_id, author_id, author_label, body) VALUES ($1, $2, $3, $4)`,
            [p!.id, manager.id, 'Avainasiakaspäällikkö (demo)', 'Täydennyspyyntö odottaa hakijaa (demo).'],
          );
          await tx.query(
            `INSERT INTO key_project_messages (project_id, author_id, from_applicant, body) VALUES ($1, $2, false, $3)`,
            [p!.id, manager.id, 'Tervetuloa, olen hankkeenne yhteyshenkilö (demo).'],
          );
          await tx.query(
            `INSERT INTO key_project_meetings (project_id, proposed_by, starts_at, place, agenda) VALUES ($1, $2, $3, $4, $5)`,
            [
              p!.id,
              manager.id,
              new Date(now + 7 * DAY),
              'Elinkeinopalvelut (demo)',
              'Lupien aikataulu (demo)',
            ],
          );
        }
      }
    }
    return plots.length;
  });
}
