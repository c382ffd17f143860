import { describe, expect, it } from 'vitest';
import { alertMail, confirmationMail, describeFilter } from '../../server/saved-searches/mails.ts';
import type { MailPlotRow } from '../../server/saved-searches/sql.ts';

const plot = (over: Partial<MailPlotRow> = {}): MailPlotRow => ({
  id: '42',
  property_id: '091-045-0012-0003',
  block_plot: '45012/3',
  address: 'Sammalkatu 3',
  use_code: 'T',
  area_m2: 4210,
  building_right_kem2: 2500,
  availability: 'available',
  is_demo: false,
  ...over,
});
const links = { base: 'https://tontit.example.org', unsubscribe: 'https://tontit.example.org/u?token=t' };

describe('saved-search mails', () => {
  it.each([
    ['fi', 'käyttötarkoitus: teollisuus, toimisto; kaupunginosa: 45, 46; piirretty alue'],
    ['sv', 'användning: industri, kontor; stadsdel: 45, 46; ritat område'],
    ['en', 'use: industrial, office; district: 45, 46; drawn area'],
  ] as const)('describes a filter in words (%s)', (lang, words) => {
    const within = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [24.9, 60.2],
          [24.91, 60.2],
          [24.91, 60.21],
          [24.9, 60.2],
        ],
      ],
    };
    expect(describeFilter({ useClass: ['office', 'industrial'], district: [46, 45], within }, lang)).toBe(
      words,
    );
  });

  it('says "every plot" for an empty filter', () => {
    expect(describeFilter({}, 'fi')).toBe('kaikki tontit');
  });

  it('lists each plot with its facts in the locale and a link to its card', () => {
    const m = alertMail('fi', 'immediate', { filter: { useClass: ['industrial'] } }, [plot()], links);
    expect(m.subject).toBe('Hakuvahti: uusi tontti 45012/3');
    expect(m.text).toContain('- 45012/3 (091-045-0012-0003), Sammalkatu 3');
    expect(m.text).toContain('T, pinta-ala 4\u00a0210 m², rakennusoikeus 2\u00a0500 k-m², vapaa');
    expect(m.text).toContain('https://tontit.example.org/?plot=42&lang=fi');
    expect(m.text).toContain('https://tontit.example.org/?use_class=industrial&lang=fi');
    expect(m.text).toContain(
      'Peru hakuvahti (kirjautumista ei tarvita):\nhttps://tontit.example.org/u?token=t',
    );
  });

  it('labels demo plots in the subject and the first line', () => {
    const m = alertMail('sv', 'digest', { filter: {} }, [plot({ is_demo: true }), plot({ id: '43' })], links);
    expect(m.subject).toBe('[DEMO] Bevakningens dagliga sammanfattning: 2 nya tomter');
    expect(m.text.split('\n')[0]).toBe('DEMODATA: tomterna är genererade och är inte stadens tomter.');
  });

  it('escapes stored text in the HTML part', () => {
    const m = alertMail(
      'en',
      'immediate',
      { filter: {} },
      [plot({ address: '<img src=x onerror=alert(1)>' })],
      links,
    );
    expect(m.html).not.toContain('<img');
    expect(m.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('asks for confirmation and says that nothing is sent without it', () => {
    const m = confirmationMail(
      'en',
      { filter: { q: 'Sammal' }, frequency: 'daily' },
      {
        confirm: 'https://tontit.example.org/c?token=t',
        map: 'https://tontit.example.org/?q=Sammal',
        cancel: 'https://tontit.example.org/u?token=c',
      },
    );
    expect(m.subject).toBe('Confirm your saved search');
    expect(m.text).toContain('Search: text: Sammal');
    expect(m.text).toContain('Frequency: A daily digest');
    expect(m.text).toContain('Confirm by opening this link:\nhttps://tontit.example.org/c?token=t');
    expect(m.text).toContain('without confirmation nothing will be sent');
    expect(m.text).toContain(
      'remove the request and your address at once:\nhttps://tontit.example.org/u?token=c',
    );
  });
});
