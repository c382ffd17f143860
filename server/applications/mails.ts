/** The e-mails of applications, in the recipient's language (fi, sv, en). */
import type { MailMessage } from '../mail/index.ts';
import type { CaseRow, ProjectRow } from './sql.ts';
import { STAGE_NAMES, type Stage } from './stages.ts';

export type Lang = 'fi' | 'sv' | 'en';

const permitName = (c: CaseRow, l: Lang) =>
  ({ fi: c.permit_name_fi, sv: c.permit_name_sv, en: c.permit_name_en })[l];
const deptName = (c: CaseRow, l: Lang) =>
  ({ fi: c.department_name_fi, sv: c.department_name_sv, en: c.department_name_en })[l];

const FOOTER: Record<Lang, string> = {
  fi: 'Tämä on Tonttiluukun automaattinen viesti; älä vastaa tähän sähköpostiin.',
  sv: 'Detta är ett automatiskt meddelande från Tonttiluukku; svara inte på det här e-postmeddelandet.',
  en: 'This is an automatic message from Tonttiluukku; do not reply to this e-mail.',
};

const projectLink = (base: string, p: { id: string }, l: Lang) =>
  `${base}/apply.html?project=${p.id}&lang=${l}`;
const caseLink = (base: string, c: { id: string }, l: Lang) => `${base}/apply.html?case=${c.id}&lang=${l}`;

/** To the applicant: a handler moved a case (a supplement request is one such move). */
export function stageChangedMail(
  p: ProjectRow,
  c: CaseRow,
  to: Stage,
  message: string,
  base: string,
): MailMessage {
  const l = p.applicant_lang;
  const permit = permitName(c, l);
  const stage = STAGE_NAMES[to][l];
  const supplement = to === 'supplement_requested';
  const subject = {
    fi: supplement ? `Täydennyspyyntö: ${permit}` : `${permit}: ${stage}`,
    sv: supplement ? `Begäran om komplettering: ${permit}` : `${permit}: ${stage}`,
    en: supplement ? `Supplement requested: ${permit}` : `${permit}: ${stage}`,
  }[l];
  const lead = {
    fi: `Hankkeenne "${p.name}" asian ${permit} (${deptName(c, l)}) vaihe on nyt: ${stage}.`,
    sv: `Ärendet ${permit} (${deptName(c, l)}) i ert projekt "${p.name}" är nu: ${stage}.`,
    en: `The case ${permit} (${deptName(c, l)}) of your project "${p.name}" is now: ${stage}.`,
  }[l];
  const msg = message
    ? {
        fi: `Käsittelijän viesti:\n${message}`,
        sv: `Handläggarens meddelande:\n${message}`,
        en: `Message from the handler:\n${message}`,
      }[l]
    : '';
  const act = supplement
    ? {
        fi: 'Vastaa täydennyspyyntöön palvelussa:',
        sv: 'Svara på begäran om komplettering i tjänsten:',
        en: 'Answer the request in the service:',
      }[l]
    : { fi: 'Hankkeen aikajana:', sv: 'Projektets tidslinje:', en: 'The project timeline:' }[l];
  return {
    to: p.applicant_email,
    subject,
    text: [lead, msg, `${act}\n${projectLink(base, p, l)}`, FOOTER[l]].filter(Boolean).join('\n\n'),
    kind: supplement ? 'application.supplement_request' : 'application.stage',
  };
}

/** To the applicant: the project was submitted to every department at once. */
export function submittedMail(p: ProjectRow, cases: CaseRow[], base: string): MailMessage {
  const l = p.applicant_lang;
  const list = cases.map((c) => `- ${permitName(c, l)}: ${deptName(c, l)}`).join('\n');
  return {
    to: p.applicant_email,
    subject: {
      fi: `Hakemus jätetty: ${p.name}`,
      sv: `Ansökan inlämnad: ${p.name}`,
      en: `Application submitted: ${p.name}`,
    }[l],
    text: [
      {
        fi: 'Hankkeenne hakemukset on jätetty. Kukin viranomainen käsittelee omat asiansa:',
        sv: 'Ansökningarna i ert projekt har lämnats in. Varje myndighet behandlar sina egna ärenden:',
        en: 'The applications of your project have been submitted. Each authority handles its own cases:',
      }[l],
      list,
      `${{ fi: 'Aikajana:', sv: 'Tidslinje:', en: 'Timeline:' }[l]}\n${projectLink(base, p, l)}`,
      FOOTER[l],
    ].join('\n\n'),
    kind: 'application.submitted',
  };
}

/** To a department: a new case arrived, the applicant answered a request, or withdrew. */
export function departmentMail(
  what: 'submitted' | 'reply' | 'cancelled',
  p: ProjectRow,
  c: CaseRow,
  message: string,
  recipient: { email: string; lang: Lang },
  base: string,
): MailMessage {
  const l = recipient.lang;
  const permit = permitName(c, l);
  const org = p.organisation ?? p.applicant_email;
  const subject = {
    submitted: {
      fi: `Uusi asia: ${permit}, ${org}`,
      sv: `Nytt ärende: ${permit}, ${org}`,
      en: `New case: ${permit}, ${org}`,
    },
    reply: {
      fi: `Täydennys saapui: ${permit}, ${org}`,
      sv: `Komplettering inkommen: ${permit}, ${org}`,
      en: `Supplement received: ${permit}, ${org}`,
    },
    cancelled: {
      fi: `Asia peruttu: ${permit}, ${org}`,
      sv: `Ärende återtaget: ${permit}, ${org}`,
      en: `Case withdrawn: ${permit}, ${org}`,
    },
  }[what][l];
  const lead = {
    submitted: {
      fi: `${org} (${p.business_id ?? ''}) jätti hankkeen "${p.name}" asian ${permit}.`,
      sv: `${org} (${p.business_id ?? ''}) lämnade in ärendet ${permit} i projektet "${p.name}".`,
      en: `${org} (${p.business_id ?? ''}) submitted the case ${permit} of the project "${p.name}".`,
    },
    reply: {
      fi: `${org} vastasi täydennyspyyntöön asiassa ${permit}.`,
      sv: `${org} svarade på begäran om komplettering i ärendet ${permit}.`,
      en: `${org} answered the supplement request in the case ${permit}.`,
    },
    cancelled: {
      fi: `${org} perui asian ${permit}.`,
      sv: `${org} återtog ärendet ${permit}.`,
      en: `${org} withdrew the case ${permit}.`,
    },
  }[what][l];
  const msg = message
    ? { fi: `Viesti:\n${message}`, sv: `Meddelande:\n${message}`, en: `Message:\n${message}` }[l]
    : '';
  const plots = p.plots.map((x) => x.property_id).join(', ');
  return {
    to: recipient.email,
    subject,
    text: [
      lead,
      `${{ fi: 'Tontit', sv: 'Tomter', en: 'Plots' }[l]}: ${plots}`,
      msg,
      `${{ fi: 'Avaa asia:', sv: 'Öppna ärendet:', en: 'Open the case:' }[l]}\n${caseLink(base, c, l)}`,
      FOOTER[l],
    ]
      .filter(Boolean)
      .join('\n\n'),
    kind: `application.department_${what}`,
  };
}
