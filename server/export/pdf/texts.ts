import type { Lang } from '../i18n.ts';

type Texts = Record<Lang, string>;

/** Texts of the printable pages, in Finnish, Swedish and English. */
export const PDF_TEXT = {
  factSheet: { fi: 'Tonttikortti', sv: 'Tomtkort', en: 'Plot fact sheet' },
  shortlist: { fi: 'Tonttien vertailu', sv: 'Jämförelse av tomter', en: 'Plot shortlist' },
  demoLabel: { fi: 'ESITTELYAINEISTO', sv: 'DEMODATA', en: 'DEMO DATA' },
  details: { fi: 'Tiedot', sv: 'Uppgifter', en: 'Details' },
  map: { fi: 'Kartta', sv: 'Karta', en: 'Map' },
  legendPlot: { fi: 'Tontti', sv: 'Tomten', en: 'This plot' },
  legendOther: { fi: 'Muut tontit', sv: 'Andra tomter', en: 'Other plots' },
  legendSubDistrict: { fi: 'Osa-alueen raja', sv: 'Delområdesgräns', en: 'Sub-district boundary' },
  permits: {
    fi: 'Tarvittavat luvat (tyypillisesti)',
    sv: 'Tillstånd som behövs (typiskt)',
    en: 'Permits typically needed',
  },
  permitsNote: {
    fi: 'Ohjeellinen luettelo rakentamisesta tälle tontille, ei päätös. Palvelun lupapolku tarkentaa sen toiminnan mukaan.',
    sv: 'Vägledande lista för byggande på denna tomt, inte ett beslut. Tjänstens tillståndsväg preciserar den enligt verksamheten.',
    en: 'Guidance for building on this plot, not a decision. The permit path in the service tailors it to your activity.',
  },
  permitsMissing: {
    fi: 'Lupaluettelo ei ole käytettävissä; kysy alla olevilta yhteyshenkilöiltä.',
    sv: 'Tillståndskatalogen är inte tillgänglig; fråga kontaktpersonerna nedan.',
    en: 'The permit catalogue is not available; ask the contacts below.',
  },
  typicalTime: { fi: 'tyypillisesti', sv: 'typiskt', en: 'typically' },
  backgroundMap: { fi: 'Taustakartta', sv: 'Bakgrundskarta', en: 'Background map' },
  backgroundFailed: {
    fi: 'Valittu taustakartta {name} ei ollut saatavilla: kartta on piirretty sisäänrakennetulle pohjalle.',
    sv: 'Den valda bakgrundskartan {name} kunde inte nås: kartan är ritad på den inbyggda grunden.',
    en: 'The chosen background map {name} could not be reached: the map is drawn on the built-in base instead.',
  },
  busy: {
    fi: 'Tulostettavia sivuja tehdään nyt monta; yritä hetken kuluttua uudelleen.',
    sv: 'Många utskrifter görs just nu; försök igen om en stund.',
    en: 'Many printable pages are being made right now; try again in a moment.',
  },
  days: { fi: 'päivää', sv: 'dagar', en: 'days' },
  contacts: { fi: 'Yhteystiedot', sv: 'Kontakter', en: 'Contacts' },
  noContacts: {
    fi: 'Yhteyshenkilöitä ei ole kirjattu.',
    sv: 'Inga kontaktpersoner har registrerats.',
    en: 'No contacts recorded.',
  },
  page: { fi: 'Sivu', sv: 'Sida', en: 'Page' },
  noPlots: {
    fi: 'Valittuja tontteja ei löytynyt.',
    sv: 'De valda tomterna hittades inte.',
    en: 'None of the chosen plots was found.',
  },
  printed: { fi: 'Tulostettu', sv: 'Utskriven', en: 'Printed' },
} satisfies Record<string, Texts>;

/**
 * Why each baseline permit is listed: building on a business plot takes these as a rule of
 * thumb (obtain and form the plot, permit the building, notify, connect), whatever the business.
 */
export const PERMIT_REASONS: Record<string, Texts> = {
  'plot-reservation': { fi: 'tontin saamiseksi', sv: 'för att få tomten', en: 'to obtain the plot' },
  'plot-division': {
    fi: 'tontti on ohjeellinen: se on muodostettava ensin',
    sv: 'tomten är riktgivande: den måste bildas först',
    en: 'the plot is indicative: it must be formed first',
  },
  'building-permit': { fi: 'jokainen uusi rakennus', sv: 'varje ny byggnad', en: 'every new building' },
  'environmental-notification': {
    fi: 'teollisuustontti: päästöjä aiheuttava toiminta',
    sv: 'industritomt: verksamhet med utsläpp',
    en: 'industrial plot: emitting activities',
  },
  'chemicals-notification': {
    fi: 'T/kem: vaarallisten kemikaalien käsittely',
    sv: 'T/kem: hantering av farliga kemikalier',
    en: 'T/kem: handling of hazardous chemicals',
  },
  'street-works-permit': { fi: 'työmaa kadulla', sv: 'arbetsplats på gatan', en: 'site works on the street' },
  'water-connection': { fi: 'uusi rakennus', sv: 'ny byggnad', en: 'new building' },
  'energy-connections': { fi: 'uusi rakennus', sv: 'ny byggnad', en: 'new building' },
  'address-number': { fi: 'uusi rakennus', sv: 'ny byggnad', en: 'new building' },
};

/** The permits building on a plot typically needs, by its zoning code and registration. */
export function baselinePermits(useCode: string, registered: boolean): string[] {
  const codes = ['plot-reservation'];
  if (!registered) codes.push('plot-division');
  codes.push('building-permit');
  if (['T', 'TT', 'TY', 'T/kem'].includes(useCode)) codes.push('environmental-notification');
  if (useCode === 'T/kem') codes.push('chemicals-notification');
  codes.push('street-works-permit', 'water-connection', 'energy-connections', 'address-number');
  return codes;
}
