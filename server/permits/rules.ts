import type { Text, UseCode } from './catalogue.ts';
import type { Facts } from './facts.ts';

/**
 * Permit-needs rules: which permits a project needs on a plot, and why. A pure function of the
 * plot's zoning and attributes, the activity's traits and the project facts; no I/O, so every
 * rule is covered by the table of cases in the tests.
 */

/** The plot attributes the rules read (columns of plots). */
export interface PlotForRules {
  use_code: UseCode;
  registered: boolean;
  building_prohibition: boolean;
  plan_state: 'valid' | 'pending';
  availability: 'available' | 'draw' | 'reserved' | 'leased' | 'coming';
  tenure: 'lease' | 'sale';
  /** ISO date the public draw ends; null when not in a draw or unknown. */
  draw_ends_on: string | null;
  /** ISO date construction may start at the earliest; null when not set. */
  earliest_construction_on?: string | null;
  /** Years within which the holder must build; null when none. */
  build_obligation_years?: number | null;
}

/** The activity traits the rules read (activities.json). */
export interface ActivityForRules {
  kind: 'business' | 'event';
  name: Text;
  fits_use_codes: readonly string[];
  environmental: 'none' | 'notification' | 'permit';
  health_protection: boolean;
}

export interface PermitNeed {
  code: string;
  /** Why the permit was suggested; never empty. */
  reasons: Text[];
  /** Codes (all in the same result) that must be decided before this one can start. */
  depends_on: string[];
}

/** From this many visitors on, an event is "larger" and needs a rescue plan (hundreds of people). */
export const RESCUE_PLAN_VISITORS = 200;

const INDUSTRIAL: readonly string[] = ['T', 'TT', 'TY', 'T/kem'];

const USE_CODE_TEXT: Record<UseCode, Text> = {
  K: {
    fi: 'liike- ja toimistorakennuksia',
    sv: 'affärs- och kontorsbyggnader',
    en: 'commercial and office buildings',
  },
  KL: { fi: 'liikerakennuksia', sv: 'affärsbyggnader', en: 'commercial buildings' },
  KM: {
    fi: 'liikerakennuksia, myös vähittäiskaupan suuryksikkö',
    sv: 'affärsbyggnader, även en stor detaljhandelsenhet',
    en: 'commercial buildings, incl. a large retail unit',
  },
  KT: { fi: 'toimistorakennuksia', sv: 'kontorsbyggnader', en: 'office buildings' },
  KTY: { fi: 'toimitilarakennuksia', sv: 'verksamhetsbyggnader', en: 'business premises' },
  T: {
    fi: 'teollisuus- ja varastorakennuksia',
    sv: 'industri- och lagerbyggnader',
    en: 'industrial and warehouse buildings',
  },
  TT: { fi: 'teollisuusrakennuksia', sv: 'industribyggnader', en: 'industrial buildings' },
  TV: { fi: 'varastorakennuksia', sv: 'lagerbyggnader', en: 'warehouse buildings' },
  TY: {
    fi: 'teollisuusrakennuksia, joille ympäristö asettaa erityisiä vaatimuksia',
    sv: 'industribyggnader där miljön ställer särskilda krav',
    en: 'industrial buildings where the environment sets special requirements',
  },
  'T/kem': {
    fi: 'teollisuutta, joka voi käsitellä tai varastoida merkittäviä määriä vaarallisia kemikaaleja',
    sv: 'industri som får hantera eller lagra betydande mängder farliga kemikalier',
    en: 'industry that may handle or store significant amounts of hazardous chemicals',
  },
  C: { fi: 'keskustatoimintoja', sv: 'centrumfunktioner', en: 'central-area functions' },
  P: { fi: 'palvelurakennuksia', sv: 'servicebyggnader', en: 'service buildings' },
  LTA: { fi: 'tavaraterminaalia', sv: 'en godsterminal', en: 'a freight terminal' },
};

/** Prerequisites of each permit; only those present in the same result count. */
const PREREQUISITES: Record<string, string[]> = {
  'plot-division': ['plot-reservation'],
  'deviation-decision': ['plot-reservation'],
  'building-permit': ['plot-reservation', 'plot-division', 'deviation-decision'],
  'noise-notification': ['building-permit', 'demolition-permit'],
  'street-works-permit': ['building-permit', 'demolition-permit'],
  'water-connection': ['building-permit'],
  'energy-connections': ['building-permit'],
  'address-number': ['building-permit'],
};
/** Needs nothing before it even when a plot reservation is in the path. */
const INDEPENDENT = new Set(['plot-reservation', 'acquisition-permit']);

const t = (fi: string, sv: string, en: string): Text => ({ fi, sv, en });
const zoning = (code: UseCode): Text => {
  const m = USE_CODE_TEXT[code];
  return t(`kaavamerkintä ${code} (${m.fi})`, `planbeteckning ${code} (${m.sv})`, `zoning ${code} (${m.en})`);
};
const join = (a: Text, b: Text, sep = ': '): Text =>
  t(a.fi + sep + b.fi, a.sv + sep + b.sv, a.en + sep + b.en);
const cap = (x: Text): Text => {
  const up = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return t(up(x.fi), up(x.sv), up(x.en));
};

/**
 * The permits the project needs, each with its reasons and prerequisites, in catalogue-neutral
 * order (the caller sorts). Facts absent mean "no"; an empty facts object gives the permits the
 * plot and the activity alone imply.
 */
export function permitNeeds(plot: PlotForRules, activity: ActivityForRules, facts: Facts): PermitNeed[] {
  const needs = new Map<string, Text[]>();
  const add = (code: string, reason: Text) => {
    const list = needs.get(code) ?? [];
    list.push(reason);
    needs.set(code, list);
  };
  if (activity.kind === 'event') eventNeeds(plot, facts, add);
  else businessNeeds(plot, activity, facts, add);
  return [...needs].map(([code, reasons]) => ({ code, reasons, depends_on: prerequisites(code, needs) }));
}

function prerequisites(code: string, present: Map<string, unknown>): string[] {
  const deps = (PREREQUISITES[code] ?? []).filter((d) => present.has(d));
  if (deps.length === 0 && !INDEPENDENT.has(code) && present.has('plot-reservation'))
    return ['plot-reservation'];
  return deps;
}

type Add = (code: string, reason: Text) => void;

function businessNeeds(plot: PlotForRules, activity: ActivityForRules, f: Facts, add: Add): void {
  const building = !!(f.new_building || f.extension || f.change_of_use);
  const code = plot.use_code;

  add('plot-reservation', reservationReason(plot));
  if (plot.build_obligation_years)
    add(
      'plot-reservation',
      t(
        `Tontilla on rakentamisvelvoite: rakennettava ${plot.build_obligation_years} vuoden kuluessa.`,
        `Tomten har byggskyldighet: den ska bebyggas inom ${plot.build_obligation_years} år.`,
        `The plot comes with a build obligation: build within ${plot.build_obligation_years} years.`,
      ),
    );
  if (plot.tenure === 'sale' && f.foreign_buyer)
    add(
      'acquisition-permit',
      t(
        'Tontti myydään ja ostaja on EU:n tai ETA:n ulkopuolelta: kiinteistön hankintaan tarvitaan lupa.',
        'Tomten säljs och köparen kommer från ett land utanför EU eller EES: förvärvet kräver tillstånd.',
        'The plot is for sale and the buyer is from outside the EU or EEA: the acquisition needs a permit.',
      ),
    );

  if (!plot.registered)
    add(
      'plot-division',
      t(
        'Tontti on ohjeellinen eikä vielä rekisteröity: tonttijako ja lohkominen tehdään ennen rakennuslupaa.',
        'Tomten är riktgivande och ännu inte registrerad: tomtindelning och styckning görs före bygglovet.',
        'The plot is indicative, not yet registered: plot division and parcelling come before the building permit.',
      ),
    );

  // Deviation: the project or the plot's planning situation does not allow it as such.
  if (!activity.fits_use_codes.includes(code))
    add(
      'deviation-decision',
      join(
        cap(zoning(code)),
        t(
          `toiminta "${activity.name.fi}" ei sovi kaavan käyttötarkoitukseen; tarvitaan poikkeamispäätös tai kaavamuutos.`,
          `verksamheten "${activity.name.sv}" passar inte planens användningsändamål; ett undantagsbeslut eller en planändring behövs.`,
          `the activity "${activity.name.en}" does not fit the plan's intended use; a deviation decision or a plan change is needed.`,
        ),
      ),
    );
  if (f.chemicals === 'large' && code !== 'T/kem')
    add(
      'deviation-decision',
      t(
        `Merkittävät vaarallisten kemikaalien määrät kuuluvat T/kem-tonteille; tämän tontin kaavamerkintä on ${code}.`,
        `Betydande mängder farliga kemikalier hör till T/kem-tomter; den här tomtens planbeteckning är ${code}.`,
        `Significant amounts of hazardous chemicals belong on T/kem plots; this plot is zoned ${code}.`,
      ),
    );
  if (f.deviation)
    add(
      'deviation-decision',
      t(
        'Kerroit hankkeen poikkeavan asemakaavasta.',
        'Du angav att projektet avviker från detaljplanen.',
        'You said the project deviates from the detailed plan.',
      ),
    );
  if (building && plot.building_prohibition)
    add(
      'deviation-decision',
      t(
        'Tontilla on rakennuskielto: rakentaminen vaatii poikkeamispäätöksen tai kiellon päättymisen.',
        'Tomten har byggförbud: byggandet kräver ett undantagsbeslut eller att förbudet upphör.',
        'A building prohibition applies to the plot: building needs a deviation decision or the end of the prohibition.',
      ),
    );
  if (building && plot.plan_state === 'pending')
    add(
      'deviation-decision',
      t(
        'Tontin asemakaava ei ole vielä voimassa: odota kaavan lainvoimaisuutta tai hae poikkeamista.',
        'Tomtens detaljplan har ännu inte vunnit laga kraft: vänta på det eller ansök om undantag.',
        'The plot’s detailed plan is not yet in force: wait until it is, or apply for a deviation.',
      ),
    );

  buildingNeeds(f, add);
  if (building && plot.earliest_construction_on)
    add(
      'building-permit',
      t(
        `Rakentaa saa aikaisintaan ${plot.earliest_construction_on}.`,
        `Byggandet får börja tidigast ${plot.earliest_construction_on}.`,
        `Construction may start on ${plot.earliest_construction_on} at the earliest.`,
      ),
    );
  environmentNeeds(plot, activity, f, add);
  premisesNeeds(activity, f, add);
}

function reservationReason(plot: PlotForRules): Text {
  const how =
    plot.tenure === 'sale'
      ? t('kauppakirja', 'köpebrev', 'a deed of sale')
      : t('maanvuokrasopimus', 'arrendeavtal', 'a ground lease');
  switch (plot.availability) {
    case 'available':
      return t(
        `Tontti on haettavissa kaupungilta: ensin varaus, sitten ${how.fi}.`,
        `Tomten kan sökas från staden: först reservering, sedan ${how.sv}.`,
        `The plot is available from the city: a reservation first, then ${how.en}.`,
      );
    case 'draw': {
      const until = plot.draw_ends_on ?? '';
      return t(
        `Tontti on julkisessa arvonnassa${until ? ` ${until} asti` : ''}: hae arvonnassa.`,
        `Tomten lottas ut offentligt${until ? ` till ${until}` : ''}: ansök i lottningen.`,
        `The plot is in a public draw${until ? ` until ${until}` : ''}: apply in the draw.`,
      );
    }
    case 'reserved':
      return t(
        'Tontti on varattu toiselle hakijalle: kysy tontit-yksiköltä, vapautuuko se.',
        'Tomten är reserverad för en annan sökande: fråga tomtenheten om den blir ledig.',
        'The plot is reserved for another applicant: ask the plots unit whether it becomes free.',
      );
    case 'leased':
      return t(
        'Tontti on jo vuokrattu tai myyty: tarvitset sopimuksen nykyisen haltijan kanssa.',
        'Tomten är redan utarrenderad eller såld: du behöver ett avtal med den nuvarande innehavaren.',
        'The plot is already leased or sold: you need an agreement with its current holder.',
      );
    case 'coming':
      return t(
        'Tontti tulee haettavaksi myöhemmin: tontit-yksikkö kertoo, milloin haku alkaa.',
        'Tomten blir sökbar senare: tomtenheten meddelar när ansökan öppnar.',
        'The plot comes up for allocation later: the plots unit tells when applications open.',
      );
  }
}

function buildingNeeds(f: Facts, add: Add): void {
  if (f.new_building)
    add(
      'building-permit',
      t(
        'Uusi rakennus tarvitsee aina rakennusluvan.',
        'En ny byggnad kräver alltid bygglov.',
        'A new building always needs a building permit.',
      ),
    );
  if (f.extension)
    add(
      'building-permit',
      t(
        'Laajennus tarvitsee rakennusluvan.',
        'En tillbyggnad kräver bygglov.',
        'An extension needs a building permit.',
      ),
    );
  if (f.change_of_use)
    add(
      'building-permit',
      t(
        'Käyttötarkoituksen olennainen muutos tarvitsee rakennusluvan.',
        'En väsentlig ändring av användningsändamålet kräver bygglov.',
        'A significant change of use needs a building permit.',
      ),
    );
  if (f.demolition)
    add(
      'demolition-permit',
      t(
        'Purkaminen tarvitsee purkamisluvan.',
        'Rivning kräver rivningslov.',
        'Demolition needs a demolition permit.',
      ),
    );
  if (f.signs)
    add(
      'action-permit',
      t(
        'Mainoslaitteet, säiliöt ja pienet rakennelmat tarvitsevat toimenpideluvan.',
        'Reklamanordningar, cisterner och små konstruktioner kräver åtgärdstillstånd.',
        'Signs, tanks and minor structures need an action permit.',
      ),
    );
  if (f.earthworks)
    add(
      'landscape-work-permit',
      t(
        'Kaivu, louhinta tai puiden kaataminen ennen rakennuslupaa tarvitsee maisematyöluvan.',
        'Grävning, brytning eller trädfällning före bygglovet kräver tillstånd för miljöåtgärder.',
        'Excavation, quarrying or tree felling ahead of the building permit needs a landscape-work permit.',
      ),
    );
  if (f.noise)
    add(
      'noise-notification',
      t(
        'Meluisista töistä ilmoitetaan ympäristöpalveluille 30 päivää ennen.',
        'Bullrande arbeten anmäls till miljötjänsterna 30 dagar i förväg.',
        'Noisy works are notified to Environmental Services 30 days ahead.',
      ),
    );
  if (f.street_works)
    add(
      'street-works-permit',
      t(
        'Työt ulottuvat katualueelle: kaivu ja työmaajärjestelyt tarvitsevat aluelupia.',
        'Arbetena når gatuområdet: grävning och arbetsplatsarrangemang kräver områdestillstånd.',
        'The works reach the street: excavation and site arrangements need public-area permits.',
      ),
    );
  if (f.new_building) {
    const every = t(
      'Jokainen uusi rakennus tarvitsee',
      'Varje ny byggnad behöver',
      'Every new building needs',
    );
    add(
      'water-connection',
      join(
        every,
        t('vesi- ja viemäriliittymän.', 'vatten- och avloppsanslutning.', 'water and sewer connections.'),
        ' ',
      ),
    );
    add(
      'energy-connections',
      join(
        every,
        t('sähkö- ja lämpöliittymät.', 'el- och värmeanslutningar.', 'electricity and heat connections.'),
        ' ',
      ),
    );
    add('address-number', join(every, t('osoitenumeron.', 'ett adressnummer.', 'an address number.'), ' '));
  }
}

function environmentNeeds(plot: PlotForRules, activity: ActivityForRules, f: Facts, add: Add): void {
  const code = plot.use_code;
  const largeChemicals = f.chemicals === 'large';
  const emitting = activity.environmental !== 'none' || !!f.emissions || !!f.large_plant || largeChemicals;
  if (emitting) {
    const onIndustrial = INDUSTRIAL.includes(code)
      ? join(
          t('Teollisuustontti', 'Industritomt', 'Industrial plot'),
          t(
            `${zoning(code).fi}, päästöjä aiheuttava toiminta.`,
            `${zoning(code).sv}, verksamhet med utsläpp.`,
            `${zoning(code).en}, with an emitting activity.`,
          ),
          ', ',
        )
      : null;
    let permit: string;
    let why: Text;
    if (f.large_plant) {
      permit = 'environmental-permit-avi';
      why = t(
        'Suuren laitoksen ympäristöluvan myöntää aluehallintovirasto.',
        'Miljötillståndet för en stor anläggning beviljas av regionförvaltningsverket.',
        'The environmental permit of a large plant is granted by the Regional State Administrative Agency.',
      );
    } else if (activity.environmental === 'permit') {
      permit = 'environmental-permit';
      why = t(
        `"${activity.name.fi}" on päästöjä aiheuttavaa toimintaa, joka tarvitsee ympäristöluvan.`,
        `"${activity.name.sv}" är verksamhet med utsläpp som kräver miljötillstånd.`,
        `"${activity.name.en}" is an emitting activity that needs an environmental permit.`,
      );
    } else if (largeChemicals) {
      permit = 'environmental-permit';
      why = t(
        'Kemikaalien tai polttoaineiden laajamittainen varastointi tarvitsee ympäristöluvan.',
        'Omfattande upplagring av kemikalier eller bränslen kräver miljötillstånd.',
        'Large-scale storage of chemicals or fuels needs an environmental permit.',
      );
    } else {
      permit = 'environmental-notification';
      why =
        activity.environmental === 'notification'
          ? t(
              `"${activity.name.fi}" ilmoitetaan tai rekisteröidään ympäristöpalveluille ennen aloitusta.`,
              `"${activity.name.sv}" anmäls eller registreras hos miljötjänsterna före start.`,
              `"${activity.name.en}" is notified or registered with Environmental Services before starting.`,
            )
          : t(
              'Kerroit toiminnan aiheuttavan päästöjä: pienemmästä toiminnasta tehdään ympäristöilmoitus; ympäristöpalvelut voivat edellyttää lupaa.',
              'Du angav att verksamheten har utsläpp: för mindre verksamhet görs en miljöanmälan; miljötjänsterna kan kräva tillstånd.',
              'You said the activity has emissions: a smaller activity is notified; Environmental Services may require a permit.',
            );
    }
    add(permit, why);
    if (onIndustrial) add(permit, onIndustrial);
    if (code === 'TY')
      add(
        permit,
        t(
          'TY-tontilla ympäristö asettaa erityisiä vaatimuksia: varaudu päästöjä koskeviin lupaehtoihin.',
          'På en TY-tomt ställer miljön särskilda krav: räkna med villkor om utsläpp.',
          'On a TY plot the environment sets special requirements: expect conditions on emissions.',
        ),
      );
  }

  const chemicals = f.chemicals ?? 'none';
  if (chemicals === 'large')
    add(
      'chemicals-permit-tukes',
      t(
        'Vaarallisten kemikaalien laajamittainen käsittely tai varastointi tarvitsee Tukesin luvan.',
        'Omfattande hantering eller upplagring av farliga kemikalier kräver tillstånd av Tukes.',
        'Large-scale handling or storage of hazardous chemicals needs a permit from Tukes.',
      ),
    );
  else if (chemicals === 'small')
    add(
      'chemicals-notification',
      t(
        'Toiminnassa varastoidaan tai käsitellään vaarallisia kemikaaleja: siitä ilmoitetaan pelastuslaitokselle.',
        'Verksamheten lagrar eller hanterar farliga kemikalier: det anmäls till räddningsverket.',
        'The activity stores or handles hazardous chemicals: this is notified to the Rescue Department.',
      ),
    );
  if (code === 'T/kem' && chemicals !== 'large')
    add(
      'chemicals-notification',
      t(
        'T/kem-tontti on tarkoitettu vaarallisia kemikaaleja käsittelevälle teollisuudelle: pelastuslaitokselle ilmoitetaan kemikaalien varastoinnista.',
        'En T/kem-tomt är avsedd för industri som hanterar farliga kemikalier: upplagring av kemikalier anmäls till räddningsverket.',
        'A T/kem plot is meant for industry handling hazardous chemicals: chemical storage there is notified to the Rescue Department.',
      ),
    );
}

function premisesNeeds(activity: ActivityForRules, f: Facts, add: Add): void {
  if (f.food)
    add(
      'food-notification',
      t(
        'Elintarvikkeita valmistetaan, tarjoillaan tai myydään: elintarvikehuoneistosta ilmoitetaan 4 viikkoa ennen aloitusta.',
        'Livsmedel tillverkas, serveras eller säljs: livsmedelslokalen anmäls 4 veckor före start.',
        'Food is made, served or sold: the food premises are notified 4 weeks before starting.',
      ),
    );
  if (f.alcohol)
    add(
      'alcohol-licence',
      t(
        'Alkoholin anniskelu tarvitsee anniskeluluvan.',
        'Servering av alkohol kräver serveringstillstånd.',
        'Serving alcohol needs a licence.',
      ),
    );
  if (f.terrace)
    add(
      'terrace-permit',
      t(
        'Terassi tai myynti kadulla tarvitsee luvan yleisen alueen käyttöön.',
        'En terrass eller försäljning på gatan kräver tillstånd att använda allmänt område.',
        'A terrace or sales on the street needs a public-area permit.',
      ),
    );
  if (activity.health_protection)
    add(
      'health-protection-notification',
      t(
        `"${activity.name.fi}" on terveydensuojelulain tarkoittamaa toimintaa: siitä ilmoitetaan ennen aloitusta.`,
        `"${activity.name.sv}" är verksamhet enligt hälsoskyddslagen: den anmäls före start.`,
        `"${activity.name.en}" falls under the Health Protection Act: it is notified before starting.`,
      ),
    );
}

function eventNeeds(plot: PlotForRules, f: Facts, add: Add): void {
  const visitors = f.visitors ?? 0;
  add(
    'event-police-notice',
    t(
      'Yleisötilaisuudesta yleisellä paikalla ilmoitetaan poliisille (kokoontumislaki).',
      'En allmän tillställning på allmän plats anmäls till polisen (lagen om sammankomster).',
      'A public event in a public place is notified to the police (Assembly Act).',
    ),
  );
  if (f.venue === 'public_area')
    add(
      'event-public-area',
      t(
        'Tapahtuma kadulla, torilla tai puistossa tarvitsee luvan yleisen alueen käyttöön.',
        'Ett evenemang på gata, torg eller i park kräver tillstånd att använda allmänt område.',
        'An event on a street, square or in a park needs a permit to use the public area.',
      ),
    );
  else {
    add(
      'temporary-plot-use',
      t(
        'Tapahtuma tällä tontilla: tontin tilapäisestä käytöstä sovitaan tontit-yksikön kanssa.',
        'Evenemang på den här tomten: tillfällig användning av tomten avtalas med tomtenheten.',
        'Event on this plot: its temporary use is agreed with the plots unit.',
      ),
    );
    if (plot.availability === 'leased' || plot.availability === 'reserved')
      add(
        'temporary-plot-use',
        t(
          'Tontti on varattu tai vuokrattu: tarvitset myös haltijan suostumuksen.',
          'Tomten är reserverad eller utarrenderad: du behöver också innehavarens samtycke.',
          'The plot is reserved or leased: you also need its holder’s consent.',
        ),
      );
  }
  if (visitors >= RESCUE_PLAN_VISITORS)
    add(
      'event-rescue-plan',
      t(
        `Odotettu yleisö ${visitors} henkeä (vähintään ${RESCUE_PLAN_VISITORS}): tapahtumalle tehdään pelastussuunnitelma.`,
        `Förväntat antal besökare ${visitors} (minst ${RESCUE_PLAN_VISITORS}): evenemanget behöver en räddningsplan.`,
        `Expected ${visitors} visitors (${RESCUE_PLAN_VISITORS} or more): the event needs a rescue plan.`,
      ),
    );
  if (f.fire_or_stage)
    add(
      'event-rescue-plan',
      t(
        'Tuli, pyrotekniikka, lavat tai teltat edellyttävät pelastussuunnitelmaa.',
        'Eld, pyroteknik, scener eller tält kräver en räddningsplan.',
        'Fire, pyrotechnics, stages or tents require a rescue plan.',
      ),
    );
  if (f.venue !== 'public_area' && plot.use_code === 'T/kem')
    add(
      'event-rescue-plan',
      t(
        'T/kem-tontilla voidaan käsitellä vaarallisia kemikaaleja: pelastuslaitos arvioi tapahtuman turvallisuuden.',
        'På en T/kem-tomt kan farliga kemikalier hanteras: räddningsverket bedömer evenemangets säkerhet.',
        'Hazardous chemicals may be handled on a T/kem plot: the Rescue Department reviews the event’s safety.',
      ),
    );
  if (f.food)
    add(
      'event-food-sales',
      t(
        'Tapahtumassa myydään tai tarjoillaan ruokaa tai juomaa.',
        'Mat eller dryck säljs eller serveras på evenemanget.',
        'Food or drink is sold or served at the event.',
      ),
    );
  if (f.alcohol)
    add(
      'event-alcohol-licence',
      t(
        'Alkoholin anniskelu tapahtumassa tarvitsee tilapäisen anniskeluluvan.',
        'Servering av alkohol på evenemanget kräver ett tillfälligt serveringstillstånd.',
        'Serving alcohol at the event needs a temporary licence.',
      ),
    );
  if (f.amplified_sound)
    add(
      'event-noise-notification',
      t(
        'Kovaääninen musiikki tai äänentoisto ulkona ilmoitetaan noin 30 päivää ennen.',
        'Hög musik eller ljudförstärkning utomhus anmäls cirka 30 dagar i förväg.',
        'Loud music or sound systems outdoors are notified about 30 days ahead.',
      ),
    );
}
