import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the receiving SMTP server got it, with headers and text decoded. */
export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  from: string;
  subject: string;
  /** The text/plain part, decoded (quoted-printable or base64). */
  text: string;
  headers: Record<string, string>;
  raw: string;
}

export interface SmtpReceiver {
  /** smtp://127.0.0.1:PORT for SMTP_URL. */
  url: string;
  messages: ReceivedMail[];
  /** Resolves with the first message (already received or arriving) that matches. */
  waitFor(match: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  /** Called before accepting each message; throw to answer with a temporary failure (451). */
  beforeAccept?: (n: number) => Promise<void> | void;
}

/** A real SMTP server on a free loopback port that keeps what it receives in memory. */
export async function startSmtpReceiver(opts: ReceiverOptions = {}): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        try {
          await opts.beforeAccept?.(++n);
        } catch (err) {
          const e = new Error((err as Error).message) as Error & { responseCode: number };
          e.responseCode = 451;
          callback(e);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push(parse(raw, session));
        for (const w of waiters) w();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(match, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = messages.find(match);
          if (!m) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(m);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching mail among ${messages.length} received`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Session = { envelope: { rcptTo: { address: string }[]; mailFrom: false | { address: string } } };

function parse(raw: string, session: Session): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const headers = parseHeaders(head);
  let body = raw.slice(split + 4);
  let type = headers['content-type'] ?? 'text/plain';
  let encoding = headers['content-transfer-encoding'] ?? '7bit';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    // The first text/plain part of a multipart/alternative message.
    for (const part of body.split(`--${boundary}`)) {
      const i = part.indexOf('\r\n\r\n');
      if (i < 0) continue;
      const h = parseHeaders(part.slice(0, i));
      if ((h['content-type'] ?? '').startsWith('text/plain')) {
        type = h['content-type']!;
        encoding = h['content-transfer-encoding'] ?? '7bit';
        body = part.slice(i + 4);
        break;
      }
    }
  }
  return {
    to: session.envelope.rcptTo.map((r) => r.address),
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    subject: decodeWords(headers.subject ?? ''),
    text: decodeBody(body.replace(/\r\n$/, ''), encoding),
    headers,
    raw,
  };
}

function parseHeaders(head: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=). */
function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_m, _cs, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')),
    );
}

function decodeBody(body: string, encoding: string): string {
  if (/quoted-printable/i.test(encoding)) return qp(body.replace(/=\r\n/g, ''));
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

function qp(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
}
