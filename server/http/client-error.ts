/**
 * Answers requests that Node's HTTP parser refuses before any route sees them (a request line or
 * headers over the 16 KB limit, malformed HTTP, a header or request deadline passed). Node's own
 * answer has no body; ours carries the same JSON error shape as every other refusal, so clients
 * and tools can read a stable code.
 */
import type { Socket } from 'node:net';
import { own } from '../../shared/own.ts';

const REFUSALS: Record<string, [status: number, reason: string, code: string, message: string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'headers_too_large',
    'The address or the headers are too long (at most 16 KB together).',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    'request_timeout',
    'The request took too long to arrive.',
  ],
  HPE_HEADER_TIMEOUT: [408, 'Request Timeout', 'request_timeout', 'The request took too long to arrive.'],
};
const MALFORMED: [number, string, string, string] = [
  400,
  'Bad Request',
  'malformed_request',
  'The request is not valid HTTP.',
];

export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  // A response already under way on this socket cannot be followed by another one.
  const busy = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (err.code === 'ECONNRESET' || !socket.writable || busy) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] = own(REFUSALS, err.code ?? '') ?? MALFORMED;
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
