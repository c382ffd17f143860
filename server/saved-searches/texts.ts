/** Every text of saved searches (errors, pages, mails) in Finnish, Swedish and English. */

import { fill, type Lang } from '../../shared/i18n.ts';
export { LANGS, isLang, type Lang } from '../../shared/i18n.ts';

type Texts = Record<Lang, string>;

export const TEXT = {
  // Errors (the API's message; the code stays stable).
  invalid_email: {
    fi: 'Sähköpostiosoite "{value}" ei kelpaa.',
    sv: 'E-postadressen "{value}" är ogiltig.',
    en: 'The e-mail address "{value}" is not valid.',
  },
  invalid_language: {
    fi: 'Tuntematon kieli "{value}"; sallitut: fi, sv, en.',
    sv: 'Okänt språk "{value}"; tillåtna: fi, sv, en.',
    en: 'Unknown language "{value}"; accepted: fi, sv, en.',
  },
  invalid_frequency: {
    fi: 'Tuntematon tiheys "{value}"; sallitut: immediate, daily.',
    sv: 'Okänd frekvens "{value}"; tillåtna: immediate, daily.',
    en: 'Unknown frequency "{value}"; accepted: immediate, daily.',
  },
  invalid_filter: {
    fi: 'Rajauksen kohta {param} ei kelpaa: "{value}".',
    sv: 'Filtrets del {param} är ogiltig: "{value}".',
    en: 'The filter’s {param} is not valid: "{value}".',
  },
  filter_selection: {
    fi: 'Hakuvahtiin ei voi tallentaa valittuja tontteja (ids): uudet tontit eivät ole valinnassa.',
    sv: 'En bevakning kan inte innehålla valda tomter (ids): nya tomter finns inte i urvalet.',
    en: 'A saved search cannot hold a selection of plots (ids): new plots are never in it.',
  },
  json_required: {
    fi: 'Lähetä tiedot muodossa application/json.',
    sv: 'Skicka uppgifterna som application/json.',
    en: 'Send the details as application/json.',
  },
  too_many_requests: {
    fi: 'Liian monta hakuvahtia lyhyessä ajassa; yritä tunnin päästä uudelleen.',
    sv: 'För många bevakningar på kort tid; försök igen om en timme.',
    en: 'Too many saved searches in a short time; try again in an hour.',
  },
  too_many_searches: {
    fi: 'Osoitteella on jo {max} hakuvahtia; peru jokin niistä ensin.',
    sv: 'Adressen har redan {max} bevakningar; avsluta någon av dem först.',
    en: 'The address already has {max} saved searches; unsubscribe from one first.',
  },
  invalid_token: {
    fi: 'Linkki on tuntematon tai vanhentunut.',
    sv: 'Länken är okänd eller har gått ut.',
    en: 'The link is unknown or has expired.',
  },
  saved_search_not_found: {
    fi: 'Hakuvahtia {value} ei ole.',
    sv: 'Bevakningen {value} finns inte.',
    en: 'There is no saved search {value}.',
  },

  // Pages opened from mail links.
  confirmedTitle: { fi: 'Hakuvahti on päällä', sv: 'Bevakningen är på', en: 'Your saved search is on' },
  confirmedBody: {
    fi: 'Saat sähköpostia osoitteeseen {email}, kun hakuasi vastaava uusi tontti julkaistaan.',
    sv: 'Du får e-post till {email} när en ny tomt som motsvarar sökningen publiceras.',
    en: 'We will e-mail {email} when a newly published plot matches your search.',
  },
  unsubscribeTitle: {
    fi: 'Perutaanko hakuvahti?',
    sv: 'Avsluta bevakningen?',
    en: 'Unsubscribe from this saved search?',
  },
  unsubscribeBody: {
    fi: 'Osoitteeseen {email} ei enää lähetetä tämän haun ilmoituksia.',
    sv: 'Inga fler meddelanden om den här sökningen skickas till {email}.',
    en: 'No more messages about this search will be sent to {email}.',
  },
  unsubscribeButton: { fi: 'Peru hakuvahti', sv: 'Avsluta bevakningen', en: 'Unsubscribe' },
  unsubscribedTitle: {
    fi: 'Hakuvahti on peruttu',
    sv: 'Bevakningen är avslutad',
    en: 'You are unsubscribed',
  },
  unsubscribedBody: {
    fi: 'Tästä hausta ei lähetetä enää viestejä, ja osoitteesi on poistettu siltä.',
    sv: 'Inga fler meddelanden skickas om sökningen, och din adress har tagits bort från den.',
    en: 'No more messages will be sent about this search, and your address has been removed from it.',
  },
  goneTitle: {
    fi: 'Hakuvahtia ei enää ole',
    sv: 'Bevakningen finns inte längre',
    en: 'This saved search no longer exists',
  },
  goneBody: {
    fi: 'Se on peruttu tai poistettu. Voit tallentaa uuden hakuvahdin kartalla.',
    sv: 'Den har avslutats eller tagits bort. Du kan spara en ny bevakning på kartan.',
    en: 'It was unsubscribed or removed. You can save a new search on the map.',
  },
  errorTitle: { fi: 'Linkki ei toimi', sv: 'Länken fungerar inte', en: 'The link does not work' },
  openMap: { fi: 'Avaa kartta', sv: 'Öppna kartan', en: 'Open the map' },
  openSearch: { fi: 'Avaa haku kartalla', sv: 'Öppna sökningen på kartan', en: 'Open the search on the map' },

  // Mails.
  confirmSubject: {
    fi: 'Vahvista hakuvahti',
    sv: 'Bekräfta bevakningen',
    en: 'Confirm your saved search',
  },
  confirmIntro: {
    fi: 'Joku (toivottavasti sinä) tilasi Tonttiluukun hakuvahdin tähän osoitteeseen.',
    sv: 'Någon (förhoppningsvis du) beställde en bevakning i Tonttiluukku till den här adressen.',
    en: 'Someone (we hope you) asked Tonttiluukku for search alerts at this address.',
  },
  confirmAction: {
    fi: 'Vahvista tilaus avaamalla linkki:',
    sv: 'Bekräfta beställningen genom att öppna länken:',
    en: 'Confirm by opening this link:',
  },
  confirmIgnore: {
    fi: 'Jos et tilannut hakuvahtia, älä tee mitään: ilman vahvistusta viestejä ei tule.',
    sv: 'Om du inte beställde bevakningen behöver du inte göra något: utan bekräftelse skickas inget.',
    en: 'If you did not ask for this, do nothing: without confirmation nothing will be sent.',
  },
  confirmCancel: {
    fi: 'Voit myös poistaa pyynnön ja osoitteesi heti:',
    sv: 'Du kan också ta bort beställningen och din adress genast:',
    en: 'You can also remove the request and your address at once:',
  },
  frequency_immediate: {
    fi: 'Ilmoitus heti, kun tontti julkaistaan',
    sv: 'Meddelande genast när en tomt publiceras',
    en: 'A message as soon as a plot is published',
  },
  frequency_daily: {
    fi: 'Päivittäinen kooste',
    sv: 'Daglig sammanfattning',
    en: 'A daily digest',
  },
  searchLabel: { fi: 'Haku', sv: 'Sökning', en: 'Search' },
  everyPlot: { fi: 'kaikki tontit', sv: 'alla tomter', en: 'every plot' },
  frequencyLabel: { fi: 'Tiheys', sv: 'Frekvens', en: 'Frequency' },
  alertSubjectOne: {
    fi: 'Hakuvahti: uusi tontti {plot}',
    sv: 'Bevakning: ny tomt {plot}',
    en: 'Saved search: new plot {plot}',
  },
  alertSubjectMany: {
    fi: 'Hakuvahti: {n} uutta tonttia',
    sv: 'Bevakning: {n} nya tomter',
    en: 'Saved search: {n} new plots',
  },
  digestSubject: {
    fi: 'Hakuvahdin päivän kooste: {n} uutta tonttia',
    sv: 'Bevakningens dagliga sammanfattning: {n} nya tomter',
    en: 'Saved search daily digest: {n} new plots',
  },
  alertIntro: {
    fi: 'Hakuasi vastaavia tontteja on julkaistu:',
    sv: 'Tomter som motsvarar din sökning har publicerats:',
    en: 'Plots matching your search have been published:',
  },
  demoNote: {
    fi: 'ESITTELYAINEISTOA: nämä tontit on tuotettu ohjelmallisesti, eivätkä ne ole kaupungin tontteja.',
    sv: 'DEMODATA: tomterna är genererade och är inte stadens tomter.',
    en: 'DEMO DATA: these plots are generated and are not the city’s plots.',
  },
  unsubscribeLine: {
    fi: 'Peru hakuvahti (kirjautumista ei tarvita):',
    sv: 'Avsluta bevakningen (ingen inloggning behövs):',
    en: 'Unsubscribe (no sign-in needed):',
  },
  area: { fi: 'pinta-ala', sv: 'areal', en: 'area' },
  buildingRight: { fi: 'rakennusoikeus', sv: 'byggrätt', en: 'building right' },
} satisfies Record<string, Texts>;

export type TextKey = keyof typeof TEXT;

/** The text in `lang` with {placeholders} filled; a missing placeholder stays as written. */
export function text(lang: Lang, key: TextKey, vars: Record<string, string | number> = {}): string {
  return fill(TEXT[key][lang], vars);
}
