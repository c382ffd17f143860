/** Texts of signing in through the city's identification and of acting for a company (fi/sv/en). */
import type { Lang } from './i18n.ts';

const fi = {
  oidcSignIn: 'Tunnistaudu kaupungin tunnistuksella',
  oidcIntro: 'Tunnistautumisen jälkeen valitset yrityksen, jonka puolesta asioit.',
  orPassword: 'tai kirjaudu salasanalla',
  pickerHeading: 'Kenen puolesta asioit?',
  pickerIntro:
    'Valtuutuksesi mukaan voit asioida näiden yritysten puolesta. Yrityksen hankkeet näkyvät kaikille, joilla on valtuutus samaan yritykseen.',
  pickerLegend: 'Yritys',
  asMyself: 'Omissa nimissäni',
  choose: 'Jatka',
  actingFor: 'Asioit yrityksen {company} puolesta',
  actingAsSelf: 'Asioit omissa nimissäsi',
  switchCompany: 'Vaihda yritystä',
  'err.company_not_mandated': 'Sinulla ei ole valtuutusta asioida tämän yrityksen puolesta.',
  'err.oidc_state_invalid': 'Tunnistautumislinkki on vanhentunut tai jo käytetty. Aloita alusta.',
  'err.oidc_nonce_mismatch': 'Tunnistuksen vastaus ei kuulunut tähän kirjautumiseen. Aloita alusta.',
  'err.oidc_token_invalid': 'Tunnistuspalvelun vastausta ei voitu varmentaa. Aloita alusta.',
  'err.oidc_refused': 'Tunnistuspalvelu ei hyväksynyt kirjautumista.',
  'err.oidc_unavailable': 'Tunnistuspalveluun ei juuri nyt saada yhteyttä. Yritä hetken päästä uudelleen.',
  'err.oidc_mandates_unavailable': 'Valtuutustietoja ei juuri nyt saatu. Yritä hetken päästä uudelleen.',
  'err.oidc_staff_disabled': 'Henkilökunnan kirjautuminen tunnistuspalvelulla ei ole käytössä.',
  'err.account_disabled': 'Tili on poistettu käytöstä.',
  'err.other': 'Tunnistautuminen epäonnistui. Aloita alusta.',
};
type Key = keyof typeof fi;

const sv: Record<Key, string> = {
  oidcSignIn: 'Identifiera dig med stadens identifikation',
  oidcIntro: 'Efter identifieringen väljer du det företag du uträttar ärenden för.',
  orPassword: 'eller logga in med lösenord',
  pickerHeading: 'För vem uträttar du ärenden?',
  pickerIntro:
    'Enligt dina fullmakter kan du uträtta ärenden för dessa företag. Företagets projekt syns för alla med fullmakt för samma företag.',
  pickerLegend: 'Företag',
  asMyself: 'I eget namn',
  choose: 'Fortsätt',
  actingFor: 'Du uträttar ärenden för {company}',
  actingAsSelf: 'Du uträttar ärenden i eget namn',
  switchCompany: 'Byt företag',
  'err.company_not_mandated': 'Du har ingen fullmakt att uträtta ärenden för det här företaget.',
  'err.oidc_state_invalid': 'Identifieringslänken har gått ut eller redan använts. Börja om.',
  'err.oidc_nonce_mismatch': 'Identifieringens svar hörde inte till den här inloggningen. Börja om.',
  'err.oidc_token_invalid': 'Identifieringstjänstens svar kunde inte verifieras. Börja om.',
  'err.oidc_refused': 'Identifieringstjänsten godkände inte inloggningen.',
  'err.oidc_unavailable': 'Identifieringstjänsten kan inte nås just nu. Försök igen om en stund.',
  'err.oidc_mandates_unavailable': 'Fullmaktsuppgifterna kunde inte hämtas just nu. Försök igen om en stund.',
  'err.oidc_staff_disabled': 'Personalens inloggning via identifieringstjänsten är inte i bruk.',
  'err.account_disabled': 'Kontot har stängts av.',
  'err.other': 'Identifieringen misslyckades. Börja om.',
};

const en: Record<Key, string> = {
  oidcSignIn: "Sign in with the city's identification",
  oidcIntro: 'After identifying yourself you choose the company you act for.',
  orPassword: 'or sign in with a password',
  pickerHeading: 'Whom do you act for?',
  pickerIntro:
    "Your mandates let you act for these companies. A company's projects are visible to everyone with a mandate for the same company.",
  pickerLegend: 'Company',
  asMyself: 'Myself',
  choose: 'Continue',
  actingFor: 'Acting for {company}',
  actingAsSelf: 'Acting as yourself',
  switchCompany: 'Switch company',
  'err.company_not_mandated': 'You have no mandate to act for this company.',
  'err.oidc_state_invalid': 'This sign-in link has expired or was already used. Start again.',
  'err.oidc_nonce_mismatch': 'The identification answer was not for this sign-in. Start again.',
  'err.oidc_token_invalid': "The identification service's answer could not be verified. Start again.",
  'err.oidc_refused': 'The identification service refused the sign-in.',
  'err.oidc_unavailable': 'The identification service cannot be reached right now. Try again in a moment.',
  'err.oidc_mandates_unavailable': 'Your mandates could not be read right now. Try again in a moment.',
  'err.oidc_staff_disabled': 'Staff sign-in through the identification service is not in use.',
  'err.account_disabled': 'This account is disabled.',
  'err.other': 'Identification failed. Start again.',
};

const DICTS: Record<Lang, Record<Key, string>> = { fi, sv, en };
export type CT = (key: Key, vars?: Record<string, string>) => string;

export const companyTexts =
  (lang: Lang): CT =>
  (key, vars) =>
    DICTS[lang][key].replace(/\{(\w+)\}/g, (_m, k: string) => vars?.[k] ?? '');

/** The message of a code the sign-in redirected with (?oidc_error=) or the company choice answered. */
export function oidcErrorText(ct: CT, code: string): string {
  const key = `err.${code}`;
  return key in fi ? ct(key as Key) : ct('err.other');
}
