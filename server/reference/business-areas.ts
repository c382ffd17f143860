/**
 * Helsinki's business and industrial sub-districts (osa-alue numbers) with the zoning codes that
 * fit each. The demo generator places plots only here; the plot filter lists them first.
 */
export interface BusinessArea {
  subDistrict: number;
  /** Zoning codes and their relative weights in this area. */
  useCodes: Record<string, number>;
  /** Street names used for demo addresses in this area. */
  streets: string[];
  postalCode: string;
}

export const BUSINESS_AREAS: BusinessArea[] = [
  {
    subDistrict: 465,
    useCodes: { KTY: 4, T: 3, K: 1, TV: 1 },
    streets: ['Valimotie', 'Sähkötie', 'Höyläämötie', 'Strömbergintie', 'Mekaanikontie', 'Pajuniityntie'],
    postalCode: '00380',
  },
  {
    subDistrict: 433,
    useCodes: { KTY: 3, T: 3, TY: 2, K: 1 },
    streets: [
      'Hitsaajankatu',
      'Sahaajankatu',
      'Kirvesmiehenkatu',
      'Viilarintie',
      'Laippatie',
      'Suolakivenkatu',
    ],
    postalCode: '00810',
  },
  {
    subDistrict: 456,
    useCodes: { T: 4, TT: 2, TY: 2, 'T/kem': 1, TV: 2 },
    streets: ['Roihupellontie', 'Viilarintie', 'Valurinkuja', 'Sorvaajankatu', 'Puusepänkatu', 'Kuparitie'],
    postalCode: '00820',
  },
  {
    subDistrict: 548,
    useCodes: { LTA: 3, T: 2, TV: 3, 'T/kem': 1 },
    streets: ['Niinisaarentie', 'Satamakaari', 'Kahvikuja', 'Laivurinkuja'],
    postalCode: '00980',
  },
  {
    subDistrict: 549,
    useCodes: { LTA: 3, TV: 3, T: 2, 'T/kem': 1 },
    streets: ['Mustavuorentie', 'Satamakaari', 'Rahtitie', 'Konttikuja'],
    postalCode: '00980',
  },
  {
    subDistrict: 385,
    useCodes: { KTY: 2, T: 2, TV: 1, K: 1 },
    streets: ['Lentoasemantie', 'Lentäjäntie', 'Hangaarikuja', 'Kiitotienkuja'],
    postalCode: '00700',
  },
  {
    subDistrict: 384,
    useCodes: { T: 3, TY: 2, TV: 2, KTY: 1 },
    streets: ['Tattariharjuntie', 'Ansatie', 'Kärkikuja', 'Harjukuja'],
    postalCode: '00700',
  },
  {
    subDistrict: 413,
    useCodes: { T: 3, TY: 3, 'T/kem': 2, TV: 1 },
    streets: ['Tattarisuontie', 'Lahnaruohontie', 'Sammalkuja', 'Suokuja'],
    postalCode: '00760',
  },
  {
    subDistrict: 102,
    useCodes: { KT: 3, K: 3, KM: 1, C: 1 },
    streets: ['Työpajankatu', 'Hermannin rantatie', 'Capellan puistotie', 'Junonkatu', 'Vanha talvitie'],
    postalCode: '00580',
  },
  {
    subDistrict: 103,
    useCodes: { KT: 2, K: 2, KL: 1, C: 1 },
    streets: ['Polariksenkatu', 'Leonkatu', 'Sompasaarenlaituri', 'Andromedankatu'],
    postalCode: '00540',
  },
  {
    subDistrict: 320,
    useCodes: { T: 3, TV: 2, KM: 2, KTY: 1 },
    streets: ['Ruosilantie', 'Ristipellontie', 'Ajomiehentie', 'Konalankuja'],
    postalCode: '00390',
  },
  {
    subDistrict: 213,
    useCodes: { TY: 2, KTY: 2, T: 2 },
    streets: ['Kyläsaarenkatu', 'Verkkosaarenkatu', 'Parrukatu', 'Hermanninmäenkatu'],
    postalCode: '00580',
  },
  {
    subDistrict: 171,
    useCodes: { KT: 3, K: 2, KTY: 1 },
    streets: ['Radiokatu', 'Ratapihantie', 'Veturitie', 'Pasilanraitio'],
    postalCode: '00240',
  },
  {
    subDistrict: 172,
    useCodes: { KT: 2, KTY: 2, K: 1, T: 1 },
    streets: ['Ilmalankatu', 'Veturitie', 'Opastinsilta', 'Pasilankatu'],
    postalCode: '00240',
  },
  {
    subDistrict: 174,
    useCodes: { KT: 3, K: 2, C: 2 },
    streets: ['Ratapihantie', 'Kellosilta', 'Firdonkatu', 'Pasilan asema-aukio'],
    postalCode: '00520',
  },
];

export const BUSINESS_SUB_DISTRICTS = BUSINESS_AREAS.map((a) => a.subDistrict);
