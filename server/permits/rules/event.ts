import type { Facts } from '../facts.ts';
import { t } from './text.ts';
import type { Add, PlotForRules } from './types.ts';

/** From this many visitors on, an event is "larger" and needs a rescue plan (hundreds of people). */
export const RESCUE_PLAN_VISITORS = 200;
/** Organising a public event on the plot or on a public area: its own path, no plot reservation. */
export function eventNeeds(plot: PlotForRules, f: Facts, add: Add): void {
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
