/** Every text of the saved-search dialog, in the three languages of the service. */
import type { Lang } from '../../../shared/i18n.ts';
export type { Lang } from '../../../shared/i18n.ts';

const fi = {
  open: 'Tilaa hakuvahti',
  title: 'Tilaa hakuvahti',
  intro: 'Saat sähköpostia, kun nykyistä rajausta vastaava uusi tontti julkaistaan.',
  filterNow: 'Rajaus nyt: {count}',
  email: 'Sähköpostiosoite',
  frequency: 'Kuinka usein',
  immediate: 'Heti, kun tontti julkaistaan',
  daily: 'Päivittäinen kooste aamulla',
  privacy:
    'Lähetämme ensin vahvistusviestin; ilmoituksia tulee vasta, kun avaat sen linkin. Jokaisessa viestissä on linkki, jolla hakuvahdin voi perua ilman kirjautumista.',
  submit: 'Tilaa',
  sending: 'Lähetetään…',
  close: 'Sulje',
  sent: 'Vahvistusviesti lähetettiin osoitteeseen {email}. Avaa viestin linkki, niin hakuvahti käynnistyy.',
  failed: 'Tilaus epäonnistui: {message}',
  network: 'Palvelimeen ei saatu yhteyttä. Yritä uudelleen.',
};

type Messages = typeof fi;

const sv: Messages = {
  open: 'Bevaka sökningen',
  title: 'Bevaka sökningen',
  intro: 'Du får e-post när en ny tomt som motsvarar det nuvarande filtret publiceras.',
  filterNow: 'Filtret nu: {count}',
  email: 'E-postadress',
  frequency: 'Hur ofta',
  immediate: 'Genast när en tomt publiceras',
  daily: 'Daglig sammanfattning på morgonen',
  privacy:
    'Vi skickar först ett bekräftelsemeddelande; inga meddelanden kommer förrän du öppnar länken i det. Varje meddelande har en länk för att avsluta bevakningen utan inloggning.',
  submit: 'Beställ',
  sending: 'Skickar…',
  close: 'Stäng',
  sent: 'Ett bekräftelsemeddelande skickades till {email}. Öppna länken i meddelandet för att starta bevakningen.',
  failed: 'Beställningen misslyckades: {message}',
  network: 'Ingen kontakt med servern. Försök igen.',
};

const en: Messages = {
  open: 'Save this search',
  title: 'Save this search',
  intro: 'We will e-mail you when a newly published plot matches the current filter.',
  filterNow: 'Filter now: {count}',
  email: 'E-mail address',
  frequency: 'How often',
  immediate: 'As soon as a plot is published',
  daily: 'A daily digest in the morning',
  privacy:
    'We first send a confirmation message; alerts start only when you open its link. Every message has a link to unsubscribe without signing in.',
  submit: 'Save search',
  sending: 'Sending…',
  close: 'Close',
  sent: 'A confirmation message was sent to {email}. Open the link in it to start the alerts.',
  failed: 'Saving failed: {message}',
  network: 'Could not reach the server. Try again.',
};

const MESSAGES: Record<Lang, Messages> = { fi, sv, en };

export function msg(lang: Lang, key: keyof Messages, vars: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
