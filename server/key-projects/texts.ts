/** The feature's words and mails in fi/sv/en. */
export type Lang = 'fi' | 'sv' | 'en';

export const ROLE_NAME: Record<Lang, string> = {
  fi: 'Avainasiakaspäällikkö, Elinkeinopalvelut',
  sv: 'Nyckelkundsansvarig, Näringslivstjänster',
  en: 'Key customer manager, Business Services',
};

const fmt = (d: Date, lang: Lang) =>
  d.toLocaleString(lang === 'fi' ? 'fi-FI' : lang === 'sv' ? 'sv-FI' : 'en-GB', {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'full',
    timeStyle: 'short',
  });

export function meetingMail(
  lang: Lang,
  m: { project: string; startsAt: Date; place: string; videoUrl: string; agenda: string; link: string },
) {
  const where = [m.place, m.videoUrl].filter(Boolean).join(' / ');
  const when = fmt(m.startsAt, lang);
  const t = {
    fi: {
      subject: `Kokouskutsu: ${m.project}`,
      text: `Avainasiakaspäällikkö ehdottaa yhteistä kokousta hankkeesta ${m.project}.\n\nAika: ${when}\nPaikka: ${where}\n${m.agenda ? `\n${m.agenda}\n` : ''}\nVastaa kutsuun: ${m.link}`,
    },
    sv: {
      subject: `Mötesinbjudan: ${m.project}`,
      text: `Nyckelkundsansvarig föreslår ett gemensamt möte om projektet ${m.project}.\n\nTid: ${when}\nPlats: ${where}\n${m.agenda ? `\n${m.agenda}\n` : ''}\nSvara på inbjudan: ${m.link}`,
    },
    en: {
      subject: `Meeting invitation: ${m.project}`,
      text: `The key customer manager proposes a joint meeting on the project ${m.project}.\n\nTime: ${when}\nPlace: ${where}\n${m.agenda ? `\n${m.agenda}\n` : ''}\nRespond: ${m.link}`,
    },
  }[lang];
  return { ...t, kind: 'key_project.meeting' };
}

export function escalationMail(
  lang: Lang,
  e: { project: string; permit: string; stage: string; days: number; note: string; link: string },
) {
  const t = {
    fi: {
      subject: `Jumissa oleva asia: ${e.permit} (${e.project})`,
      text: `Avainasiakaspäällikkö pyytää apuanne: asia ${e.permit} hankkeessa ${e.project} on ollut vaiheessa ${e.stage} ${e.days} päivää.\n${e.note ? `\n${e.note}\n` : ''}\n${e.link}`,
    },
    sv: {
      subject: `Ärende som står still: ${e.permit} (${e.project})`,
      text: `Nyckelkundsansvarig ber om er hjälp: ärendet ${e.permit} i projektet ${e.project} har varit i skedet ${e.stage} i ${e.days} dagar.\n${e.note ? `\n${e.note}\n` : ''}\n${e.link}`,
    },
    en: {
      subject: `Stuck case: ${e.permit} (${e.project})`,
      text: `The key customer manager asks for your help: the case ${e.permit} of the project ${e.project} has been at the stage ${e.stage} for ${e.days} days.\n${e.note ? `\n${e.note}\n` : ''}\n${e.link}`,
    },
  }[lang];
  return { ...t, kind: 'key_project.escalation' };
}

export function handoverMail(lang: Lang, h: { project: string; link: string }) {
  const t = {
    fi: {
      subject: `Avainhanke siirretty sinulle: ${h.project}`,
      text: `Hanke ${h.project} on nyt vastuullasi.\n\n${h.link}`,
    },
    sv: {
      subject: `Nyckelprojekt överlämnat till dig: ${h.project}`,
      text: `Projektet ${h.project} är nu ditt ansvar.\n\n${h.link}`,
    },
    en: {
      subject: `Key project handed to you: ${h.project}`,
      text: `The project ${h.project} is now yours.\n\n${h.link}`,
    },
  }[lang];
  return { ...t, kind: 'key_project.handover' };
}

export function messageMail(lang: Lang, m: { project: string; link: string }) {
  const t = {
    fi: {
      subject: `Uusi viesti: ${m.project}`,
      text: `Hankkeessa ${m.project} on uusi viesti.\n\n${m.link}`,
    },
    sv: {
      subject: `Nytt meddelande: ${m.project}`,
      text: `Det finns ett nytt meddelande i projektet ${m.project}.\n\n${m.link}`,
    },
    en: {
      subject: `New message: ${m.project}`,
      text: `There is a new message in the project ${m.project}.\n\n${m.link}`,
    },
  }[lang];
  return { ...t, kind: 'key_project.message' };
}

export function roadmapMail(lang: Lang, r: { project: string; manager: string; pdf: string; page: string }) {
  const t = {
    fi: {
      subject: `Lupien etenemissuunnitelma: ${r.project}`,
      text: `Avainasiakaspäällikkö ${r.manager} on laatinut hankkeellenne ${r.project} lupien etenemissuunnitelman: luvat järjestyksessä, arvioidut päivät ja huomiot.\n\nAvaa suunnitelma (PDF, kirjautuminen vaaditaan): ${r.pdf}\n\nSuunnitelma näkyy myös hankkeen sivulla: ${r.page}`,
    },
    sv: {
      subject: `Tillståndsplan: ${r.project}`,
      text: `Nyckelkundsansvarig ${r.manager} har gjort en tillståndsplan för ert projekt ${r.project}: tillstånden i ordning, beräknade datum och anmärkningar.\n\nÖppna planen (PDF, inloggning krävs): ${r.pdf}\n\nPlanen syns också på projektets sida: ${r.page}`,
    },
    en: {
      subject: `Permit roadmap: ${r.project}`,
      text: `Your key customer manager ${r.manager} has drawn up a permit roadmap for your project ${r.project}: the permits in order, expected dates and notes.\n\nOpen the roadmap (PDF, sign-in needed): ${r.pdf}\n\nThe roadmap is also on the project's page: ${r.page}`,
    },
  }[lang];
  return { ...t, kind: 'key_project.roadmap' };
}

export function reminderMail(
  lang: Lang,
  r: { project: string; dueOn: string; note: string; permit: string | null; link: string },
) {
  const about = r.permit ? ` (${r.permit})` : '';
  const t = {
    fi: {
      subject: `Muistutus: ${r.project}`,
      text: `Muistutuksesi hankkeesta ${r.project}${about} on erääntynyt ${r.dueOn}.\n${r.note ? `\n${r.note}\n` : ''}\n${r.link}`,
    },
    sv: {
      subject: `Påminnelse: ${r.project}`,
      text: `Din påminnelse om projektet ${r.project}${about} förföll ${r.dueOn}.\n${r.note ? `\n${r.note}\n` : ''}\n${r.link}`,
    },
    en: {
      subject: `Reminder: ${r.project}`,
      text: `Your reminder on the project ${r.project}${about} fell due on ${r.dueOn}.\n${r.note ? `\n${r.note}\n` : ''}\n${r.link}`,
    },
  }[lang];
  return { ...t, kind: 'key_project.reminder' };
}
