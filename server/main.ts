import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { openDb, type Db } from './db/index.ts';
import type { Logger } from './log.ts';
import { createDataVersion } from './plots/data-version.ts';
import { seedDemoIfEmpty } from './plots/demo/seed.ts';
import { loadReferenceData } from './reference/load.ts';
import { loadPermitCatalogue } from './permits/load.ts';
import { createMailer } from './mail/index.ts';
import { activeDemoAccounts, newDemoPassword, seedDemoHandlers } from './applications/index.ts';
import { answerClientError } from './http/client-error.ts';
import { seedDemoKeyManager } from './key-projects/demo.ts';
import { DEMO_APPLICANT, seedDemoProjects } from './key-projects/demo-history.ts';

export interface Running {
  url: string;
  port: number;
  db: Db;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  stop(): Promise<void>;
}

/** Opens the database, loads reference and demo data when missing, and listens. */
export async function start(config: Config, log: Logger, opts: { db?: Db } = {}): Promise<Running> {
  // The server answers local command-line tools on the embedded folder (create-admin, import...).
  const db = opts.db ?? (await openDb(config, log, { serveLocalTools: true }));
  const loaded = await loadReferenceData(db);
  if (loaded) log.info({ rows: loaded }, 'reference geography loaded');
  await loadPermitCatalogue(db);
  if (config.seedDemo) {
    const t = performance.now();
    const n = await seedDemoIfEmpty(db, { count: config.demoCount });
    if (n) log.info({ plots: n, ms: Math.round(performance.now() - t) }, 'demo plots generated');
    // Only in the start that seeds the demo plots: a database holding other plots, or a start
    // without demo plots, never gets them. Their password is this install's own, logged once.
    if (n && config.seedDemoAccounts) {
      const password = newDemoPassword();
      const created = [
        ...(await seedDemoHandlers(db, password)),
        ...(await seedDemoKeyManager(db, password)),
      ];
      if (await seedDemoProjects(db, password)) created.push(DEMO_APPLICANT);
      if (created.length)
        log.warn(
          { accounts: created, demoPassword: password },
          'demo handler accounts created; their password is shown only here (SEED_DEMO_ACCOUNTS=false to skip)',
        );
    }
  }
  const demoAccounts = await activeDemoAccounts(db);
  if (demoAccounts.length)
    log.warn(
      { accounts: demoAccounts.length },
      'demo accounts on the @demo.invalid domain still active (their password is in the log of ' +
        'the first start): npm run remove-demo-accounts deletes them',
    );
  const dataVersion = await createDataVersion(db);
  // The handler is attached after listening: with PORT=0 the links in e-mails need the real port.
  let handle: http.RequestListener = (_req, res) => res.writeHead(503).end();
  let stopping = false;
  // Slow clients cannot hold a socket: headers and the whole request have deadlines, checked
  // every second (Node's default check runs every 30 s, which would let a slow client stay).
  const server = http.createServer(
    {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      keepAliveTimeout: config.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, config.headersTimeoutMs),
    },
    (req, res) => {
      // While stopping, answers say Connection: close so clients open no new requests here.
      if (stopping) res.shouldKeepAlive = false;
      handle(req, res);
    },
  );
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  if (config.publicBaseUrl === 'http://localhost:0') config = { ...config, publicBaseUrl: url };
  if (config.mailOutboxPage) log.info(`mail outbox at ${url}/outbox for signed-in admins (MAIL_OUTBOX_PAGE)`);
  log.info(
    {
      password: config.passwordLogin,
      oidc: config.oidcIssuer ?? false,
      oidcStaff: Boolean(config.oidcIssuer && config.oidcStaff),
      mandates: config.oidcIssuer ? config.oidcMandates : undefined,
    },
    'sign-in methods',
  );
  const mailer = createMailer(config, db, log);
  const app = createApp({ config, db, log, dataVersion, mailer });
  handle = app.handle;
  return {
    url,
    port,
    db,
    async stop() {
      stopping = true;
      await new Promise<void>((resolve) => {
        // Keep-alive connections busy now become idle when their response ends: close them
        // then (close() alone would wait for their keep-alive timeout).
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
        app.stopping();
      });
      await app.close();
      await mailer.close();
      await dataVersion.close();
      if (!opts.db) await db.close();
    },
  };
}
