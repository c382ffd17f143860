import type { Text } from '../catalogue.ts';
import type { Facts } from '../facts.ts';
import { t } from './text.ts';
import type { ActivityForRules, PlotForRules } from './types.ts';

/**
 * What the plot's zoning or attributes ask about that the answers settle without a permit: said
 * beside the path so that the user knows why the question mattered, while the path itself lists
 * only what the answers call for (a permit the user has just answered away would contradict them).
 */
export function permitNotes(plot: PlotForRules, activity: ActivityForRules, f: Facts): Text[] {
  const notes: Text[] = [];
  if (activity.kind === 'business' && plot.use_code === 'T/kem' && (f.chemicals ?? 'none') === 'none')
    notes.push(
      t(
        'T/kem-tontti on kaavassa varattu vaarallisia kemikaaleja käsittelevälle teollisuudelle, siksi kysymme kemikaaleista. Vastasit, ettei kemikaaleja ole: kemikaali-ilmoitusta ei tarvita. Jos niitä tulee myöhemmin, käsittelystä ja varastoinnista ilmoitetaan pelastuslaitokselle ennen aloitusta.',
        'En T/kem-tomt är i planen avsedd för industri som hanterar farliga kemikalier, därför frågar vi om kemikalier. Du svarade att det inte finns några: ingen kemikalieanmälan behövs. Om sådana tillkommer senare anmäls hanteringen och upplagringen till räddningsverket före start.',
        'A T/kem plot is zoned for industry handling hazardous chemicals, which is why we ask about chemicals. You answered none: no chemicals notification is needed. Should chemicals come later, their handling and storage are notified to the Rescue Department before starting.',
      ),
    );
  if (activity.kind === 'business' && f.foreign_buyer && plot.tenure === 'lease')
    notes.push(
      t(
        'Tontti vuokrataan eikä myydä: EU:n tai ETA:n ulkopuolinen ostaja ei tarvitse hankintalupaa.',
        'Tomten arrenderas, den säljs inte: en köpare utanför EU eller EES behöver inget förvärvstillstånd.',
        'The plot is leased, not sold: a buyer from outside the EU or EEA needs no acquisition permit.',
      ),
    );
  return notes;
}
