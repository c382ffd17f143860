/**
 * Starts the app as the browser tests see it and keeps it running, for looking at it by hand:
 * `npx tsx test/browser/serve.ts` (prints the URL; Ctrl-C stops it).
 */
import { startAppServer } from './app-server.ts';

const app = await startAppServer();
console.log(app.url);
const stop = async () => {
  await app.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
