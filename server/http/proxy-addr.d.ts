// The part of proxy-addr's API the rate limits use (the package ships no types); Express
// computes req.ip with the same call.
declare module 'proxy-addr' {
  import type { IncomingMessage } from 'node:http';
  type Trust = (addr: string, hop: number) => boolean;
  function proxyAddr(req: IncomingMessage, trust: Trust): string;
  export default proxyAddr;
}
