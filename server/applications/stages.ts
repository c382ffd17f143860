/**
 * The processing stages of a permit case (submitted, received, in processing, back and forth with
 * supplement requests, decision, final or appealed; cancelled or lapsed end it early) and who may
 * move a case from one to the next. Pure data: the services check every change against it.
 */

export const STAGES = [
  'draft',
  'submitted',
  'received',
  'in_processing',
  'supplement_requested',
  'decision_given',
  'final',
  'appealed',
  'cancelled',
  'lapsed',
] as const;
export type Stage = (typeof STAGES)[number];

type Text = { fi: string; sv: string; en: string };

export const STAGE_NAMES: Record<Stage, Text> = {
  draft: { fi: 'luonnos', sv: 'utkast', en: 'draft' },
  submitted: { fi: 'jätetty', sv: 'inlämnad', en: 'submitted' },
  received: { fi: 'vastaanotettu', sv: 'mottagen', en: 'received by the authority' },
  in_processing: { fi: 'käsittelyssä', sv: 'under behandling', en: 'in processing' },
  supplement_requested: { fi: 'täydennettävänä', sv: 'komplettering begärd', en: 'supplement requested' },
  decision_given: { fi: 'päätös annettu', sv: 'beslut meddelat', en: 'decision given' },
  final: { fi: 'lainvoimainen', sv: 'laga kraft', en: 'final (legally valid)' },
  appealed: { fi: 'valitettu', sv: 'överklagad', en: 'appealed' },
  cancelled: { fi: 'peruttu', sv: 'återtagen', en: 'cancelled' },
  lapsed: { fi: 'rauennut', sv: 'förfallen', en: 'lapsed' },
};

/**
 * The moves a handler of the case's department may make. The applicant's own moves (submit a
 * draft, cancel, and the return to processing that a supplement reply makes) are not here.
 * An appeal ends in a new decision (decision_given) or the decision becoming final.
 */
export const HANDLER_MOVES: Record<Stage, readonly Stage[]> = {
  draft: [],
  submitted: ['received'],
  received: ['in_processing', 'supplement_requested'],
  in_processing: ['supplement_requested', 'decision_given', 'lapsed'],
  supplement_requested: ['in_processing', 'lapsed'],
  decision_given: ['final', 'appealed'],
  appealed: ['decision_given', 'final'],
  final: [],
  cancelled: [],
  lapsed: [],
};

/** No further change: the case is decided for good, withdrawn or lapsed. */
export const CLOSED: ReadonlySet<Stage> = new Set(['final', 'cancelled', 'lapsed']);

/** The applicant may withdraw a case until it is decided. */
export const CANCELLABLE: ReadonlySet<Stage> = new Set([
  'draft',
  'submitted',
  'received',
  'in_processing',
  'supplement_requested',
]);

/** Stages after which no processing time remains on the applicant's timeline. */
export const DONE: ReadonlySet<Stage> = new Set([
  'decision_given',
  'final',
  'appealed',
  'cancelled',
  'lapsed',
]);

/** A move a handler makes that needs a message to the applicant (what to supplement, why). */
export const MESSAGE_REQUIRED: ReadonlySet<Stage> = new Set(['supplement_requested', 'lapsed']);

export const isStage = (v: unknown): v is Stage =>
  typeof v === 'string' && (STAGES as readonly string[]).includes(v);
