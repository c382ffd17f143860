import type { Text } from '../catalogue.ts';
import type { Facts } from '../facts.ts';
import { buildingNeeds } from './building.ts';
import { environmentNeeds } from './environment.ts';
import { premisesNeeds } from './premises.ts';
import { cap, join, t, zoning } from './text.ts';
import type { ActivityForRules, Add, PlotForRules } from './types.ts';

/** A business on the plot: getting the plot, its planning situation, then the project's own permits. */
export function businessNeeds(plot: PlotForRules, activity: ActivityForRules, f: Facts, add: Add): void {
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
