import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

describe('mail configuration', () => {
  it('has a fictional sender, links to localhost and the outbox page on a development start', () => {
    const c = loadConfig({ PORT: '4000' });
    expect(c.mailFrom).toBe('Tonttiluukku <no-reply@tonttiluukku.invalid>');
    expect(c.publicBaseUrl).toBe('http://localhost:4000');
    expect(c.mailOutboxPage).toBe(true);
    expect(c.smtpUrl).toBeUndefined();
  });

  it('hides the outbox page by default in any production start, and without demo data', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).mailOutboxPage).toBe(false);
    // Any DATABASE_URL is a production start, loopback or not, NODE_ENV set or not.
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db.internal.example:5432/tl' }).mailOutboxPage).toBe(
      false,
    );
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/tl' }).mailOutboxPage).toBe(false);
    expect(loadConfig({ SEED_DEMO: 'false' }).mailOutboxPage).toBe(false);
    expect(loadConfig({ MAIL_OUTBOX_PAGE: '0' }).mailOutboxPage).toBe(false);
  });

  it('serves the outbox page wherever MAIL_OUTBOX_PAGE=true asks for it', () => {
    expect(loadConfig({ NODE_ENV: 'production', MAIL_OUTBOX_PAGE: 'true' }).mailOutboxPage).toBe(true);
    expect(
      loadConfig({ DATABASE_URL: 'postgres://app@db.internal.example/tl', MAIL_OUTBOX_PAGE: 'true' })
        .mailOutboxPage,
    ).toBe(true);
  });

  it('reads SMTP_URL and PUBLIC_BASE_URL (without a trailing slash)', () => {
    const c = loadConfig({
      SMTP_URL: 'smtp://127.0.0.1:2525',
      PUBLIC_BASE_URL: 'https://tontit.example.org/',
    });
    expect(c.smtpUrl).toBe('smtp://127.0.0.1:2525');
    expect(c.publicBaseUrl).toBe('https://tontit.example.org');
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL/);
  });
});
