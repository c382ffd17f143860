/** The mails of an applicant account: address verification, and a notice of a repeated sign-up. */
import type { MailMessage } from '../mail/index.ts';
import type { Lang } from './mails.ts';

const FOOTER: Record<Lang, string> = {
  fi: 'Tämä on Tonttiluukun automaattinen viesti; älä vastaa tähän sähköpostiin.',
  sv: 'Detta är ett automatiskt meddelande från Tonttiluukku; svara inte på det här e-postmeddelandet.',
  en: 'This is an automatic message from Tonttiluukku; do not reply to this e-mail.',
};

export const verifyLink = (base: string, token: string, l: Lang) =>
  `${base}/apply.html?verify=${encodeURIComponent(token)}&lang=${l}`;

/** To a new applicant: the single-use link that confirms the address. */
export function verificationMail(
  to: string,
  l: Lang,
  token: string,
  hours: number,
  base: string,
): MailMessage {
  return {
    to,
    subject: {
      fi: 'Vahvista sähköpostiosoitteesi – Tonttiluukku',
      sv: 'Bekräfta din e-postadress – Tonttiluukku',
      en: 'Confirm your e-mail address – Tonttiluukku',
    }[l],
    text: [
      {
        fi: 'Vahvista sähköpostiosoitteesi, niin voit jättää hakemuksia kaupungille:',
        sv: 'Bekräfta din e-postadress så att du kan lämna in ansökningar till staden:',
        en: 'Confirm your e-mail address so that you can submit applications to the city:',
      }[l],
      verifyLink(base, token, l),
      {
        fi: `Linkki toimii kerran ja ${hours} tunnin ajan. Jos et rekisteröitynyt Tonttiluukkuun, voit jättää tämän viestin huomiotta.`,
        sv: `Länken fungerar en gång och i ${hours} timmar. Om du inte har registrerat dig i Tonttiluukku kan du bortse från det här meddelandet.`,
        en: `The link works once and for ${hours} hours. If you did not register with Tonttiluukku, you can ignore this message.`,
      }[l],
      FOOTER[l],
    ].join('\n\n'),
    kind: 'account.verify_email',
  };
}

/**
 * To the owner of an address someone tried to register again. The sign-up itself answered as
 * for a new address, so only the mailbox's owner learns that the account exists.
 */
export function registrationAttemptMail(to: string, l: Lang, base: string): MailMessage {
  return {
    to,
    subject: {
      fi: 'Osoitteellasi yritettiin rekisteröityä – Tonttiluukku',
      sv: 'Någon försökte registrera sig med din adress – Tonttiluukku',
      en: 'Someone tried to register with your address – Tonttiluukku',
    }[l],
    text: [
      {
        fi: 'Joku yritti juuri luoda Tonttiluukkuun uuden tilin tällä sähköpostiosoitteella. Osoitteella on jo tili, joten uutta tiliä ei luotu eikä tiliisi tehty muutoksia.',
        sv: 'Någon försökte just skapa ett nytt konto i Tonttiluukku med den här e-postadressen. Adressen har redan ett konto, så inget nytt konto skapades och ditt konto ändrades inte.',
        en: 'Someone just tried to create a new Tonttiluukku account with this e-mail address. The address already has an account, so no new account was made and yours was not changed.',
      }[l],
      {
        fi: 'Jos se olit sinä, kirjaudu sisään nykyisellä tililläsi:',
        sv: 'Om det var du, logga in med ditt befintliga konto:',
        en: 'If it was you, sign in with your existing account:',
      }[l],
      `${base}/apply.html?lang=${l}`,
      {
        fi: 'Jos se et ollut sinä, voit jättää tämän viestin huomiotta.',
        sv: 'Om det inte var du kan du bortse från det här meddelandet.',
        en: 'If it was not you, you can ignore this message.',
      }[l],
      FOOTER[l],
    ].join('\n\n'),
    kind: 'account.register_attempt',
  };
}
