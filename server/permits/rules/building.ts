import type { Facts } from '../facts.ts';
import { join, t } from './text.ts';
import type { Add } from './types.ts';

/** Construction works: building, demolition, minor structures, earthworks, noise, street, connections. */
export function buildingNeeds(f: Facts, add: Add): void {
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
  // "Ahead of the building permit" only when the answers include building works.
  const building = !!(f.new_building || f.extension || f.change_of_use);
  if (f.earthworks)
    add(
      'landscape-work-permit',
      building
        ? t(
            'Kaivu, louhinta tai puiden kaataminen ennen rakennuslupaa tarvitsee maisematyöluvan.',
            'Grävning, brytning eller trädfällning före bygglovet kräver tillstånd för miljöåtgärder.',
            'Excavation, quarrying or tree felling ahead of the building permit needs a landscape-work permit.',
          )
        : t(
            'Kaivu, louhinta tai puiden kaataminen ilman rakennuslupaa tarvitsee maisematyöluvan.',
            'Grävning, brytning eller trädfällning utan bygglov kräver tillstånd för miljöåtgärder.',
            'Excavation, quarrying or tree felling without a building permit needs a landscape-work permit.',
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
