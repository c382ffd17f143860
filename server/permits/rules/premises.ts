import type { Facts } from '../facts.ts';
import { t } from './text.ts';
import type { ActivityForRules, Add } from './types.ts';

/** Running the premises: food, alcohol, terraces, health protection. */
export function premisesNeeds(activity: ActivityForRules, f: Facts, add: Add): void {
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
