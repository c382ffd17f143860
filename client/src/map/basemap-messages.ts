/** Texts of the background switcher and its notes, shared by the public and the staff map. */
export type BasemapLang = 'fi' | 'sv' | 'en';

const en = {
  button: 'Map layers',
  heading: 'Map layers',
  background: 'Background map',
  plotOpacity: 'Plot opacity',
  overlays: 'Overlays',
  overlay_districts: 'Districts and sub-districts',
  overlay_zones: 'Urban-structure zones',
  close: 'Close',
  builtinCoverage:
    'The built-in map shows districts, urban-structure zones and the sea city-wide; streets and buildings only in the city centre (about 1 × 1.6 km).',
  fallback: '{name} is not answering: the built-in map is shown instead.',
  fallbackOverlay: '{name} is not answering and is hidden.',
  retry: 'Try again',
};
type Texts = typeof en;

const fi: Texts = {
  button: 'Karttatasot',
  heading: 'Karttatasot',
  background: 'Taustakartta',
  plotOpacity: 'Tonttien peittävyys',
  overlays: 'Lisätasot',
  overlay_districts: 'Kaupunginosat ja osa-alueet',
  overlay_zones: 'Yhdyskuntarakenteen vyöhykkeet',
  close: 'Sulje',
  builtinCoverage:
    'Sisäänrakennettu kartta näyttää kaupunginosat, yhdyskuntarakenteen vyöhykkeet ja meren koko kaupungista; kadut ja rakennukset vain keskustasta (noin 1 × 1,6 km).',
  fallback: '{name} ei vastaa: näytetään sisäänrakennettu kartta.',
  fallbackOverlay: '{name} ei vastaa, joten se on piilotettu.',
  retry: 'Yritä uudelleen',
};

const sv: Texts = {
  button: 'Kartlager',
  heading: 'Kartlager',
  background: 'Bakgrundskarta',
  plotOpacity: 'Tomternas opacitet',
  overlays: 'Tilläggslager',
  overlay_districts: 'Stadsdelar och delområden',
  overlay_zones: 'Samhällsstrukturens zoner',
  close: 'Stäng',
  builtinCoverage:
    'Den inbyggda kartan visar stadsdelar, samhällsstrukturens zoner och havet i hela staden; gator och byggnader bara i centrum (cirka 1 × 1,6 km).',
  fallback: '{name} svarar inte: den inbyggda kartan visas i stället.',
  fallbackOverlay: '{name} svarar inte och har dolts.',
  retry: 'Försök igen',
};

const TEXTS: Record<BasemapLang, Texts> = { fi, sv, en };

export function basemapText(
  lang: BasemapLang,
  key: keyof Texts,
  params: Record<string, string> = {},
): string {
  return TEXTS[lang][key].replace(/\{(\w+)\}/g, (m, k: string) => params[k] ?? m);
}
