import type { Text } from '../catalogue.ts';
import type { Facts } from '../facts.ts';
import { INDUSTRIAL, join, t, zoning } from './text.ts';
import type { ActivityForRules, Add, PlotForRules } from './types.ts';

/** Emissions (environmental permit or notification) and hazardous chemicals. */
export function environmentNeeds(plot: PlotForRules, activity: ActivityForRules, f: Facts, add: Add): void {
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
  // On a T/kem plot with the answer "none" the path lists nothing here; notes.ts says why the
  // zoning asks about chemicals instead.
  if (code === 'T/kem' && chemicals === 'small')
    add(
      'chemicals-notification',
      t(
        'T/kem-tontti on tarkoitettu vaarallisia kemikaaleja käsittelevälle teollisuudelle: pelastuslaitokselle ilmoitetaan kemikaalien varastoinnista.',
        'En T/kem-tomt är avsedd för industri som hanterar farliga kemikalier: upplagring av kemikalier anmäls till räddningsverket.',
        'A T/kem plot is meant for industry handling hazardous chemicals: chemical storage there is notified to the Rescue Department.',
      ),
    );
}
